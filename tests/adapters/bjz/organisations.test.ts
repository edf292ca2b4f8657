/**
 * One mock per organisation (issue 11): the BJZ mock started for Jeugdbescherming Noord, a certified
 * institution whose system speaks BJZ's dialect, serves the world's `jeugdbescherming-noord` case
 * (aanmeldingen from a Veilig Thuis and from the institution itself) and none of BJZ Groningen's, and
 * the adapter maps it back over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBjzMock } from '#adapters/bjz/mock.ts';
import type { AgencyAdapter, AgencyDescriptor } from '#kit/contract.ts';
import { WORLD_AGENCIES, WORLD_ORGANISATIONS, createWorld } from '#mock-world/index.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { DRENTHE, GRONINGEN, ORGANISATION_WORLD, caseOf } from '../organisation-world.ts';
import {
  bjzHouseholds, expectedChildren, expectedHousehold, expectedInvolvement, expectedReferrals, withoutLocalId, type BjzHousehold,
} from './expected.ts';
import { BJZ, createTestAdapter, createTestContext, scope, type TestContext } from './test-context.ts';

const GI_NOORD: AgencyDescriptor = {
  id: WORLD_ORGANISATIONS.giNoord, kind: 'CERTIFIED_INSTITUTION', name: 'Jeugdbescherming Noord', region: 'noord-nederland',
};
const GI_AMSTERDAM: AgencyDescriptor = {
  id: WORLD_ORGANISATIONS.giAmsterdam, kind: 'CERTIFIED_INSTITUTION', name: 'Jeugdbescherming Regio Amsterdam', region: 'amsterdam-amstelland',
};
const ownerOf = (agency: AgencyDescriptor) => ({ agencyId: agency.id, kind: agency.kind, region: agency.region });
const GI_OWNER = ownerOf(GI_NOORD);

const contexts: TestContext[] = [];
let gi: MockServer;
let bjz: MockServer;

function adapterFor(server: MockServer, agency: AgencyDescriptor): AgencyAdapter {
  const test = createTestContext({ baseUrl: server.url, agency });
  contexts.push(test);
  return createTestAdapter(test);
}

beforeAll(async () => {
  gi = await startBjzMock({ world: ORGANISATION_WORLD, agencyId: GI_NOORD.id });
  bjz = await startBjzMock({ world: ORGANISATION_WORLD });
});
afterAll(async () => {
  await Promise.all(contexts.map((test) => test.http.close()));
  await Promise.all([gi.close(), bjz.close()]);
});

describe('the BJZ mock started for Jeugdbescherming Noord (a certified institution)', () => {
  const entries = bjzHouseholds(ORGANISATION_WORLD, GI_OWNER);
  const entry: BjzHousehold = { household: DRENTHE, bjzCase: caseOf(DRENTHE, GI_NOORD.id), owner: GI_OWNER };
  const id = entry.bjzCase.householdLocalId;

  it('reports the organisation it serves; without agencyId it is still BJZ Groningen', () => {
    expect(gi.agencyId).toBe('jeugdbescherming-noord');
    expect(bjz.agencyId).toBe(WORLD_AGENCIES.bjz);
    expect(entries).toEqual([entry]);
  });

  it('maps its case back as the world holds it, aanmeldingen from Veilig Thuis Drenthe and from the institution included', async () => {
    const loaders = adapterFor(gi, GI_NOORD).createLoaders(scope());
    expect(await loaders.household.load(id)).toEqual(expectedHousehold(entry));
    expect(withoutLocalId(await loaders.childrenByHousehold.load(id))).toEqual(expectedChildren(entry));
    expect(await loaders.involvementByHousehold.load(id)).toEqual(expectedInvolvement(entry));
    const referrals = await loaders.referralsByHousehold.load(id);
    expect(referrals).toEqual(expectedReferrals(entry));
    expect(referrals.map(({ kind, fromAgencyId, toAgencyId, toCareProvider }) => ({ kind, fromAgencyId, toAgencyId, toCareProvider }))).toEqual([
      { kind: 'REQUEST_TO_RAAD', fromAgencyId: 'veilig-thuis-drenthe', toAgencyId: 'raad-voor-de-kinderbescherming', toCareProvider: null },
      { kind: 'VOLUNTARY_CARE', fromAgencyId: 'jeugdbescherming-noord', toAgencyId: null, toCareProvider: 'Yorneo' },
    ]);
    for (const referral of referrals) expect(await loaders.referral.load(referral.localId)).toEqual(referral);
    for (const bsn of entry.bjzCase.memberBsns) expect(await loaders.householdsByBsn.load(bsn)).toEqual([expectedHousehold(entry)]);
    expect(await adapterFor(gi, GI_NOORD).listHouseholds(['Assen'], scope())).toEqual([expectedHousehold(entry)]);
  });

  it("knows nothing of BJZ Groningen's clients, gezinnen or aanmeldingen", async () => {
    const theirs = caseOf(GRONINGEN, WORLD_AGENCIES.bjz);
    const loaders = adapterFor(gi, GI_NOORD).createLoaders(scope());
    expect(await loaders.household.load(theirs.householdLocalId)).toBeNull();
    expect(await loaders.referralsByHousehold.load(theirs.householdLocalId)).toEqual([]);
    expect(await loaders.referral.load(theirs.referrals[0]!.localId)).toBeNull();
    for (const bsn of theirs.memberBsns) expect(await loaders.householdsByBsn.load(bsn)).toEqual([]);
    expect(await adapterFor(gi, GI_NOORD).listHouseholds(['Groningen'], scope())).toEqual([]);
  });

  it("and BJZ Groningen's mock on the same world knows nothing of the institution's", async () => {
    const loaders = adapterFor(bjz, BJZ).createLoaders(scope());
    expect(await loaders.household.load(id)).toBeNull();
    for (const bsn of entry.bjzCase.memberBsns) expect(await loaders.householdsByBsn.load(bsn)).toEqual([]);
    const [theirs] = bjzHouseholds(ORGANISATION_WORLD);
    expect(await loaders.household.load(theirs!.bjzCase.householdLocalId)).toEqual(expectedHousehold(theirs!));
    expect(await loaders.referralsByHousehold.load(theirs!.bjzCase.householdLocalId)).toEqual(expectedReferrals(theirs!));
  });
});

// The default world's own cases of the certified institutions (none before issue 11's regional households arrive
// in src/mock-world), each through its organisation's mock and back.
describe.each([GI_NOORD, GI_AMSTERDAM])('every case the default world files under $id', (agency) => {
  it('maps back to the world through its own mock', async () => {
    const world = createWorld();
    const mock = await startBjzMock({ world, agencyId: agency.id });
    try {
      const loaders = adapterFor(mock, agency).createLoaders(scope());
      for (const theirs of bjzHouseholds(world, ownerOf(agency))) {
        const id = theirs.bjzCase.householdLocalId;
        expect(await loaders.household.load(id)).toEqual(expectedHousehold(theirs));
        expect(withoutLocalId(await loaders.childrenByHousehold.load(id))).toEqual(expectedChildren(theirs));
        expect(await loaders.involvementByHousehold.load(id)).toEqual(expectedInvolvement(theirs));
        expect(await loaders.referralsByHousehold.load(id)).toEqual(expectedReferrals(theirs));
      }
    } finally {
      await mock.close();
    }
  });
});
