/** Valid ASHG wire records and the gateway records they must map to, for the table tests. */
import type { ChildRecord, HouseholdRecord, InvolvementRecord, ReferralRecord, ReportRecord } from '#domain/records.ts';

export const OWNER = { agencyId: 'ashg-groningen', kind: 'ASHG', region: 'groningen' } as const;
/** Valid BSNs (eleven-test) of the world's scenario 1. */
export const BSN = { anna: '900000107', bram: '900000211', sanne: '900000302' } as const;
const META = { owner: OWNER, householdLocalId: 'D-2026-000101', municipality: 'Groningen' };

export function dossier(): Record<string, unknown> {
  return {
    dossiernummer: 'D-2026-000101', gemeente: 'Groningen',
    adres: { straat: 'Oosterstraat', huisnummer: '12a', postcode: '9711NN', woonplaats: 'Groningen' },
    personen: [
      { bsn: BSN.anna, naam: 'Anna de Vries', geboortedatum: '12-04-1988', rol: 'ouder-met-gezag' },
      { bsn: BSN.bram, naam: 'Bram de Vries', geboortedatum: '30-09-1986', rol: 'stiefouder' },
      { bsn: BSN.sanne, naam: 'Sanne de Vries', geboortedatum: '03-06-2017', rol: 'kind' },
    ],
    kinderen: [{ kindnummer: 'D-2026-000101-K1', bsn: BSN.sanne, school: 'OBS De Regenboog', situatie: 'Stil in de klas.', betrokkenheid: 'getuige' }],
    fase: 'overgedragen-aan-amk', faseSinds: '02-03-2026',
    contactpunt: { naam: 'Veilig Thuis Groningen, team ASHG', telefoon: '050-0000001', email: 'ashg@vt-groningen.example' },
    zorgaanbieder: null,
  };
}

export const expectedHousehold: HouseholdRecord = {
  ...META, type: 'Household', localId: 'D-2026-000101',
  members: [
    { bsn: BSN.anna, name: 'Anna de Vries', birthDate: '1988-04-12', role: 'PARENT_WITH_AUTHORITY' },
    { bsn: BSN.bram, name: 'Bram de Vries', birthDate: '1986-09-30', role: 'STEP_PARENT' },
    { bsn: BSN.sanne, name: 'Sanne de Vries', birthDate: '2017-06-03', role: 'CHILD' },
  ],
  address: { street: 'Oosterstraat', houseNumber: '12a', postalCode: '9711NN', city: 'Groningen' },
};

export const expectedChild: ChildRecord = {
  ...META, type: 'Child', localId: 'D-2026-000101-K1', bsn: BSN.sanne, name: 'Sanne de Vries', birthDate: '2017-06-03',
  school: 'OBS De Regenboog', situation: 'Stil in de klas.', role: 'WITNESS_OF_PARTNER_VIOLENCE',
};

export const expectedInvolvement: InvolvementRecord = {
  ...META, type: 'Involvement', localId: 'D-2026-000101', phase: 'HANDED_OVER_TO_AMK', phaseCategory: 'CARE', since: '2026-03-02',
  contact: { name: 'Veilig Thuis Groningen, team ASHG', phone: '050-0000001', email: 'ashg@vt-groningen.example' },
  careProvider: null,
};

export function melding(): Record<string, unknown> {
  return {
    meldingnummer: 'M-2026-000101', dossiernummer: 'D-2026-000101', gemeente: 'Groningen',
    ontvangen: '2026-03-02T09:14:00+01:00', kanaal: 'telefoon', soort: 'melding',
    melder: { naam: 'Huisarts J. Bakker', type: 'professional', anonimiteitToegezegd: false, telefoon: '050-5550101' },
    geweldsvormen: ['partnergeweld', 'psychische-kindermishandeling'],
    betrokkenKinderen: [{ bsn: BSN.sanne, rol: 'getuige' }],
    relaas: 'Moeder meldt herhaald fysiek geweld door partner.', afgeschermdeInformatie: 'Melder is de huisarts van beiden.',
    urgentie: 'hoog',
    veiligheidsbeoordeling: { uiterlijk: '09-03-2026', besloten: '2026-03-05T16:00:00+01:00', uitkomst: 'onveilig-hulp-nodig' },
    fase: 'overgedragen-aan-amk', ontvangendeZorgaanbieder: 'Stichting Kompaan en De Bocht',
  };
}

export const expectedReport: ReportRecord = {
  ...META, type: 'Report', localId: 'M-2026-000101', receivedAt: '2026-03-02T09:14:00+01:00', channel: 'PHONE', kind: 'REPORT',
  reporter: { name: 'Huisarts J. Bakker', type: 'PROFESSIONAL', anonymityPromised: false, phone: '050-5550101' },
  violenceTypes: ['PARTNER_VIOLENCE', 'EMOTIONAL_CHILD_ABUSE'],
  childInvolvement: [{ childBsn: BSN.sanne, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
  narrative: 'Moeder meldt herhaald fysiek geweld door partner.', restrictedInformation: 'Melder is de huisarts van beiden.',
  urgency: 'HIGH', safetyAssessment: { dueBy: '2026-03-09', decidedAt: '2026-03-05T16:00:00+01:00', outcome: 'UNSAFE_HELP_NEEDED' },
  phase: 'HANDED_OVER_TO_AMK', phaseCategory: 'CARE', receivingCareProvider: 'Stichting Kompaan en De Bocht',
};

export function doorverwijzing(): Record<string, unknown> {
  return {
    verwijzingsnummer: 'V-2026-000102', dossiernummer: 'D-2026-000101', gemeente: 'Groningen',
    van: 'ASHG-GRN', naar: 'AMK-GRN', naarZorgaanbieder: null, soort: 'overdracht-amk',
    reden: 'Hulp stagneert; zorg om de kinderen.', veiligheidsvoorwaarden: ['Geen geweld in bijzijn van kinderen'],
    warmeOverdracht: true, status: 'geaccepteerd',
    aangemaakt: '2026-06-16T09:00:00+02:00', gewijzigd: '2026-06-18T14:00:00+02:00', meldingnummer: 'M-2026-000101',
  };
}

export const expectedReferral: ReferralRecord = {
  ...META, type: 'Referral', localId: 'V-2026-000102', fromAgencyId: 'ashg-groningen', toAgencyId: 'amk-groningen',
  toCareProvider: null, kind: 'HANDOVER_ASHG_TO_AMK', reason: 'Hulp stagneert; zorg om de kinderen.',
  safetyConditions: ['Geen geweld in bijzijn van kinderen'], warmHandover: true, status: 'ACCEPTED',
  createdAt: '2026-06-16T09:00:00+02:00', updatedAt: '2026-06-18T14:00:00+02:00', reportLocalId: 'M-2026-000101',
};
