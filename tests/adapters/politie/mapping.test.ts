import { describe, expect, it } from 'vitest';
import { isAdapterError } from '#kit/errors.ts';
import { valueOrThrow } from '#kit/mapping-result.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import * as mapping from '../../../adapters/politie/mapping.ts';
import { registratienummerOfDoorverwijzing, type BsnOf, type MappingOptions } from '../../../adapters/politie/mapping.ts';
import type { ExportKolom, Sleutelpaar, WireZorgmelding, ZorgmeldingRij } from '../../../adapters/politie/wire-types.ts';

// The mappings as the loaders answer with them: the record, or the AdapterError thrown.
const mapZorgmelding = (wire: WireZorgmelding, bsnOf: BsnOf, on: MappingOptions) =>
  valueOrThrow(mapping.mapZorgmelding(wire, bsnOf, on), on.owner.agencyId);
const mapSleutelpaar = (pair: Sleutelpaar, agencyId: string) => valueOrThrow(mapping.mapSleutelpaar(pair), agencyId);

const owner = { agencyId: 'politie-noord-nederland', kind: 'POLITIE', region: 'noord-nederland' } as const;
const options: MappingOptions = { owner, agencyCodes: WORLD_AGENCY_CODES };
const meta = { owner, householdLocalId: 'ZM-2026-000042', municipality: 'Groningen' };
const BSNS: Record<string, string> = { PK0000001: '111222333', PK0000002: '123456782' };
const bsnOf = (key: string) => BSNS[key] ?? null;

const zorgmeldingColumns = {
  registratienummer: 'ZM-2026-000042', datum_tijd_registratie: '14-03-2026 23:05:00', gemeente: 'Groningen',
  straat: 'Oosterstraat', huisnummer: '12a', postcode: '9711 NN', woonplaats: 'Groningen',
  geweldsvormen: 'KM-FYSIEK|HG-PARTNER', omschrijving: 'Ruzie; "geschreeuw"\r\nKind huilend aangetroffen.',
  afgeschermde_informatie: '', urgentie: 'ACUUT', status: 'DOORGEZET', verbalisant: 'Agent 0042',
  doorverwijsnummer: 'ZM-2026-000042-V1', doorverwezen_naar: 'AMK-GRN', doorverwezen_naar_naam: '',
  doorverwijsreden: 'Vermoeden kindermishandeling.', doorverwijsstatus: 'GEACCEPTEERD',
  doorverwijsdatum: '15-03-2026 08:00:00', doorverwijzing_gewijzigd: '01-04-2026 10:30:00',
  veiligheidsafspraken: 'Geen contact|Opvang bij oma', warme_overdracht: 'N', zorgaanbieder: '',
  behandelaar: 'Zorgcoördinatie', behandelaar_telefoon: '0900-0000003', behandelaar_email: 'zorg@politie-nn.example',
};
const parent: ZorgmeldingRij = { ...zorgmeldingColumns, persoonssleutel: 'PK0000001', naam: 'Anna Jansen', geboortedatum: '29-02-1988', rol: 'OUDER_MET_GEZAG', minderjarig: 'N', betrokkenheid_kind: '' };
const child: ZorgmeldingRij = { ...zorgmeldingColumns, persoonssleutel: 'PK0000002', naam: 'Tim Jansen', geboortedatum: '03-06-2017', rol: 'KIND', minderjarig: 'J', betrokkenheid_kind: 'SLACHTOFFER' };
const wire: WireZorgmelding = { registratienummer: 'ZM-2026-000042', rijen: [parent, child] };

