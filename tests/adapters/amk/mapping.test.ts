import { describe, expect, it } from 'vitest';
import * as codes from '#adapters/amk/codes.ts';
import { FASE, FASE_CATEGORY } from '#adapters/amk/codes.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import * as mapping from '#adapters/amk/mapping.ts';
import type { AmkMappingContext } from '#adapters/amk/mapping.ts';
import { AdapterError } from '#kit/errors.ts';
import { valueOrThrow } from '#kit/mapping-result.ts';
import { phaseCategoryOf } from '#mock-world/build.ts';
import { OWNER } from './context.ts';
import { BSN_ANNA, BSN_SANNE, melding, overdracht, withField, zaak } from './wire-samples.ts';

const context: AmkMappingContext = { owner: OWNER, agencyCodes: WORLD_AGENCY_CODES };
const meta = { owner: OWNER, householdLocalId: 'AMK-2026-0042', municipality: 'Groningen' };
// The mappings as a search answers with them: the record, or the AdapterError thrown.
const mapZaak = (raw: unknown, on: AmkMappingContext) => valueOrThrow(mapping.mapZaak(raw, on), on.owner.agencyId);
const mapMelding = (raw: unknown, on: AmkMappingContext) => valueOrThrow(mapping.mapMelding(raw, on), on.owner.agencyId);
const mapOverdracht = (raw: unknown, on: AmkMappingContext) => valueOrThrow(mapping.mapOverdracht(raw, on), on.owner.agencyId);

function failure(map: () => unknown): AdapterError {
  try {
    map();
  } catch (error) {
    expect(error).toBeInstanceOf(AdapterError);
    return error as AdapterError;
  }
  throw new Error('expected the mapping to fail');
}

