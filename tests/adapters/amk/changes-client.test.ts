/**
 * The adapter's reading of HaalWijzigingenOp (issue 12) against answers the mock never gives: a feed that
 * would skip, repeat or loop is a broken answer (not a permanent refusal: the next attempt may be sound),
 * and a changed zaak that fails its mapping fails the page rather than losing its change.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAmkAdapter } from '#adapters/amk/index.ts';
import type { WireWijziging } from '#adapters/amk/wire-types.ts';
import type { AgencyAdapter } from '#kit/contract.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import { CREDENTIALS, testContext, testHttp, testScope } from './context.ts';
import { BASE_URL, fault, ok, soapCall, type SeenCall } from './soap-nock.ts';
import { withField, zaak } from './wire-samples.ts';

let adapter: AgencyAdapter;
let scope: nock.Scope;

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
  scope = nock(BASE_URL);
  adapter = createAmkAdapter(testContext(testHttp(BASE_URL)), { credentials: CREDENTIALS, agencyCodes: WORLD_AGENCY_CODES });
});

afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  await adapter.close();
  expect(pending).toEqual([]);
});

const wijziging = (volgnummer: string, zaakId: string, soort: WireWijziging['soort'] = 'gewijzigd'): WireWijziging => ({ volgnummer, zaakId, soort });
const feed = (wijzigingen: WireWijziging[], laatsteVolgnummer: string, meer: 'J' | 'N') =>
  ok('HaalWijzigingenOp', { wijzigingen: { wijziging: wijzigingen }, laatsteVolgnummer, meer });

describe('AMK change feed: what the adapter sends and reads', () => {
  it('asks without a volgnummer for the position, then after the cursor for 25 at most, and reads the zaken back in one call', async () => {
    const seen: SeenCall[] = [];
    soapCall(scope, 'HaalWijzigingenOp', { maximumAantal: '25' }, seen).reply(...feed([], '41', 'N'));
    soapCall(scope, 'HaalWijzigingenOp', { vanafVolgnummer: '41', maximumAantal: '25' }, seen)
      .reply(...feed([wijziging('42', zaak.zaakId), wijziging('43', 'AMK-2026-0099', 'verwijderd')], '43', 'N'));
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: [zaak.zaakId] } }, seen).reply(...ok('HaalZakenOp', { zaken: { zaak: [zaak] } }));
    const { cursor } = await adapter.householdChanges!(null, testScope());
    const page = await adapter.householdChanges!(cursor, testScope());
    expect(page.changes.map((change) => [change.householdLocalId, change.household?.localId ?? null])).toEqual([[zaak.zaakId, zaak.zaakId], ['AMK-2026-0099', null]]);
    expect(page).toMatchObject({ cursor: '43', more: false });
    expect(seen.map((call) => call.operation)).toEqual(['HaalWijzigingenOp', 'HaalWijzigingenOp', 'HaalZakenOp']);
  });

  it('a zaak HaalZakenOp no longer finds (ONBEKEND) is reported as no longer held', async () => {
    soapCall(scope, 'HaalWijzigingenOp', { vanafVolgnummer: '0', maximumAantal: '25' }).reply(...feed([wijziging('1', 'AMK-2026-0099')], '1', 'N'));
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: ['AMK-2026-0099'] } }).reply(...fault(404, 'Client', 'ONBEKEND'));
    expect(await adapter.householdChanges!('0', testScope())).toEqual({ changes: [{ householdLocalId: 'AMK-2026-0099', household: null }], cursor: '1', more: false });
  });

  it.each([
    ['a laatsteVolgnummer before the cursor', [], '4', 'N'],
    ['meer without wijzigingen', [], '5', 'J'],
    ['wijzigingen out of order', [wijziging('7', 'A'), wijziging('6', 'B')], '7', 'N'],
    ['a wijziging at or before the cursor', [wijziging('5', 'A')], '5', 'N'],
    ['a wijziging past laatsteVolgnummer', [wijziging('9', 'A')], '8', 'N'],
    ['a wijziging of an unknown soort', [{ volgnummer: '6', zaakId: 'A', soort: 'weg' } as unknown as WireWijziging], '6', 'N'],
    ['a malformed laatsteVolgnummer', [], 'vijf', 'N'],
  ] as const)('%s is a broken answer, not a refusal', async (_name, wijzigingen, laatste, meer) => {
    soapCall(scope, 'HaalWijzigingenOp', { vanafVolgnummer: '5', maximumAantal: '25' }).reply(...feed([...wijzigingen], laatste, meer));
    await expect(adapter.householdChanges!('5', testScope())).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', permanent: false });
  });

  it('a changed zaak that fails its mapping fails the page', async () => {
    soapCall(scope, 'HaalWijzigingenOp', { vanafVolgnummer: '0', maximumAantal: '25' }).reply(...feed([wijziging('1', zaak.zaakId)], '1', 'N'));
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: [zaak.zaakId] } }).reply(...ok('HaalZakenOp', { zaken: { zaak: [withField(zaak, 'fase', 'onbekend')] } }));
    await expect(adapter.householdChanges!('0', testScope())).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});
