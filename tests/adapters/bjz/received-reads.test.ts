/**
 * What BJZ's system received shows in its reads (issue 13), over real HTTP to the runnable mock and back
 * through the adapter's loaders: an aanmelding becomes an offered referral about a client per minor, in a
 * gezin BJZ already knows (scenario 3's) or in a new one; a repeated delivery creates nothing twice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBjzAdapter } from '#adapters/bjz/index.ts';
import { startBjzMock } from '#adapters/bjz/mock.ts';
import type { ActRecordValues } from '#domain/acts.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import { bsnFromSerial } from '#mock-world/random.ts';
import { contextFor, loopbackHttp, policeReferral, scope } from '../act-deliveries.ts';
import { BJZ } from './test-context.ts';

// Scenario 3: Lisa Hendriks, already BJZ's client in gezin bjz-gezin-7f3a; and a family BJZ does not know.
const LISA_BSN = bsnFromSerial(22);
const [NEW_CHILD_BSN, NEW_PARENT_BSN] = [bsnFromSerial(9_000_011), bsnFromSerial(9_000_012)];
const child = (values: Record<string, unknown>): ActRecordValues => ({ type: 'Child', values });
const member = (values: Record<string, unknown>): ActRecordValues => ({ type: 'HouseholdMember', values });

const opened: UpstreamHttp[] = [];
let mock: MockServer;

function adapter() {
  const http = loopbackHttp(BJZ.id, mock.url);
  opened.push(http);
  return createBjzAdapter(contextFor(BJZ, http), { clientId: 'ketenpoort', clientSecret: 'bjz-dev-secret', agencyCodes: WORLD_AGENCY_CODES });
}

beforeAll(async () => {
  mock = await startBjzMock();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((http) => http.close()));
});
afterAll(() => mock.close());

describe('the BJZ mock shows what it received', () => {
  it('an aanmelding about a family BJZ does not know registers its gezin, a client per named minor and the offered referral, once', async () => {
    const act = policeReferral(BJZ.id, {
      actId: 'bjz-read-1',
      members: [member({ 'HouseholdMember.role': 'PARENT_WITH_AUTHORITY' }), member({ 'HouseholdMember.name': 'Eva Bakker', 'HouseholdMember.bsn': NEW_PARENT_BSN, 'HouseholdMember.role': 'PARENT_WITH_AUTHORITY' })],
      children: [child({ 'Child.name': 'Daan Bakker', 'Child.bsn': NEW_CHILD_BSN, 'Child.birthDate': '2014-02-03', 'Child.role': 'DIRECT_VICTIM' })],
    });
    const { receiverReference: id } = await adapter().deliver!(act, scope());
    expect(await adapter().deliver!(act, scope())).toEqual({ receiverReference: id });
    const loaders = adapter().createLoaders(scope());
    const households = await loaders.householdsByBsn.load(NEW_PARENT_BSN);
    expect(households).toEqual([expect.objectContaining({
      localId: `${id}-gezin`, municipality: 'Groningen', address: { street: 'Vinkenstraat', houseNumber: '12a', postalCode: '9727BW', city: 'Groningen' },
      // The parent sent without a name is left out: BJZ registers no gezinslid without one.
      members: [
        { bsn: NEW_PARENT_BSN, name: 'Eva Bakker', birthDate: null, role: 'PARENT_WITH_AUTHORITY' },
        { bsn: NEW_CHILD_BSN, name: 'Daan Bakker', birthDate: '2014-02-03', role: 'CHILD' },
      ],
    })]);
    expect(await loaders.childrenByHousehold.load(`${id}-gezin`)).toEqual([expect.objectContaining({
      localId: `${id}-k1`, bsn: NEW_CHILD_BSN, name: 'Daan Bakker', birthDate: '2014-02-03', role: 'DIRECT_VICTIM', school: null, situation: null,
    })]);
    expect(await loaders.referralsByHousehold.load(`${id}-gezin`)).toEqual([expect.objectContaining({
      localId: id, fromAgencyId: 'politie-noord-nederland', toAgencyId: BJZ.id, kind: 'POLICE_TO_BJZ', status: 'OFFERED',
      reason: 'Zorgmelding 0-18', safetyConditions: [], createdAt: expect.stringMatching(/^2026-11-02T10:15/),
    })]);
    expect(await loaders.involvementByHousehold.load(`${id}-gezin`)).toMatchObject({ phase: 'REGISTERED', since: '2026-11-02', careProvider: null });
    const listed = await adapter().listHouseholds(['Groningen'], scope());
    expect(listed.filter((household) => household.localId === `${id}-gezin`)).toHaveLength(1);
  });

  it('an aanmelding about a minor who is already BJZ\'s client adds the offered referral to that gezin, with no new client', async () => {
    const { receiverReference: id } = await adapter().deliver!(policeReferral(BJZ.id, {
      actId: 'bjz-read-2', members: [], children: [child({ 'Child.name': 'Lisa Hendriks', 'Child.bsn': LISA_BSN })],
    }), scope());
    const loaders = adapter().createLoaders(scope());
    expect((await loaders.householdsByBsn.load(LISA_BSN)).map((household) => household.localId)).toEqual(['bjz-gezin-7f3a']);
    expect((await loaders.childrenByHousehold.load('bjz-gezin-7f3a')).map((client) => client.localId)).toEqual(['bjz-gezin-7f3a-k1']);
    expect((await loaders.referralsByHousehold.load('bjz-gezin-7f3a')).map((referral) => [referral.localId, referral.status])).toEqual([
      ['bjz-aanmelding-5120', 'RUNNING'], [id, 'OFFERED'],
    ]);
  });
});
