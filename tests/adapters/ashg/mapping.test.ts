import { describe, expect, it } from 'vitest';
import { AdapterError } from '#kit/errors.ts';
import { valueOrError } from '#kit/mapping-result.ts';
import * as mapping from '#adapters/ashg/mapping.ts';
import type { AshgMappingContext, MappedDossier } from '#adapters/ashg/mapping.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import {
  BSN, OWNER, doorverwijzing, dossier, expectedChild, expectedHousehold, expectedInvolvement, expectedReferral,
  expectedReport, melding,
} from './wire-samples.ts';

const context: AshgMappingContext = { owner: OWNER, agencyCodes: WORLD_AGENCY_CODES };
// The mappings as a batch answers with them: the record, or the AdapterError for its key.
const mapDossier = (raw: unknown, on: AshgMappingContext) => valueOrError(mapping.mapDossier(raw, on), on.owner.agencyId);
const mapMelding = (raw: unknown, on: AshgMappingContext) => valueOrError(mapping.mapMelding(raw, on), on.owner.agencyId);
const mapDoorverwijzing = (raw: unknown, on: AshgMappingContext) => valueOrError(mapping.mapDoorverwijzing(raw, on), on.owner.agencyId);
/** Marks a key to remove (a string, so the test titles show it). */
const DROP = '<absent>';

/** A copy of `base` with the value at a path like `personen.0.bsn` replaced (or removed with DROP). */
function variant(base: Record<string, unknown>, path: string, value: unknown): unknown {
  const copy = structuredClone(base);
  const steps = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const step of steps.slice(0, -1)) target = target[step] as Record<string, unknown>;
  const last = steps.at(-1) ?? '';
  if (value === DROP) delete target[last];
  else target[last] = value;
  return copy;
}

function expectBadResponse(result: unknown, field: string, secret?: string): void {
  expect(result).toBeInstanceOf(AdapterError);
  const error = result as AdapterError;
  expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
  expect(error.agency).toBe('ashg-groningen');
  expect(error.message).toContain(field);
  // Messages reach the application log: they name the field, never its (personal) value.
  if (secret !== undefined) expect(error.message).not.toContain(secret);
}

describe('mapDossier', () => {
  it('maps a valid dossier to household, children and involvement', () => {
    expect(mapDossier(dossier(), context)).toEqual({
      household: expectedHousehold, children: [expectedChild], involvement: expectedInvolvement,
    });
  });

  it.each<[string, unknown, (mapped: MappedDossier) => void]>([
    ['adres', null, (m) => expect(m.household.address).toBeNull()],
    ['fase', null, (m) => expect([m.involvement.phase, m.involvement.phaseCategory]).toEqual([null, null])],
    ['kinderen.0.school', DROP, (m) => expect(m.children[0]?.school).toBeNull()],
    ['kinderen.0.situatie', DROP, (m) => expect(m.children[0]?.situation).toBeNull()],
    ['kinderen.0.betrokkenheid', null, (m) => expect(m.children[0]?.role).toBeNull()],
    ['personen.1.rol', null, (m) => expect(m.household.members[1]?.role).toBeNull()],
    ['personen.1.bsn', null, (m) => expect(m.household.members[1]?.bsn).toBeNull()],
    ['personen.0.geboortedatum', '29-02-2024', (m) => expect(m.household.members[0]?.birthDate).toBe('2024-02-29')],
    ['zorgaanbieder', 'Lentis', (m) => expect(m.involvement.careProvider).toBe('Lentis')],
  ])('accepts %s = %j', (path, value, check) => {
    const result = mapDossier(variant(dossier(), path, value), context);
    if (result instanceof Error) throw result;
    check(result);
  });

  it('leaves name and birth date of a child without a registered person null', () => {
    const onlyMother = (dossier().personen as unknown[]).slice(0, 1);
    const result = mapDossier(variant(dossier(), 'personen', onlyMother), context);
    expect(result).toMatchObject({ children: [{ bsn: BSN.sanne, name: null, birthDate: null }] });
  });

  it.each([
    ['dossier', null, undefined],
    ['dossier', [], undefined],
    ['dossiernummer', DROP, undefined],
    ['dossiernummer', '', undefined],
    ['dossiernummer', 101, undefined],
    ['gemeente', DROP, undefined],
    ['gemeente', 7, undefined],
    ['adres', DROP, undefined],
    ['adres', 'Oosterstraat 12a', 'Oosterstraat'],
    ['adres.huisnummer', 12, undefined],
    ['personen', null, undefined],
    ['personen', {}, undefined],
    ['personen[0]', 'Anna', undefined],
    ['personen[0].bsn', '123456789', '123456789'],
    ['personen[0].bsn', 900000107, '900000107'],
    ['personen[0].naam', DROP, undefined],
    ['personen[0].geboortedatum', '1988-04-12', '1988'],
    ['personen[0].geboortedatum', '31-02-1988', '1988'],
    ['personen[0].geboortedatum', '29-02-2026', '2026'],
    ['personen[0].rol', 'vader', 'vader'],
    ['kinderen', 'Sanne', 'Sanne'],
    ['kinderen[0].kindnummer', DROP, undefined],
    ['kinderen[0].bsn', '900000300', '900000300'],
    ['kinderen[0].betrokkenheid', 'slachtoffer-en-getuige', undefined],
    ['kinderen[0].school', 3, undefined],
    ['fase', 'onderzoek', undefined],
    ['fase', DROP, undefined],
    ['faseSinds', '2026-03-02', undefined],
    ['contactpunt', 'ASHG', undefined],
    ['contactpunt.email', DROP, undefined],
    ['zorgaanbieder', false, undefined],
  ])('rejects %s = %j', (field, value, secret) => {
    const raw = field === 'dossier' ? value : variant(dossier(), field.replace(/\[(\d+)\]/g, '.$1'), value);
    expectBadResponse(mapDossier(raw, context), field, secret);
  });
});