describe('AMK mapping: valid records', () => {
  it('maps a zaak to its household, children and involvement', () => {
    expect(mapZaak(zaak, context)).toEqual({
      household: {
        type: 'Household', ...meta, localId: 'AMK-2026-0042',
        members: [
          { bsn: BSN_ANNA, name: 'Anna de Vries', birthDate: '1988-04-12', role: 'PARENT_WITH_AUTHORITY' },
          { bsn: BSN_SANNE, name: 'Sanne de Vries', birthDate: '2017-06-03', role: 'CHILD' },
        ],
        address: { street: 'Oosterstraat', houseNumber: '12a', postalCode: '9711NN', city: 'Groningen' },
      },
      children: [{
        type: 'Child', ...meta, localId: 'AMK-2026-0042-K1', bsn: BSN_SANNE, name: 'Sanne de Vries', birthDate: '2017-06-03',
        school: 'OBS De Wereldster', situation: 'Teruggetrokken in de klas.', role: 'WITNESS_OF_PARTNER_VIOLENCE',
      }],
      involvement: {
        type: 'Involvement', ...meta, localId: 'AMK-2026-0042', phase: 'INVESTIGATION', phaseCategory: 'INVESTIGATION',
        since: '2026-06-18', careProvider: 'Accare',
        contact: { name: 'Veilig Thuis Groningen, team AMK', phone: '050-0000002', email: 'amk@vt-groningen.example' },
      },
    });
  });

  it('maps a melding to a report, date-times with the Amsterdam offset', () => {
    expect(mapMelding(melding, context)).toEqual({
      type: 'Report', ...meta, localId: 'AMK-M-2026-0042',
      receivedAt: '2026-06-18T14:00:00+02:00', channel: 'IN_PERSON', kind: 'REPORT',
      reporter: { name: 'ASHG Groningen', type: 'PROFESSIONAL', anonymityPromised: false, phone: '050-0000001' },
      violenceTypes: ['PARTNER_VIOLENCE', 'EMOTIONAL_CHILD_ABUSE'],
      childInvolvement: [{ childBsn: BSN_SANNE, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
      narrative: 'Overdracht door ASHG.', restrictedInformation: 'Alleen voor het AMK.', urgency: 'HIGH',
      safetyAssessment: { dueBy: '2026-06-25', decidedAt: '2026-06-23T12:00:00+02:00', outcome: 'UNSAFE_HELP_NEEDED' },
      phase: 'INVESTIGATION', phaseCategory: 'INVESTIGATION', receivingCareProvider: 'Accare',
    });
  });

  it('maps an overdracht to a referral, agency codes to gateway ids', () => {
    expect(mapOverdracht(overdracht, context)).toEqual({
      type: 'Referral', ...meta, localId: 'AMK-O-2026-0042',
      fromAgencyId: 'amk-groningen', toAgencyId: 'bjz-groningen', toCareProvider: 'Jeugdhulp Groningen Stad',
      kind: 'VOLUNTARY_CARE', reason: 'Hulp na onderzoek.', safetyConditions: ['Geen geweld in bijzijn van kinderen'],
      warmHandover: true, status: 'RUNNING', createdAt: '2026-03-02T09:00:00+01:00', updatedAt: '2026-03-30T09:00:00+02:00',
      reportLocalId: 'AMK-M-2026-0042',
    });
  });

  it('maps absent optional parts to null and empty lists to []', () => {
    const sparse = { meldingId: 'M1', zaakId: 'Z1', geweldsvormen: { vorm: [] } };
    expect(mapMelding(sparse, context)).toMatchObject({
      municipality: null, receivedAt: null, reporter: null, violenceTypes: [], childInvolvement: null,
      safetyAssessment: null, phase: null, phaseCategory: null,
    });
    const bare = { zaakId: 'Z1', gezin: { gezinslid: [] }, kinderen: { kind: [] }, fase: 'intake', faseDatum: '01-01-2026' };
    expect(mapZaak(bare, context)).toMatchObject({
      household: { members: [], address: null, municipality: null },
      children: [],
      involvement: { phase: 'INTAKE', phaseCategory: 'ASSESSMENT', contact: null, careProvider: null },
    });
  });

  it('maps an agency code it does not know to null, keeping a care provider as toCareProvider', () => {
    const unknown = withField(overdracht, 'naar', { instelling: 'ZORG-123', zorgaanbieder: 'Elker' });
    expect(mapOverdracht(unknown, context)).toMatchObject({ toAgencyId: null, toCareProvider: 'Elker' });
    const custom = { owner: OWNER, agencyCodes: { 'AMK-GRN': 'veilig-thuis-groningen' } };
    expect(mapOverdracht(overdracht, custom)).toMatchObject({ fromAgencyId: 'veilig-thuis-groningen', toAgencyId: null });
  });

  it('does not read codes off the prototype chain', () => {
    expect(mapOverdracht(withField(overdracht, 'van.instelling', 'constructor'), context)).toMatchObject({ fromAgencyId: null });
    expect(failure(() => mapZaak(withField(zaak, 'fase', 'toString'), context)).message).toContain('fase');
  });

  it('gives each AMK phase the category the world gives it', () => {
    for (const [fase, phase] of Object.entries(FASE)) {
      expect(FASE_CATEGORY[fase as keyof typeof FASE]).toBe(phaseCategoryOf(phase));
    }
  });
});

const ZAAK_FAULTS: [string, string, unknown][] = [
  ['no zaakId', 'zaakId', undefined],
  ['an empty zaakId', 'zaakId', ''],
  ['a repeated zaakId', 'zaakId', ['A', 'B']],
  ['a birth date in ISO', 'gezin.gezinslid.0.geboortedatum', '1988-04-12'],
  ['a birth date that does not exist', 'gezin.gezinslid.0.geboortedatum', '31-02-1988'],
  ['an unknown role', 'gezin.gezinslid.0.rol', 'grootouder'],
  ['a BSN failing the eleven-test', 'gezin.gezinslid.0.bsn', '123456789'],
  ['a BSN of eight digits', 'gezin.gezinslid.0.bsn', '90000010'],
  ['gezinslid not a list', 'gezin.gezinslid', 'x'],
  ['gezin as text', 'gezin', 'x'],
  ['no gezin', 'gezin', undefined],
  ['no kinderen', 'kinderen', undefined],
  ['a child without kindnummer', 'kinderen.kind.0.kindnummer', undefined],
  ['an unknown betrokkenheid', 'kinderen.kind.0.betrokkenheid', 'getuige'],
  ['a child that is text', 'kinderen.kind.0', 'kind'],
  ['an unknown fase', 'fase', 'overgedragen-aan-amk'],
  ['no fase', 'fase', undefined],
  ['no faseDatum', 'faseDatum', undefined],
  ['a faseDatum with time', 'faseDatum', '18-06-2026 10:00'],
  ['adres as text', 'adres', 'Oosterstraat 12a'],
  ['a repeated gemeente', 'gemeente', ['Groningen', 'Assen']],
];

const MELDING_FAULTS: [string, string, unknown][] = [
  ['no meldingId', 'meldingId', undefined],
  ['no zaakId', 'zaakId', undefined],
  ['ontvangen in ISO', 'ontvangen', '2026-06-18T14:00:00+02:00'],
  ['ontvangen in the skipped March hour', 'ontvangen', '29-03-2026 02:15'],
  ['an unknown kanaal', 'kanaal', 'fax'],
  ['an unknown soort', 'soort', 'zorgmelding'],
  ['an unknown melder type', 'melder.type', 'buurman'],
  ['anonimiteitToegezegd as true', 'melder.anonimiteitToegezegd', 'true'],
  ['an unknown geweldsvorm', 'geweldsvormen.vorm.1', 'pesten'],
  ['geweldsvormen not a list', 'geweldsvormen.vorm', 'partnergeweld'],
  ['a child involvement with a bad BSN', 'betrokkenKinderen.kind.0.bsn', '900000303'],
  ['an unknown urgentie', 'urgentie', 'spoed'],
  ['an uiterlijk that is not a date', 'veiligheidsbeoordeling.uiterlijk', 'morgen'],
  ['an unknown uitkomst', 'veiligheidsbeoordeling.uitkomst', 'onveilig'],
  ['an unknown fase (an ASHG phase)', 'fase', 'huishouden-geinformeerd'],
  ['a relaas as structure', 'relaas', { tekst: 'x' }],
];

const OVERDRACHT_FAULTS: [string, string, unknown][] = [
  ['no overdrachtId', 'overdrachtId', undefined],
  ['an unknown soort', 'soort', 'doorverwijzing'],
  ['an unknown status', 'status', 'open'],
  ['warmeOverdracht as ja', 'warmeOverdracht', 'ja'],
  ['aangemaakt without time', 'aangemaakt', '02-03-2026'],
  ['voorwaarde not a list', 'veiligheidsvoorwaarden.voorwaarde', 'x'],
  ['an empty voorwaarde', 'veiligheidsvoorwaarden.voorwaarde.0', ''],
  ['naar as text', 'naar', 'BJZ-GRN'],
];

describe('AMK mapping: malformed records', () => {
  it.each([
    ...ZAAK_FAULTS.map(([what, path, value]) => ['zaak', what, path, value, () => mapZaak(withField(zaak, path, value), context)] as const),
    ...MELDING_FAULTS.map(([what, path, value]) => ['melding', what, path, value, () => mapMelding(withField(melding, path, value), context)] as const),
    ...OVERDRACHT_FAULTS.map(([what, path, value]) => ['overdracht', what, path, value, () => mapOverdracht(withField(overdracht, path, value), context)] as const),
  ])('%s with %s -> UPSTREAM_BAD_RESPONSE naming the field, not the value', (type, _what, path, value, map) => {
    const error = failure(map);
    expect(error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', agency: 'amk-groningen' });
    expect(error.message).toContain(`AMK ${type}`);
    const field = path.split('.').filter((segment) => !/^\d+$/.test(segment)).pop()!;
    expect(error.message).toContain(field);
    if (typeof value === 'string' && value.length > 4 && !path.includes(value)) expect(error.message).not.toContain(value);
  });

  it.each([null, 'text', ['a'], 42])('refuses a record that is not a structure: %j', (raw) => {
    expect(failure(() => mapZaak(raw, context)).code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(failure(() => mapMelding(raw, context)).code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(failure(() => mapOverdracht(raw, context)).code).toBe('UPSTREAM_BAD_RESPONSE');
  });
});

/** Every code of every AMK code list, read through the mapping, against the schema value it means. */
const EVERY_CODE: [string, string, unknown, (raw: unknown) => unknown][] = [
  ...([['intake', 'INTAKE', 'ASSESSMENT'], ['onderzoek', 'INVESTIGATION', 'INVESTIGATION'], ['conclusie', 'CONCLUSION', 'INVESTIGATION'],
    ['overdracht-zorg', 'HANDED_OVER_TO_CARE', 'CARE'], ['verzoek-raad', 'REQUEST_TO_RAAD', 'INVESTIGATION'], ['afgesloten', 'CLOSED', 'CLOSED'],
    // Veilig Thuis's phases (Handelingsprotocol 2019), in the systems that grew out of the AMK's.
    ['melding-ontvangen', 'REPORT_RECEIVED', 'SIGNAL'], ['veiligheidsbeoordeling', 'SAFETY_ASSESSMENT', 'ASSESSMENT'],
    ['overdracht-met-voorwaarden', 'HANDOVER_WITH_CONDITIONS', 'CARE'], ['eigen-onderzoek', 'OWN_INVESTIGATION', 'INVESTIGATION'],
    ['einde-betrokkenheid', 'END_OF_INVOLVEMENT', 'CLOSED'], ['monitoring', 'MONITORING', 'MONITORING']] as const)
    .map(([code, phase, phaseCategory]): [string, string, unknown, (raw: unknown) => unknown] =>
      ['fase', code, { phase, phaseCategory }, (raw) => mapZaak(withField(zaak, 'fase', raw), context).involvement]),
  ...Object.entries({ 'ouder-met-gezag': 'PARENT_WITH_AUTHORITY', stiefouder: 'STEP_PARENT', partner: 'PARTNER', 'ex-partner': 'EX_PARTNER', kind: 'CHILD', overig: 'OTHER' })
    .map(([code, role]): [string, string, unknown, (raw: unknown) => unknown] =>
      ['gezinsrol', code, { role }, (raw) => mapZaak(withField(zaak, 'gezin.gezinslid.0.rol', raw), context).household.members[0]]),
  ...Object.entries({ slachtoffer: 'DIRECT_VICTIM', 'getuige-partnergeweld': 'WITNESS_OF_PARTNER_VIOLENCE' })
    .map(([code, role]): [string, string, unknown, (raw: unknown) => unknown] =>
      ['betrokkenheid', code, { role }, (raw) => mapZaak(withField(zaak, 'kinderen.kind.0.betrokkenheid', raw), context).children[0]]),
  ...Object.entries({ telefoon: 'PHONE', email: 'EMAIL', webformulier: 'WEB', persoonlijk: 'IN_PERSON', politiekoppeling: 'POLICE_EXPORT' })
    .map(([code, channel]): [string, string, unknown, (raw: unknown) => unknown] =>
      ['kanaal', code, { channel }, (raw) => mapMelding(withField(melding, 'kanaal', raw), context)]),
  ...Object.entries({ advies: 'ADVICE', melding: 'REPORT', 'zorgmelding-politie': 'POLICE_CARE_REPORT' })
    .map(([code, kind]): [string, string, unknown, (raw: unknown) => unknown] =>
      ['soort', code, { kind }, (raw) => mapMelding(withField(melding, 'soort', raw), context)]),
  ...Object.entries({ professional: 'PROFESSIONAL', burger: 'CITIZEN', politie: 'POLICE', anoniem: 'ANONYMOUS' })
    .map(([code, type]): [string, string, unknown, (raw: unknown) => unknown] =>
      ['meldertype', code, { type }, (raw) => mapMelding(withField(melding, 'melder.type', raw), context).reporter]),
  ...Object.entries({
    partnergeweld: 'PARTNER_VIOLENCE', 'lichamelijke-kindermishandeling': 'PHYSICAL_CHILD_ABUSE', 'psychische-kindermishandeling': 'EMOTIONAL_CHILD_ABUSE',
    verwaarlozing: 'CHILD_NEGLECT', 'seksueel-misbruik': 'SEXUAL_ABUSE', 'eergerelateerd-geweld': 'HONOUR_RELATED', ouderenmishandeling: 'ELDER_ABUSE',
  }).map(([code, type]): [string, string, unknown, (raw: unknown) => unknown] =>
    ['geweldsvorm', code, { violenceTypes: [type] }, (raw) => mapMelding(withField(melding, 'geweldsvormen.vorm', [raw]), context)]),
  ...Object.entries({ laag: 'LOW', normaal: 'NORMAL', hoog: 'HIGH', acuut: 'ACUTE' })
    .map(([code, urgency]): [string, string, unknown, (raw: unknown) => unknown] =>
      ['urgentie', code, { urgency }, (raw) => mapMelding(withField(melding, 'urgentie', raw), context)]),
  ...Object.entries({ veilig: 'SAFE', 'onveilig-hulp-nodig': 'UNSAFE_HELP_NEEDED', 'acuut-onveilig': 'ACUTELY_UNSAFE' })
    .map(([code, outcome]): [string, string, unknown, (raw: unknown) => unknown] =>
      ['uitkomst', code, { outcome }, (raw) => mapMelding(withField(melding, 'veiligheidsbeoordeling.uitkomst', raw), context).safetyAssessment]),
  ...Object.entries({
    'vrijwillige-hulp': 'VOLUNTARY_CARE', 'overdracht-ashg-amk': 'HANDOVER_ASHG_TO_AMK', 'politie-naar-amk': 'POLICE_TO_AMK',
    'politie-naar-bjz': 'POLICE_TO_BJZ', 'naar-wijkteam': 'TO_WIJKTEAM', 'politie-naar-veilig-thuis': 'POLICE_TO_VEILIG_THUIS',
    'verzoek-raad': 'REQUEST_TO_RAAD',
  }).map(([code, kind]): [string, string, unknown, (raw: unknown) => unknown] =>
    ['overdrachtsoort', code, { kind }, (raw) => mapOverdracht(withField(overdracht, 'soort', raw), context)]),
  ...Object.entries({
    concept: 'DRAFT', aangeboden: 'OFFERED', geaccepteerd: 'ACCEPTED', geweigerd: 'REFUSED', lopend: 'RUNNING', afgerond: 'COMPLETED',
    'onveilig-teruggemeld': 'RETURNED_UNSAFE',
  }).map(([code, status]): [string, string, unknown, (raw: unknown) => unknown] =>
    ['overdrachtstatus', code, { status }, (raw) => mapOverdracht(withField(overdracht, 'status', raw), context)]),
  ...Object.entries({
    'ASHG-GRN': 'ashg-groningen', 'AMK-GRN': 'amk-groningen', 'POL-NN': 'politie-noord-nederland', 'BJZ-GRN': 'bjz-groningen',
    'VT-DRE': 'veilig-thuis-drenthe', 'VT-AA': 'veilig-thuis-amsterdam-amstelland', 'POL-AMS': 'politie-amsterdam',
    RAAD: 'raad-voor-de-kinderbescherming',
  })
    .map(([code, fromAgencyId]): [string, string, unknown, (raw: unknown) => unknown] =>
      ['instelling', code, { fromAgencyId }, (raw) => mapOverdracht(withField(overdracht, 'van.instelling', raw), context)]),
];

describe('AMK mapping: every legacy code', () => {
  it.each(EVERY_CODE)('%s %s', (_list, code, expected, map) => {
    expect(map(code)).toMatchObject(expected as object);
  });

  // The fixtures encode by value (encodeCode takes the first code that means it): two codes of one list
  // meaning the same value would make the mock write one and never the other.
  it.each(['FASE', 'GEZINSROL', 'BETROKKENHEID', 'KANAAL', 'MELDING_SOORT', 'MELDER_TYPE', 'GEWELDSVORM', 'URGENTIE', 'UITKOMST',
    'OVERDRACHT_SOORT', 'OVERDRACHT_STATUS'] as const)('%s gives every value one code', (list) => {
    const values = Object.values(codes[list]);
    expect(new Set(values).size).toBe(values.length);
  });

  it('has a code for every referral kind and every phase of the AMK and of Veilig Thuis (Handelingsprotocol 2019)', () => {
    expect(new Set(Object.values(codes.OVERDRACHT_SOORT))).toEqual(new Set([
      'VOLUNTARY_CARE', 'HANDOVER_ASHG_TO_AMK', 'POLICE_TO_AMK', 'POLICE_TO_BJZ', 'TO_WIJKTEAM', 'POLICE_TO_VEILIG_THUIS', 'REQUEST_TO_RAAD', 'HANDOVER_TO_CERTIFIED_INSTITUTION',
    ]));
    expect(Object.values(FASE)).toEqual(expect.arrayContaining([
      'INTAKE', 'INVESTIGATION', 'CONCLUSION', 'HANDED_OVER_TO_CARE', 'REQUEST_TO_RAAD', 'CLOSED',
      'REPORT_RECEIVED', 'SAFETY_ASSESSMENT', 'HANDOVER_WITH_CONDITIONS', 'OWN_INVESTIGATION', 'END_OF_INVOLVEMENT', 'MONITORING',
    ]));
  });
});