describe('mapZorgmelding: a well-formed zorgmelding', () => {
  const mapped = mapZorgmelding(wire, bsnOf, options);

  it('is the police household, members with BSNs from the key mapping', () => {
    expect(mapped.household).toEqual({
      ...meta, type: 'Household', localId: 'ZM-2026-000042',
      address: { street: 'Oosterstraat', houseNumber: '12a', postalCode: '9711NN', city: 'Groningen' },
      members: [
        { bsn: '111222333', name: 'Anna Jansen', birthDate: '1988-02-29', role: 'PARENT_WITH_AUTHORITY' },
        { bsn: '123456782', name: 'Tim Jansen', birthDate: '2017-06-03', role: 'CHILD' },
      ],
    });
  });

  it('is a police care report with the local time turned into ISO with the Amsterdam offset', () => {
    expect(mapped.report).toEqual({
      ...meta, type: 'Report', localId: 'ZM-2026-000042', receivedAt: '2026-03-14T23:05:00+01:00',
      channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
      reporter: { name: 'Agent 0042', type: 'POLICE', anonymityPromised: false, phone: null },
      violenceTypes: ['PHYSICAL_CHILD_ABUSE', 'PARTNER_VIOLENCE'],
      childInvolvement: [{ childBsn: '123456782', role: 'DIRECT_VICTIM' }],
      narrative: 'Ruzie; "geschreeuw"\r\nKind huilend aangetroffen.', restrictedInformation: null, urgency: 'ACUTE',
      safetyAssessment: null, phase: 'REFERRED', phaseCategory: 'ASSESSMENT', receivingCareProvider: null,
    });
  });

  it('has its doorverwijzing as a referral to the coded agency, summer time after the switch', () => {
    expect(mapped.referral).toEqual({
      ...meta, type: 'Referral', localId: 'ZM-2026-000042-V1', fromAgencyId: 'politie-noord-nederland',
      toAgencyId: 'amk-groningen', toCareProvider: null, kind: 'POLICE_TO_AMK', reason: 'Vermoeden kindermishandeling.',
      safetyConditions: ['Geen contact', 'Opvang bij oma'], warmHandover: false, status: 'ACCEPTED',
      createdAt: '2026-03-15T08:00:00+01:00', updatedAt: '2026-04-01T10:30:00+02:00', reportLocalId: 'ZM-2026-000042',
    });
  });

  it('has its status as the involvement, since the registration date', () => {
    expect(mapped.involvement).toEqual({
      ...meta, type: 'Involvement', localId: 'ZM-2026-000042', phase: 'REFERRED', phaseCategory: 'ASSESSMENT',
      since: '2026-03-14', careProvider: null,
      contact: { name: 'Zorgcoördinatie', phone: '0900-0000003', email: 'zorg@politie-nn.example' },
    });
  });

  it('has its minors as children', () => {
    expect(mapped.children).toEqual([{
      ...meta, type: 'Child', localId: 'ZM-2026-000042/PK0000002', bsn: '123456782', name: 'Tim Jansen',
      birthDate: '2017-06-03', school: null, situation: null, role: 'DIRECT_VICTIM',
    }]);
  });
});