describe('mapMelding', () => {
  it('maps a valid melding', () => {
    expect(mapMelding(melding(), context)).toEqual(expectedReport);
  });

  it.each([
    ['melder', null, { reporter: null }],
    ['veiligheidsbeoordeling', null, { safetyAssessment: null }],
    ['geweldsvormen', null, { violenceTypes: null }],
    ['betrokkenKinderen', [], { childInvolvement: [] }],
    ['ontvangen', '2026-03-02T09:14Z', { receivedAt: '2026-03-02T09:14Z' }],
    ['veiligheidsbeoordeling.besloten', null, { safetyAssessment: { dueBy: '2026-03-09', decidedAt: null, outcome: 'UNSAFE_HELP_NEEDED' } }],
    ['fase', 'melding-ontvangen', { phase: 'REPORT_RECEIVED', phaseCategory: 'SIGNAL' }],
  ])('accepts %s = %j', (path, value, expected) => {
    expect(mapMelding(variant(melding(), path, value), context)).toEqual({ ...expectedReport, ...expected });
  });

  it.each([
    ['melding', 'M-2026-000101', undefined],
    ['meldingnummer', DROP, undefined],
    ['dossiernummer', null, undefined],
    ['ontvangen', '2026-03-02T09:14:00', undefined],
    ['ontvangen', '2026-02-30T09:14:00+01:00', undefined],
    ['ontvangen', '02-03-2026 09:14', undefined],
    ['ontvangen', DROP, undefined],
    ['kanaal', 'fax', undefined],
    ['soort', 'zorg', undefined],
    ['melder', 'Huisarts J. Bakker', 'Bakker'],
    ['melder.type', 'huisarts', undefined],
    ['melder.anonimiteitToegezegd', 'nee', undefined],
    ['melder.telefoon', 505550101, '505550101'],
    ['geweldsvormen', 'partnergeweld', undefined],
    ['geweldsvormen[1]', 'stalking', undefined],
    ['geweldsvormen[0]', null, undefined],
    ['betrokkenKinderen[0].rol', 'dader', undefined],
    ['betrokkenKinderen[0].bsn', '900000303', '900000303'],
    ['relaas', 42, undefined],
    ['afgeschermdeInformatie', DROP, undefined],
    ['urgentie', 'spoed', undefined],
    ['veiligheidsbeoordeling.uiterlijk', '2026-03-09', undefined],
    ['veiligheidsbeoordeling.besloten', '05-03-2026', undefined],
    ['veiligheidsbeoordeling.uitkomst', 'onveilig', undefined],
    ['fase', 'intake', undefined],
    ['ontvangendeZorgaanbieder', ['Lentis'], undefined],
  ])('rejects %s = %j', (field, value, secret) => {
    const raw = field === 'melding' ? value : variant(melding(), field.replace(/\[(\d+)\]/g, '.$1'), value);
    expectBadResponse(mapMelding(raw, context), field, secret);
  });
});

