import { describe, expect, it } from 'vitest';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import * as mapping from '#adapters/bjz/mapping.ts';
import type { BjzMappingOptions } from '#adapters/bjz/mapping.ts';
import { aanmeldingKeys, clientKeys } from '#adapters/bjz/record-keys.ts';
import { badRecord, type MappingResult } from '#kit/mapping-result.ts';
import { OWNER } from './test-context.ts';
import { BSN, wireAanmelding, wireClient, withField } from './wire-samples.ts';

const options: BjzMappingOptions = { owner: OWNER, agencyCodes: WORLD_AGENCY_CODES };
const meta = { owner: OWNER, householdLocalId: 'bjz-gezin-7f3a', municipality: 'Groningen' };

/** A mapping as the loaders file it: the record, or the AdapterError and the keys the record is still filed under. */
function filed<T, K>(result: MappingResult<T>, agency: string, keys: () => K) {
  return result.ok ? result : { ok: false as const, error: badRecord(result.problem, agency), keys: keys() };
}
const mapClient = (raw: unknown, on: BjzMappingOptions) => filed(mapping.mapClient(raw, on), on.owner.agencyId, () => clientKeys(raw));
const mapAanmelding = (raw: unknown, on: BjzMappingOptions) =>
  filed(mapping.mapAanmelding(raw, on), on.owner.agencyId, () => aanmeldingKeys(raw));