describe('mapZorgmelding: legacy variants', () => {
  const variant = (patch: Partial<Record<ExportKolom, string>>) =>
    mapZorgmelding({ ...wire, rijen: wire.rijen.map((row) => ({ ...row, ...patch })) }, bsnOf, options);

  it.each([
    ['BJZ code', { doorverwezen_naar: 'BJZ-GRN' }, { toAgencyId: 'bjz-groningen', kind: 'POLICE_TO_BJZ', toCareProvider: null }],
    ['BJZ of another region', { doorverwezen_naar: 'BJZ-DRE', doorverwezen_naar_naam: 'BJZ Drenthe' }, { toAgencyId: 'bjz-drenthe', kind: 'POLICE_TO_BJZ', toCareProvider: 'BJZ Drenthe' }],
    ['unknown BJZ region', { doorverwezen_naar: 'BJZ-UTR', doorverwezen_naar_naam: 'BJZ Utrecht' }, { toAgencyId: null, kind: 'POLICE_TO_BJZ', toCareProvider: 'BJZ Utrecht' }],
    ['care provider', { doorverwezen_naar: 'ZORGAANBIEDER', doorverwezen_naar_naam: 'Lentis' }, { toAgencyId: null, kind: null, toCareProvider: 'Lentis' }],
    ['Veilig Thuis Drenthe (since 2015)', { doorverwezen_naar: 'VT-DRE' }, { toAgencyId: 'veilig-thuis-drenthe', kind: 'POLICE_TO_VEILIG_THUIS' }],
    ['Veilig Thuis Amsterdam-Amstelland', { doorverwezen_naar: 'VT-AA' }, { toAgencyId: 'veilig-thuis-amsterdam-amstelland', kind: 'POLICE_TO_VEILIG_THUIS' }],
    ['a Veilig Thuis no table lists', { doorverwezen_naar: 'VT-UTR' }, { toAgencyId: null, kind: 'POLICE_TO_VEILIG_THUIS' }],
    ['a wijkteam, coded WT-', { doorverwezen_naar: 'WT-ASN' }, { toAgencyId: 'wijkteam-assen', kind: 'TO_WIJKTEAM' }],
    ['a wijkteam, coded WIJKTEAM-', { doorverwezen_naar: 'WIJKTEAM-GRN' }, { toAgencyId: null, kind: 'TO_WIJKTEAM' }],
    ['a kind of organisation the police code no kind for', { doorverwezen_naar: 'GI-NRD' }, { toAgencyId: 'jeugdbescherming-noord', kind: null }],
    ['no safety conditions, J', { veiligheidsafspraken: '', warme_overdracht: 'J' }, { safetyConditions: [], warmHandover: true }],
    ['no update moment', { doorverwijzing_gewijzigd: '' }, { updatedAt: null }],
  ] as const)('%s', (_name, patch, expected) => {
    expect(variant(patch).referral).toMatchObject(expected);
  });

  it('has no referral without a doorverwijsnummer', () => {
    expect(variant({ doorverwijsnummer: '', doorverwezen_naar: '' }).referral).toBeNull();
  });

  it('maps a key the key mapping does not know to a null BSN, not a guess', () => {
    const mapped = mapZorgmelding(wire, () => null, options);
    expect(mapped.household.members.map((member) => member.bsn)).toEqual([null, null]);
    expect(mapped.report.childInvolvement).toEqual([{ childBsn: null, role: 'DIRECT_VICTIM' }]);
  });

  it('maps a zorgmelding without betrokkenen (one row, empty person columns)', () => {
    const empty = { ...parent, persoonssleutel: '', naam: '', geboortedatum: '', rol: '', minderjarig: '', betrokkenheid_kind: '' };
    const mapped = mapZorgmelding({ ...wire, rijen: [empty] }, bsnOf, options);
    expect(mapped.household.members).toEqual([]);
    expect(mapped.children).toEqual([]);
  });

  it('maps empty optional columns to null and an all-empty address to null', () => {
    const mapped = variant({ urgentie: '', gemeente: '', straat: '', huisnummer: '', postcode: '', woonplaats: '', geweldsvormen: '' });
    expect(mapped.report).toMatchObject({ urgency: null, municipality: null, violenceTypes: [] });
    expect(mapped.household.address).toBeNull();
  });
});