describe('mapDoorverwijzing', () => {
  it('maps a valid doorverwijzing, translating legacy agency codes', () => {
    expect(mapDoorverwijzing(doorverwijzing(), context)).toEqual(expectedReferral);
  });

  it('maps a code outside the chain to null and keeps the care provider by name', () => {
    const raw = { ...doorverwijzing(), naar: 'ZA-LENTIS', naarZorgaanbieder: 'Lentis', soort: 'vrijwillige-hulp' };
    expect(mapDoorverwijzing(raw, context)).toMatchObject({ toAgencyId: null, toCareProvider: 'Lentis', kind: 'VOLUNTARY_CARE' });
  });

  it('translates codes through the configured table, not a built-in one', () => {
    const custom = { ...context, agencyCodes: { 'ASHG-GRN': 'vt-groningen', 'AMK-GRN': 'vt-groningen' } };
    expect(mapDoorverwijzing(doorverwijzing(), custom)).toMatchObject({ fromAgencyId: 'vt-groningen', toAgencyId: 'vt-groningen' });
    // A code that only looks like a member of the table (a prototype key) is still unknown.
    expect(mapDoorverwijzing({ ...doorverwijzing(), naar: 'constructor' }, context)).toMatchObject({ toAgencyId: null });
  });

  it.each([
    ['doorverwijzing', 17],
    ['verwijzingsnummer', DROP],
    ['dossiernummer', ''],
    ['van', 3],
    ['naar', DROP],
    ['naarZorgaanbieder', DROP],
    ['soort', 'overdracht'],
    ['reden', DROP],
    ['veiligheidsvoorwaarden', 'Geen geweld'],
    ['veiligheidsvoorwaarden[0]', 7],
    ['veiligheidsvoorwaarden[0]', null],
    ['warmeOverdracht', 'ja'],
    ['status', 'in-behandeling'],
    ['aangemaakt', '16-06-2026'],
    ['gewijzigd', '2026-06-18T25:00:00+02:00'],
    ['meldingnummer', ''],
  ])('rejects %s = %j', (field, value) => {
    const raw = field === 'doorverwijzing' ? value : variant(doorverwijzing(), field.replace(/\[(\d+)\]/g, '.$1'), value);
    expectBadResponse(mapDoorverwijzing(raw, context), field);
  });
});

