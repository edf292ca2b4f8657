/**
 * One mock per organisation (issue 11): the ASHG mock started for the ASHG Drenthe's archive serves
 * the world's `ashg-drenthe` cases, and none of the ASHG Groningen's, through real HTTP and the adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAshgAdapter } from '#adapters/ashg/index.ts';
import { startAshgMock } from '#adapters/ashg/mock.ts';
import type { AgencyDescriptor } from '#kit/contract.ts';
import { WORLD_AGENCIES, WORLD_AGENCY_CODES, WORLD_ORGANISATIONS, createWorld } from '#mock-world/index.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { DRENTHE, GRONINGEN, ORGANISATION_WORLD, caseOf } from '../organisation-world.ts';
import { ASHG, testContext, testScope } from './context.ts';
import { createRecordingHttp, type RecordingHttp } from './recording-http.ts';
import { expectationsFor } from './world-expectations.ts';

const ASHG_DRENTHE: AgencyDescriptor = { id: WORLD_ORGANISATIONS.ashgDrenthe, kind: 'ASHG', name: 'ASHG Drenthe', region: 'drenthe' };
const ownerOf = (agency: AgencyDescriptor) => ({ agencyId: agency.id, kind: agency.kind, region: agency.region });

const opened: RecordingHttp[] = [];
let archive: MockServer;
let groningen: MockServer;

function adapterFor(server: MockServer, agency: AgencyDescriptor) {
  const http = createRecordingHttp(server.url);
  opened.push(http);
  return createAshgAdapter(testContext(http, agency), { apiKey: 'ashg-dev-key', agencyCodes: WORLD_AGENCY_CODES });
}

beforeAll(async () => {
  archive = await startAshgMock({ world: ORGANISATION_WORLD, agencyId: ASHG_DRENTHE.id });
  groningen = await startAshgMock({ world: ORGANISATION_WORLD });
});
afterAll(async () => {
  await Promise.all(opened.map((http) => http.close()));
  await Promise.all([archive.close(), groningen.close()]);
});

describe('the ASHG mock started for the ASHG Drenthe (its archive)', () => {
  const expected = expectationsFor(DRENTHE, ownerOf(ASHG_DRENTHE));
  const id = expected.ashgCase.householdLocalId;

  it('reports the organisation it serves; without agencyId it is still the ASHG Groningen', () => {
    expect(archive.agencyId).toBe('ashg-drenthe');
    expect(groningen.agencyId).toBe(WORLD_AGENCIES.ashg);
  });

  it("serves the archive's case as the world holds it: the pre-2015 handover to the AMK Drenthe included", async () => {
    const loaders = adapterFor(archive, ASHG_DRENTHE).createLoaders(testScope());
    expect(await loaders.household.load(id)).toEqual(expected.household);
    expect(await loaders.childrenByHousehold.load(id)).toEqual(expected.children);
    expect(await loaders.involvementByHousehold.load(id)).toEqual(expected.involvement);
    expect(await loaders.reportsByHousehold.load(id)).toEqual(expected.reports);
    expect(await loaders.referralsByHousehold.load(id)).toEqual(expected.referrals);
    expect(expected.referrals).toMatchObject([{ fromAgencyId: 'ashg-drenthe', toAgencyId: 'amk-drenthe', kind: 'HANDOVER_ASHG_TO_AMK' }]);
    for (const bsn of expected.ashgCase.memberBsns) expect(await loaders.householdsByBsn.load(bsn)).toEqual([expected.household]);
    expect(await adapterFor(archive, ASHG_DRENTHE).listHouseholds(['Assen'], testScope())).toEqual([expected.household]);
  });

  it("knows nothing of the ASHG Groningen's cases", async () => {
    const theirs = caseOf(GRONINGEN, WORLD_AGENCIES.ashg);
    const loaders = adapterFor(archive, ASHG_DRENTHE).createLoaders(testScope());
    expect(await loaders.household.load(theirs.householdLocalId)).toBeNull();
    expect(await loaders.reportsByHousehold.load(theirs.householdLocalId)).toEqual([]);
    for (const bsn of theirs.memberBsns) expect(await loaders.householdsByBsn.load(bsn)).toEqual([]);
    expect(await adapterFor(archive, ASHG_DRENTHE).listHouseholds(['Groningen'], testScope())).toEqual([]);
  });

  it("and the ASHG Groningen's mock on the same world knows nothing of the archive's", async () => {
    const loaders = adapterFor(groningen, ASHG).createLoaders(testScope());
    expect(await loaders.household.load(id)).toBeNull();
    expect(await loaders.household.load(caseOf(GRONINGEN, WORLD_AGENCIES.ashg).householdLocalId)).toEqual(expectationsFor(GRONINGEN).household);
  });
});

// The default world's own cases of the ASHG Drenthe's archive (none before issue 11's regional households arrive
// in src/mock-world), through its mock and back.
describe('every case the default world files under ashg-drenthe', () => {
  it('maps back to the world through its own mock', async () => {
    const world = createWorld();
    const mock = await startAshgMock({ world, agencyId: ASHG_DRENTHE.id });
    try {
      const loaders = adapterFor(mock, ASHG_DRENTHE).createLoaders(testScope());
      for (const household of world.households.filter((candidate) => candidate.cases[ASHG_DRENTHE.id])) {
        const expected = expectationsFor(household, ownerOf(ASHG_DRENTHE));
        const id = expected.ashgCase.householdLocalId;
        expect(await loaders.household.load(id)).toEqual(expected.household);
        expect(await loaders.childrenByHousehold.load(id)).toEqual(expected.children);
        expect(await loaders.involvementByHousehold.load(id)).toEqual(expected.involvement);
        expect(await loaders.reportsByHousehold.load(id)).toEqual(expected.reports);
        expect(await loaders.referralsByHousehold.load(id)).toEqual(expected.referrals);
      }
    } finally {
      await mock.close();
    }
  });
});