describe('mapZorgmelding: malformed records fail with UPSTREAM_BAD_RESPONSE', () => {
  const zorgmeldingDefects: [string, Partial<Record<ExportKolom, string>>][] = [
    ['no registratienummer', { registratienummer: '' }],
    ['registratienummer with a space', { registratienummer: 'ZM 1' }],
    ['no moment', { datum_tijd_registratie: '' }],
    ['ISO moment instead of legacy', { datum_tijd_registratie: '2026-03-14T23:05:00+01:00' }],
    ['impossible date', { datum_tijd_registratie: '30-02-2026 10:00:00' }],
    ['impossible time', { datum_tijd_registratie: '14-03-2026 24:05:00' }],
    ['time skipped by summer time', { datum_tijd_registratie: '29-03-2026 02:30:00' }],
    ['unknown geweldsvorm', { geweldsvormen: 'HG-PARTNER|STALKING' }],
    ['empty entry in the list', { geweldsvormen: 'HG-PARTNER|' }],
    ['unknown urgency', { urgentie: 'SPOED' }],
    ['no status', { status: '' }],
    ['unknown status', { status: 'GESLOTEN' }],
    ['lower-case status', { status: 'doorgezet' }],
    ['inherited property as code', { status: 'constructor' }],
    ['bad postcode', { postcode: '97111NN' }],
    ['referral numbered for another zorgmelding', { doorverwijsnummer: 'ZM-2026-000043-V1' }],
    ['referral without target', { doorverwezen_naar: '' }],
    ['unknown referral status', { doorverwijsstatus: 'OPEN' }],
    ['bad referral date', { doorverwijsdatum: '15-13-2026 08:00:00' }],
    ['bad update date', { doorverwijzing_gewijzigd: 'gisteren' }],
    ['bad warme overdracht', { warme_overdracht: 'ja' }],
  ];
  const betrokkeneDefects: [string, Partial<Record<ExportKolom, string>>][] = [
    ['no persoonssleutel', { persoonssleutel: '' }],
    ['persoonssleutel with a semicolon', { persoonssleutel: 'PK;0002' }],
    ['bad birth date', { geboortedatum: '2017-06-03' }],
    ['unknown role', { rol: 'OPA' }],
    ['no minderjarig flag', { minderjarig: '' }],
    ['unknown child involvement', { betrokkenheid_kind: 'DADER' }],
  ];

  it.each([...zorgmeldingDefects, ...betrokkeneDefects])('%s', (_name, patch) => {
    const broken = { ...wire, rijen: [parent, { ...child, ...patch }].map((row, index) => (index === 0 && !isBetrokkenePatch(patch) ? { ...row, ...patch } : row)) };
    expectBadResponse(() => mapZorgmelding(broken, bsnOf, options));
  });

  it('rows of one zorgmelding that disagree', () => {
    expectBadResponse(() => mapZorgmelding({ ...wire, rijen: [parent, { ...child, gemeente: 'Assen' }] }, bsnOf, options));
  });

  it('the same person twice', () => {
    expectBadResponse(() => mapZorgmelding({ ...wire, rijen: [parent, parent] }, bsnOf, options));
  });

  it('no rows at all', () => {
    expectBadResponse(() => mapZorgmelding({ ...wire, rijen: [] }, bsnOf, options));
  });

  it('never puts the offending value in the message', () => {
    const error = catchError(() => mapZorgmelding({ ...wire, rijen: [{ ...parent, geboortedatum: 'Anna-geheim' }] }, bsnOf, options));
    expect(String(error)).not.toContain('Anna');
    expect(String(error)).toContain('geboortedatum');
  });
});

describe('mapSleutelpaar and doorverwijsnummers', () => {
  it.each([
    [{ bsn: '123456782', persoonssleutel: 'PK0000002' }, true],
    [{ bsn: '123456789', persoonssleutel: 'PK0000002' }, false],
    [{ bsn: '12345678', persoonssleutel: 'PK0000002' }, false],
    [{ bsn: '123456782', persoonssleutel: 'PK 2' }, false],
  ])('%o valid: %s', (pair, valid) => {
    if (valid) expect(mapSleutelpaar(pair, owner.agencyId)).toEqual(pair);
    else expectBadResponse(() => mapSleutelpaar(pair, owner.agencyId));
  });

  it.each([
    ['ZM-2026-004711-V1', 'ZM-2026-004711'],
    ['ZM-2026-004711-V12', 'ZM-2026-004711'],
    ['ZM-2026-004711', null],
    ['-V1', null],
  ])('%s belongs to %s', (doorverwijsnummer, nummer) => {
    expect(registratienummerOfDoorverwijzing(doorverwijsnummer)).toBe(nummer);
  });
});

const BETROKKENE = new Set(['persoonssleutel', 'naam', 'geboortedatum', 'rol', 'minderjarig', 'betrokkenheid_kind']);
function isBetrokkenePatch(patch: object): boolean {
  return Object.keys(patch).every((key) => BETROKKENE.has(key));
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function expectBadResponse(run: () => unknown): void {
  const error = catchError(run);
  expect(isAdapterError(error) && error.code).toBe('UPSTREAM_BAD_RESPONSE');
}