describe('legacy code lists', () => {
  // Spelled out here rather than read from codes.ts, so a swapped entry there fails this table.
  it.each([
    ['ouder-met-gezag', 'PARENT_WITH_AUTHORITY'], ['stiefouder', 'STEP_PARENT'], ['partner', 'PARTNER'],
    ['ex-partner', 'EX_PARTNER'], ['kind', 'CHILD'], ['overig', 'OTHER'],
  ])('persoon rol %s -> %s', (rol, role) => {
    expect(mapDossier(variant(dossier(), 'personen.0.rol', rol), context)).toMatchObject({ household: { members: [{ role }, {}, {}] } });
  });

  it.each([
    ['eerste-contact', 'FIRST_CONTACT', 'SIGNAL'], ['melding-ontvangen', 'REPORT_RECEIVED', 'SIGNAL'],
    ['huishouden-geinformeerd', 'HOUSEHOLD_INFORMED', 'ASSESSMENT'], ['plan-naar-hulp', 'PLAN_TO_HELP', 'CARE'],
    ['verwijzing-uitgevoerd', 'REFERRAL_CARRIED_OUT', 'CARE'], ['monitoring', 'MONITORING', 'MONITORING'],
    ['afgesloten', 'CLOSED', 'CLOSED'], ['overgedragen-aan-amk', 'HANDED_OVER_TO_AMK', 'CARE'],
  ])('fase %s -> %s (%s)', (fase, phase, phaseCategory) => {
    expect(mapDossier(variant(dossier(), 'fase', fase), context)).toMatchObject({ involvement: { phase, phaseCategory } });
    expect(mapMelding(variant(melding(), 'fase', fase), context)).toMatchObject({ phase, phaseCategory });
  });

  it.each([
    ['kanaal', 'telefoon', 'channel', 'PHONE'], ['kanaal', 'email', 'channel', 'EMAIL'],
    ['kanaal', 'persoonlijk', 'channel', 'IN_PERSON'], ['kanaal', 'webformulier', 'channel', 'WEB'],
    ['kanaal', 'politie-koppeling', 'channel', 'POLICE_EXPORT'],
    ['soort', 'advies', 'kind', 'ADVICE'], ['soort', 'melding', 'kind', 'REPORT'], ['soort', 'zorgmelding', 'kind', 'POLICE_CARE_REPORT'],
    ['urgentie', 'laag', 'urgency', 'LOW'], ['urgentie', 'normaal', 'urgency', 'NORMAL'],
    ['urgentie', 'hoog', 'urgency', 'HIGH'], ['urgentie', 'acuut', 'urgency', 'ACUTE'],
  ])('melding %s %s -> %s %s', (field, code, key, value) => {
    expect(mapMelding(variant(melding(), field, code), context)).toMatchObject({ [key]: value });
  });

  it.each([
    ['professional', 'PROFESSIONAL'], ['burger', 'CITIZEN'], ['politie', 'POLICE'], ['anoniem', 'ANONYMOUS'],
  ])('melder type %s -> %s', (code, type) => {
    expect(mapMelding(variant(melding(), 'melder.type', code), context)).toMatchObject({ reporter: { type } });
  });

  it('maps every geweldsvorm and uitkomst', () => {
    const raw = variant(melding(), 'geweldsvormen', [
      'partnergeweld', 'lichamelijke-kindermishandeling', 'psychische-kindermishandeling', 'verwaarlozing',
      'seksueel-misbruik', 'ouderenmishandeling', 'eergerelateerd-geweld',
    ]);
    expect(mapMelding(raw, context)).toMatchObject({
      violenceTypes: ['PARTNER_VIOLENCE', 'PHYSICAL_CHILD_ABUSE', 'EMOTIONAL_CHILD_ABUSE', 'CHILD_NEGLECT', 'SEXUAL_ABUSE', 'ELDER_ABUSE', 'HONOUR_RELATED'],
    });
    for (const [code, outcome] of [['veilig', 'SAFE'], ['onveilig-hulp-nodig', 'UNSAFE_HELP_NEEDED'], ['acuut-onveilig', 'ACUTELY_UNSAFE']]) {
      expect(mapMelding(variant(melding(), 'veiligheidsbeoordeling.uitkomst', code), context)).toMatchObject({ safetyAssessment: { outcome } });
    }
    expect(mapMelding(variant(melding(), 'betrokkenKinderen.0.rol', 'slachtoffer'), context))
      .toMatchObject({ childInvolvement: [{ role: 'DIRECT_VICTIM' }] });
  });

  it.each([
    ['soort', 'vrijwillige-hulp', 'kind', 'VOLUNTARY_CARE'], ['soort', 'overdracht-amk', 'kind', 'HANDOVER_ASHG_TO_AMK'],
    ['soort', 'politie-amk', 'kind', 'POLICE_TO_AMK'], ['soort', 'politie-bjz', 'kind', 'POLICE_TO_BJZ'],
    ['soort', 'wijkteam', 'kind', 'TO_WIJKTEAM'],
    ['status', 'concept', 'status', 'DRAFT'], ['status', 'aangeboden', 'status', 'OFFERED'],
    ['status', 'geaccepteerd', 'status', 'ACCEPTED'], ['status', 'geweigerd', 'status', 'REFUSED'],
    ['status', 'lopend', 'status', 'RUNNING'], ['status', 'afgerond', 'status', 'COMPLETED'],
    ['status', 'onveilig-retour', 'status', 'RETURNED_UNSAFE'],
    ['van', 'POL-NN', 'fromAgencyId', 'politie-noord-nederland'], ['naar', 'BJZ-GRN', 'toAgencyId', 'bjz-groningen'],
  ])('doorverwijzing %s %s -> %s %s', (field, code, key, value) => {
    expect(mapDoorverwijzing(variant(doorverwijzing(), field, code), context)).toMatchObject({ [key]: value });
  });
});