describe('mapClient: a BJZ client becomes household, child and involvement', () => {
  it('maps every field, converting codes, Dutch dates, house number and postcode', () => {
    const result = mapClient(wireClient(), options);
    expect(result).toEqual({
      ok: true,
      value: {
        clientId: 'bjz-gezin-7f3a-k1',
        gezinId: 'bjz-gezin-7f3a',
        bsns: [BSN.lisa, BSN.father],
        household: {
          type: 'Household', ...meta, localId: 'bjz-gezin-7f3a',
          members: [
            { bsn: BSN.father, name: 'Marco Hendriks', birthDate: '1978-05-01', role: 'PARENT_WITH_AUTHORITY' },
            { bsn: BSN.lisa, name: 'Lisa Hendriks', birthDate: '2011-05-14', role: 'CHILD' },
          ],
          address: { street: 'Paterswoldseweg', houseNumber: '301', postalCode: '9727BW', city: 'Groningen' },
        },
        child: {
          type: 'Child', ...meta, localId: 'bjz-gezin-7f3a-k1', bsn: BSN.lisa, name: 'Lisa Hendriks',
          birthDate: '2011-05-14', school: 'Praedinius Gymnasium', situation: 'Spijbelt; zegt niet thuis te willen zijn.',
          role: 'DIRECT_VICTIM',
        },
        involvement: {
          type: 'Involvement', ...meta, localId: 'bjz-gezin-7f3a', phase: 'INTAKE', phaseCategory: 'ASSESSMENT',
          since: '2026-10-06',
          contact: { name: 'Bureau Jeugdzorg Groningen, toegang', phone: '050-0000004', email: 'toegang@bjz-groningen.example' },
          careProvider: 'Jeugdhulp Groningen Stad',
        },
      },
    });
  });

  it.each([
    ['fase aanmelding', 'traject.fase', 'aanmelding', (v: MappedValue) => [v.involvement.phase, v.involvement.phaseCategory], ['REGISTERED', 'SIGNAL']],
    ['fase hulp', 'traject.fase', 'hulp', (v: MappedValue) => [v.involvement.phase, v.involvement.phaseCategory], ['HANDED_OVER_TO_CARE', 'CARE']],
    ['fase afgesloten', 'traject.fase', 'afgesloten', (v: MappedValue) => [v.involvement.phase, v.involvement.phaseCategory], ['CLOSED', 'CLOSED']],
    ['betrokkenheid getuige', 'betrokkenheid', 'getuige-partnergeweld', (v: MappedValue) => v.child.role, 'WITNESS_OF_PARTNER_VIOLENCE'],
    ['no betrokkenheid', 'betrokkenheid', null, (v: MappedValue) => v.child.role, null],
    ['postcode without space', 'adres.postcode', '9727BW', (v: MappedValue) => v.household.address?.postalCode, '9727BW'],
    ['house number addition', 'adres.toevoeging', 'a', (v: MappedValue) => v.household.address?.houseNumber, '301a'],
    ['no address', 'adres', null, (v: MappedValue) => v.household.address, null],
    ['empty school', 'school', '', (v: MappedValue) => v.child.school, null],
    ['absent situatie', 'situatie', undefined, (v: MappedValue) => v.child.situation, null],
    ['no contactpunt', 'traject.contactpunt', null, (v: MappedValue) => v.involvement.contact, null],
    ['client without BSN', 'bsn', null, (v: MappedValue) => [v.child.bsn, v.bsns], [null, [BSN.father, BSN.lisa]]],
    ['gezinslid without BSN', 'gezin.gezinsleden.0.bsn', null, (v: MappedValue) => v.household.members[0]?.bsn, null],
    ['stiefouder', 'gezin.gezinsleden.0.relatie', 'stiefouder', (v: MappedValue) => v.household.members[0]?.role, 'STEP_PARENT'],
  ] as const)('accepts %s', (_name, path, value, pick, expected) => {
    const result = mapClient(withField(wireClient(), path, value), options);
    if (!result.ok) throw result.error;
    expect(pick(result.value)).toEqual(expected);
  });

  const gezinAndBsns = { gezinId: 'bjz-gezin-7f3a', bsns: [BSN.lisa, BSN.father] };
  it.each([
    ['id missing', 'id', undefined, 'id', gezinAndBsns],
    ['id blank', 'id', '  ', 'id', gezinAndBsns],
    ['gezin missing', 'gezin', undefined, 'gezin', { gezinId: null, bsns: null }],
    ['gezin id a number', 'gezin.id', 7, 'gezin.id', { gezinId: null, bsns: [BSN.lisa, BSN.father] }],
    ['gemeente missing', 'gemeente', null, 'gemeente', gezinAndBsns],
    ['gezinsleden not an array', 'gezin.gezinsleden', { 0: 'x' }, 'gezin.gezinsleden', { gezinId: 'bjz-gezin-7f3a', bsns: null }],
    ['gezinslid not an object', 'gezin.gezinsleden.0', 'Marco', 'gezin.gezinsleden[0]', { gezinId: 'bjz-gezin-7f3a', bsns: null }],
    ['gezinslid BSN a number', 'gezin.gezinsleden.0.bsn', 900002104, 'gezin.gezinsleden[0].bsn', { gezinId: 'bjz-gezin-7f3a', bsns: null }],
    ['gezinslid BSN fails the eleven-test', 'gezin.gezinsleden.0.bsn', BSN.invalid, 'gezin.gezinsleden[0].bsn', { gezinId: 'bjz-gezin-7f3a', bsns: [BSN.lisa, BSN.invalid] }],
    ['gezinslid relatie unknown', 'gezin.gezinsleden.0.relatie', 'oom', 'gezin.gezinsleden[0].relatie', gezinAndBsns],
    ['gezinslid relatie a prototype key', 'gezin.gezinsleden.0.relatie', 'constructor', 'gezin.gezinsleden[0].relatie', gezinAndBsns],
    ['gezinslid naam missing', 'gezin.gezinsleden.1.naam', undefined, 'gezin.gezinsleden[1].naam', gezinAndBsns],
    ['gezinslid birth date not a calendar date', 'gezin.gezinsleden.0.geboortedatum', '31-02-1978', 'gezin.gezinsleden[0].geboortedatum', gezinAndBsns],
    ['client BSN eight digits', 'bsn', '90000220', 'bsn', { gezinId: 'bjz-gezin-7f3a', bsns: ['90000220', BSN.father, BSN.lisa] }],
    ['client birth date in ISO form', 'geboortedatum', '2011-05-14', 'geboortedatum', gezinAndBsns],
    ['naam missing', 'naam', undefined, 'naam', gezinAndBsns],
    ['school a number', 'school', 12, 'school', gezinAndBsns],
    ['betrokkenheid unknown', 'betrokkenheid', 'slachtoffer', 'betrokkenheid', gezinAndBsns],
    ['address not an object', 'adres', 'Paterswoldseweg 301', 'adres', gezinAndBsns],
    ['postcode malformed', 'adres.postcode', '97 27BW', 'adres.postcode', gezinAndBsns],
    ['house number a string', 'adres.huisnummer', '301', 'adres.huisnummer', gezinAndBsns],
    ['house number zero', 'adres.huisnummer', 0, 'adres.huisnummer', gezinAndBsns],
    ['traject missing', 'traject', undefined, 'traject', gezinAndBsns],
    ['fase in capitals', 'traject.fase', 'INTAKE', 'traject.fase', gezinAndBsns],
    ['fase unknown', 'traject.fase', 'onderzoek', 'traject.fase', gezinAndBsns],
    ['startdatum impossible', 'traject.startdatum', '32-10-2026', 'traject.startdatum', gezinAndBsns],
    ['contactpunt without naam', 'traject.contactpunt.naam', null, 'traject.contactpunt.naam', gezinAndBsns],
    ['zorgaanbieder an object', 'traject.zorgaanbieder', { naam: 'x' }, 'traject.zorgaanbieder', gezinAndBsns],
  ] as const)('rejects %s as UPSTREAM_BAD_RESPONSE naming the field, with the keys it can still be filed under', (_name, path, value, field, keys) => {
    const result = mapClient(withField(wireClient(), path, value), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', agency: 'bjz-groningen' });
    expect(result.error.message).toBe(`BJZ client record has an invalid field: ${field}`);
    expect(result.keys).toEqual(keys);
  });

  it.each([null, [], 'client', 42])('rejects a record that is not an object (%j)', (raw) => {
    const result = mapClient(raw, options);
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_BAD_RESPONSE' }, keys: { gezinId: null, bsns: null } });
  });

  it('never puts a value into the error message', () => {
    const result = mapClient(withField(wireClient(), 'gezin.gezinsleden.0.bsn', BSN.invalid), options);
    expect(result.ok ? '' : result.error.message).not.toContain(BSN.invalid);
  });
});

type MappedValue = Extract<ReturnType<typeof mapClient>, { ok: true }>['value'];

describe('mapAanmelding: a BJZ aanmelding becomes a referral', () => {
  it('maps every field, translating chain-partner codes to agency ids', () => {
    expect(mapAanmelding(wireAanmelding(), options)).toEqual({
      ok: true,
      value: {
        clientIds: ['bjz-gezin-7f3a-k1'],
        referral: {
          type: 'Referral', ...meta, localId: 'bjz-aanmelding-5120',
          fromAgencyId: 'politie-noord-nederland', toAgencyId: 'bjz-groningen', toCareProvider: 'Jeugdhulp Groningen Stad',
          kind: 'POLICE_TO_BJZ', reason: 'Aanmelding via politie, convenant 0-18.', safetyConditions: [], warmHandover: false,
          status: 'RUNNING', createdAt: '2026-10-06T09:00:00+02:00', updatedAt: '2026-10-20T13:00:00+02:00', reportLocalId: null,
        },
      },
    });
  });

  it.each([
    ['an unknown sender code maps to null', 'van', 'POL-OB', (r: Referral) => r.fromAgencyId, null],
    ['an unknown receiver code maps to null, the care provider kept', 'naar', 'ZA-LENTIS', (r: Referral) => [r.toAgencyId, r.toCareProvider], [null, 'Jeugdhulp Groningen Stad']],
    ['no receiver', 'naar', null, (r: Referral) => r.toAgencyId, null],
    ['winter offset and UTC', 'aangemaaktOp', '01-12-2026 23:59:59 +0000', (r: Referral) => r.createdAt, '2026-12-01T23:59:59+00:00'],
    ['safety conditions', 'veiligheidsafspraken', ['Geen contact met vader'], (r: Referral) => r.safetyConditions, ['Geen contact met vader']],
    ['status onveilig-teruggemeld', 'status', 'onveilig-teruggemeld', (r: Referral) => r.status, 'RETURNED_UNSAFE'],
    ['soort vrijwillig', 'soort', 'vrijwillig', (r: Referral) => r.kind, 'VOLUNTARY_CARE'],
    ['soort politie-veilig-thuis', 'soort', 'politie-veilig-thuis', (r: Referral) => r.kind, 'POLICE_TO_VEILIG_THUIS'],
    ['soort verzoek-raad', 'soort', 'verzoek-raad', (r: Referral) => r.kind, 'REQUEST_TO_RAAD'],
    ['a Veilig Thuis as sender', 'van', 'VT-DRE', (r: Referral) => r.fromAgencyId, 'veilig-thuis-drenthe'],
    ['a certified institution as sender', 'van', 'GI-NRD', (r: Referral) => r.fromAgencyId, 'jeugdbescherming-noord'],
    ['the Raad as receiver', 'naar', 'RAAD', (r: Referral) => r.toAgencyId, 'raad-voor-de-kinderbescherming'],
  ] as const)('accepts %s', (_name, path, value, pick, expected) => {
    const result = mapAanmelding(withField(wireAanmelding(), path, value), options);
    if (!result.ok) throw result.error;
    expect(pick(result.value.referral)).toEqual(expected);
  });

  it('takes its chain-partner codes from the option', () => {
    const result = mapAanmelding(wireAanmelding(), { owner: OWNER, agencyCodes: { 'POL-NN': 'politie-nn-test' } });
    expect(result.ok && [result.value.referral.fromAgencyId, result.value.referral.toAgencyId]).toEqual(['politie-nn-test', null]);
  });

  const filed = { id: 'bjz-aanmelding-5120', clientIds: ['bjz-gezin-7f3a-k1'] };
  it.each([
    ['id missing', 'id', undefined, 'id', { id: null, clientIds: ['bjz-gezin-7f3a-k1'] }],
    ['clientIds not an array', 'clientIds', 'bjz-gezin-7f3a-k1', 'clientIds', { ...filed, clientIds: null }],
    ['a client id blank', 'clientIds', [''], 'clientIds[0]', { ...filed, clientIds: null }],
    ['gezinId missing', 'gezinId', undefined, 'gezinId', filed],
    ['van missing', 'van', null, 'van', filed],
    ['soort unknown', 'soort', 'politie-ashg', 'soort', filed],
    ['status in English', 'status', 'RUNNING', 'status', filed],
    ['aangemaaktOp in ISO form', 'aangemaaktOp', '2026-10-06T09:00:00+02:00', 'aangemaaktOp', filed],
    ['gewijzigdOp hour 25', 'gewijzigdOp', '20-10-2026 25:00:00 +0200', 'gewijzigdOp', filed],
    ['gewijzigdOp without offset', 'gewijzigdOp', '20-10-2026 13:00:00', 'gewijzigdOp', filed],
    ['veiligheidsafspraken a string', 'veiligheidsafspraken', 'geen', 'veiligheidsafspraken', filed],
    ['warmeOverdracht in Dutch', 'warmeOverdracht', 'ja', 'warmeOverdracht', filed],
  ] as const)('rejects %s as UPSTREAM_BAD_RESPONSE', (_name, path, value, field, keys) => {
    const result = mapAanmelding(withField(wireAanmelding(), path, value), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', agency: 'bjz-groningen' });
    expect(result.error.message).toBe(`BJZ aanmelding record has an invalid field: ${field}`);
    expect(result.keys).toEqual(keys);
  });
});

type Referral = Extract<ReturnType<typeof mapAanmelding>, { ok: true }>['value']['referral'];
