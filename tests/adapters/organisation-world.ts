/**
 * A small hand-built world for the "one mock per organisation" tests (issue 11): a few households
 * whose cases are filed under several organisations of one dialect, so a mock started for one of them
 * can be shown to serve its own cases and none of its neighbours'. Written out in full, not generated,
 * so every value a test compares with is on this page.
 */
import { fiveWorkingDaysAfter, person } from '#mock-world/build.ts';
import type { CasePhase } from '#domain/records.ts';
import {
  WORLD_AGENCIES, WORLD_ORGANISATIONS, type World, type WorldCase, type WorldHousehold, type WorldReport,
} from '#mock-world/index.ts';

const O = WORLD_ORGANISATIONS;

const eva = person(901, 'Eva Mulder', '1987-02-11', 'PARENT_WITH_AUTHORITY');
const jesse = person(902, 'Jesse Mulder', '2012-09-04', 'CHILD');

const sara = person(911, 'Sara Bakker', '1993-08-08', 'PARENT_WITH_AUTHORITY');
const dennis = person(912, 'Dennis Bakker', '1990-01-23', 'PARTNER');
const noor = person(913, 'Noor Bakker', '2016-04-15', 'CHILD');

const roos = person(921, 'Roos Visser', '1991-05-19', 'PARENT_WITH_AUTHORITY');
const mila = person(922, 'Mila Visser', '2018-12-01', 'CHILD');

/** The ASHG Drenthe's archive: a case it closed in 2014, handed over to the AMK Drenthe before Veilig Thuis began. */
const ashgDrenthe: WorldCase = {
  householdLocalId: 'D-2013-000901', phase: 'CLOSED', phaseCategory: 'CLOSED', since: '2014-11-20', careProvider: null,
  contact: { name: 'Veilig Thuis Drenthe, archief ASHG', phone: '0592-000001', email: 'archief@vt-drenthe.example' },
  memberBsns: [eva.bsn, jesse.bsn],
  children: [{ bsn: jesse.bsn, school: null, situation: null, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
  reports: [{
    localId: 'M-2013-000901', receivedAt: '2013-10-07T10:30:00+02:00', channel: 'PHONE', kind: 'REPORT',
    reporter: { name: 'Wijkagent Assen-Oost', type: 'PROFESSIONAL', anonymityPromised: false, phone: '0592-000009' },
    violenceTypes: ['PARTNER_VIOLENCE'], childInvolvement: [{ bsn: jesse.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
    narrative: 'Herhaald partnergeweld; zoon was thuis.', restrictedInformation: null, urgency: 'NORMAL',
    safetyAssessment: { dueBy: fiveWorkingDaysAfter('2013-10-07'), decidedAt: '2013-10-11T15:00:00+02:00', outcome: 'UNSAFE_HELP_NEEDED' },
    phase: 'CLOSED', phaseCategory: 'CLOSED', receivingCareProvider: null,
  }],
  referrals: [{
    localId: 'V-2013-000901', fromAgencyId: O.ashgDrenthe, toAgencyId: O.amkDrenthe, toCareProvider: null,
    kind: 'HANDOVER_ASHG_TO_AMK', reason: 'Zorg om de zoon; overdracht aan het AMK.', safetyConditions: [],
    warmHandover: true, status: 'COMPLETED', createdAt: '2014-02-03T09:00:00+01:00', updatedAt: '2014-11-20T12:00:00+01:00',
    reportLocalId: 'M-2013-000901',
  }],
};

/** A Veilig Thuis Drenthe melding about Jesse, in `phase` (the world's category of it). */
function vtReport(localId: string, receivedAt: string, phase: CasePhase, phaseCategory: WorldReport['phaseCategory'],
  details: Partial<WorldReport> = {}): WorldReport {
  return {
    localId, receivedAt, channel: 'PHONE', kind: 'REPORT',
    reporter: { name: 'Mentor CSG Vincent van Gogh', type: 'PROFESSIONAL', anonymityPromised: false, phone: '0592-000021' },
    violenceTypes: ['PHYSICAL_CHILD_ABUSE'], childInvolvement: [{ bsn: jesse.bsn, role: 'DIRECT_VICTIM' }],
    narrative: 'Jesse vertelt over klappen thuis.', restrictedInformation: null, urgency: 'HIGH', safetyAssessment: null,
    phase, phaseCategory, receivingCareProvider: null, ...details,
  };
}

/**
 * Veilig Thuis Drenthe (a system in the AMK's dialect since 2015): a case in its own investigation after
 * the police's zorgmelding, with a request to the Raad; its meldingen run through the 2019 phases.
 */
const vtDrenthe: WorldCase = {
  householdLocalId: 'VTD-2026-0131', phase: 'REQUEST_TO_RAAD', phaseCategory: 'INVESTIGATION', since: '2026-05-11', careProvider: null,
  contact: { name: 'Veilig Thuis Drenthe', phone: '0592-000002', email: 'info@vt-drenthe.example' },
  memberBsns: [eva.bsn, jesse.bsn],
  children: [{ bsn: jesse.bsn, school: 'CSG Vincent van Gogh', situation: 'Verzuimt sinds april.', role: 'DIRECT_VICTIM' }],
  reports: [
    vtReport('VTD-M-2025-0420', '2025-03-14T10:00:00+01:00', 'HANDOVER_WITH_CONDITIONS', 'CARE', {
      urgency: 'NORMAL', violenceTypes: ['PARTNER_VIOLENCE'], childInvolvement: [{ bsn: jesse.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
      safetyAssessment: { dueBy: fiveWorkingDaysAfter('2025-03-14'), decidedAt: '2025-03-19T15:30:00+01:00', outcome: 'UNSAFE_HELP_NEEDED' },
      receivingCareProvider: 'Yorneo',
    }),
    vtReport('VTD-M-2025-0612', '2025-06-12T08:20:00+02:00', 'MONITORING', 'MONITORING', { urgency: 'LOW' }),
    vtReport('VTD-M-2025-0877', '2025-11-03T13:05:00+01:00', 'END_OF_INVOLVEMENT', 'CLOSED', { kind: 'ADVICE', urgency: 'LOW' }),
    vtReport('VTD-M-2026-0131', '2026-04-20T23:10:00+02:00', 'OWN_INVESTIGATION', 'INVESTIGATION', {
      channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT', urgency: 'ACUTE', restrictedInformation: 'Melder is de buurvrouw.',
      reporter: { name: 'Politie Noord-Nederland', type: 'POLICE', anonymityPromised: false, phone: null },
      safetyAssessment: { dueBy: fiveWorkingDaysAfter('2026-04-20'), decidedAt: '2026-04-24T11:00:00+02:00', outcome: 'ACUTELY_UNSAFE' },
    }),
    vtReport('VTD-M-2026-0140', '2026-06-02T09:10:00+02:00', 'SAFETY_ASSESSMENT', 'ASSESSMENT', {
      safetyAssessment: { dueBy: fiveWorkingDaysAfter('2026-06-02'), decidedAt: null, outcome: null },
    }),
    vtReport('VTD-M-2026-0151', '2026-06-20T19:45:00+02:00', 'REPORT_RECEIVED', 'SIGNAL', {
      channel: 'WEB', kind: 'ADVICE', urgency: 'NORMAL', reporter: { name: null, type: 'ANONYMOUS', anonymityPromised: true, phone: null },
    }),
  ],
  referrals: [
    {
      localId: 'VTD-O-2025-0420', fromAgencyId: O.vtDrenthe, toAgencyId: null, toCareProvider: 'Yorneo',
      kind: 'VOLUNTARY_CARE', reason: 'Overdracht met voorwaarden aan de hulpverlening.', safetyConditions: ['Geen geweld in bijzijn van Jesse'],
      warmHandover: true, status: 'COMPLETED', createdAt: '2025-03-20T09:00:00+01:00', updatedAt: '2025-06-12T08:20:00+02:00',
      reportLocalId: 'VTD-M-2025-0420',
    },
    {
      localId: 'VTD-O-2026-0131', fromAgencyId: WORLD_AGENCIES.politie, toAgencyId: O.vtDrenthe, toCareProvider: null,
      kind: 'POLICE_TO_VEILIG_THUIS', reason: 'Zorgmelding na huiselijk geweld; minderjarige slachtoffer.', safetyConditions: [],
      warmHandover: false, status: 'ACCEPTED', createdAt: '2026-04-21T08:00:00+02:00', updatedAt: '2026-04-21T09:30:00+02:00',
      reportLocalId: 'VTD-M-2026-0131',
    },
    {
      localId: 'VTD-O-2026-0133', fromAgencyId: O.vtDrenthe, toAgencyId: O.raad, toCareProvider: null,
      kind: 'REQUEST_TO_RAAD', reason: 'Verzoek tot onderzoek naar een kinderbeschermingsmaatregel.',
      safetyConditions: ['Jesse verblijft bij zijn grootouders'], warmHandover: true, status: 'OFFERED',
      createdAt: '2026-05-11T14:00:00+02:00', updatedAt: '2026-05-12T10:15:00+02:00', reportLocalId: 'VTD-M-2026-0131',
    },
  ],
};

/**
 * A police zorgmelding as the export carries it: its number is the case's, it was registered when the
 * case began, and its one doorverwijzing (`<number>-V1`) went to the region's Veilig Thuis.
 */
function zorgmelding({ unit, nummer, registered, toVeiligThuis, members, child, contact, verbalisant }: {
  unit: string; nummer: string; registered: string; toVeiligThuis: string; members: readonly string[]; child: string;
  contact: WorldCase['contact']; verbalisant: string;
}): WorldCase {
  return {
    householdLocalId: nummer, phase: 'REFERRED', phaseCategory: 'ASSESSMENT', since: registered.slice(0, 10), careProvider: null, contact,
    memberBsns: [...members],
    children: [{ bsn: child, school: null, situation: null, role: 'DIRECT_VICTIM' }],
    reports: [{
      localId: nummer, receivedAt: registered, channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
      reporter: { name: verbalisant, type: 'POLICE', anonymityPromised: false, phone: null },
      violenceTypes: ['PHYSICAL_CHILD_ABUSE', 'PARTNER_VIOLENCE'], childInvolvement: [{ bsn: child, role: 'DIRECT_VICTIM' }],
      narrative: 'Melding huiselijk geweld; minderjarige met letsel aangetroffen.', restrictedInformation: null, urgency: 'ACUTE',
      safetyAssessment: null, phase: 'REFERRED', phaseCategory: 'ASSESSMENT', receivingCareProvider: null,
    }],
    referrals: [{
      localId: `${nummer}-V1`, fromAgencyId: unit, toAgencyId: toVeiligThuis, toCareProvider: null, kind: 'POLICE_TO_VEILIG_THUIS',
      reason: 'Zorgmelding aan Veilig Thuis.', safetyConditions: ['Vader houdt zich op afstand'], warmHandover: false, status: 'ACCEPTED',
      createdAt: `${registered.slice(0, 10)}T09:00:00${registered.slice(-6)}`, updatedAt: `${registered.slice(0, 10)}T11:30:00${registered.slice(-6)}`,
      reportLocalId: nummer,
    }],
  };
}

/** Politie Noord-Nederland's zorgmelding about Jesse, which Veilig Thuis Drenthe received (VTD-O-2026-0131). */
const politieNoordNederland = zorgmelding({
  unit: WORLD_AGENCIES.politie, nummer: 'ZM-2026-009001', registered: '2026-04-20T23:10:00+02:00', toVeiligThuis: O.vtDrenthe,
  members: [eva.bsn, jesse.bsn], child: jesse.bsn, verbalisant: 'Agent 9001',
  contact: { name: 'Politie Noord-Nederland, zorgcoördinatie', phone: '0900-0000003', email: 'zorg@politie-nn.example' },
});

/** The police unit Amsterdam: the same export, its own zorgmeldingen, to Veilig Thuis Amsterdam-Amstelland. */
const politieAmsterdam = zorgmelding({
  unit: O.politieAmsterdam, nummer: 'ZM-2026-A00311', registered: '2026-07-04T01:30:00+02:00', toVeiligThuis: O.vtAmsterdam,
  members: [sara.bsn, dennis.bsn, noor.bsn], child: noor.bsn, verbalisant: 'Agent 0311',
  contact: { name: 'Politie Amsterdam, zorgcoördinatie', phone: '0900-0000013', email: 'zorg@politie-ams.example' },
});

/**
 * Jeugdbescherming Noord (a certified institution, a system in BJZ's dialect since 2015) carries out the
 * measure that followed Veilig Thuis Drenthe's request to the Raad; it placed Jesse's help with a provider.
 */
const giNoord: WorldCase = {
  householdLocalId: 'gi-gezin-0901', phase: 'HANDED_OVER_TO_CARE', phaseCategory: 'CARE', since: '2026-08-03', careProvider: 'Yorneo',
  contact: { name: 'Jeugdbescherming Noord, team Assen', phone: '0592-000004', email: 'assen@jbnoord.example' },
  memberBsns: [eva.bsn, jesse.bsn],
  children: [{ bsn: jesse.bsn, school: 'CSG Vincent van Gogh', situation: 'Ondertoezichtstelling sinds augustus.', role: 'DIRECT_VICTIM' }],
  reports: [],
  referrals: [
    {
      localId: 'gi-aanmelding-0901', fromAgencyId: O.vtDrenthe, toAgencyId: O.raad, toCareProvider: null,
      kind: 'REQUEST_TO_RAAD', reason: 'Verzoek tot onderzoek; leidde tot de ondertoezichtstelling.', safetyConditions: [],
      warmHandover: false, status: 'COMPLETED', createdAt: '2026-05-11T14:00:00+02:00', updatedAt: '2026-07-28T16:00:00+02:00',
      reportLocalId: null,
    },
    {
      localId: 'gi-aanmelding-0902', fromAgencyId: O.giNoord, toAgencyId: null, toCareProvider: 'Yorneo',
      kind: 'VOLUNTARY_CARE', reason: 'Ambulante gezinsbehandeling binnen de maatregel.', safetyConditions: ['Vader houdt zich op afstand'],
      warmHandover: true, status: 'RUNNING', createdAt: '2026-08-03T10:00:00+02:00', updatedAt: '2026-09-01T09:00:00+02:00',
      reportLocalId: null,
    },
  ],
};

const bjzGroningen: WorldCase = {
  householdLocalId: 'bjz-gezin-0921', phase: 'INTAKE', phaseCategory: 'ASSESSMENT', since: '2026-05-25', careProvider: null,
  contact: { name: 'Bureau Jeugdzorg Groningen, toegang', phone: '050-0000004', email: 'toegang@bjz-groningen.example' },
  memberBsns: [roos.bsn, mila.bsn],
  children: [{ bsn: mila.bsn, school: 'OBS De Kleine Wereld', situation: null, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
  reports: [],
  referrals: [{
    localId: 'bjz-aanmelding-0921', fromAgencyId: WORLD_AGENCIES.amk, toAgencyId: WORLD_AGENCIES.bjz, toCareProvider: null,
    kind: 'VOLUNTARY_CARE', reason: 'Jeugdhulp voor Mila.', safetyConditions: [], warmHandover: false, status: 'RUNNING',
    createdAt: '2026-05-20T09:00:00+02:00', updatedAt: '2026-05-25T11:00:00+02:00', reportLocalId: null,
  }],
};

const amkGroningen: WorldCase = {
  householdLocalId: 'AMK-2026-0921', phase: 'INVESTIGATION', phaseCategory: 'INVESTIGATION', since: '2026-05-06', careProvider: null,
  contact: { name: 'Veilig Thuis Groningen, team AMK', phone: '050-0000002', email: 'amk@vt-groningen.example' },
  memberBsns: [roos.bsn, mila.bsn],
  children: [{ bsn: mila.bsn, school: null, situation: null, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
  reports: [{
    localId: 'AMK-M-2026-0921', receivedAt: '2026-05-06T10:00:00+02:00', channel: 'IN_PERSON', kind: 'REPORT',
    reporter: { name: 'ASHG Groningen', type: 'PROFESSIONAL', anonymityPromised: false, phone: '050-0000001' },
    violenceTypes: ['PARTNER_VIOLENCE'], childInvolvement: [{ bsn: mila.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
    narrative: 'Overdracht door het ASHG.', restrictedInformation: null, urgency: 'HIGH', safetyAssessment: null,
    phase: 'INVESTIGATION', phaseCategory: 'INVESTIGATION', receivingCareProvider: null,
  }],
  referrals: [{
    localId: 'AMK-O-2026-0921', fromAgencyId: WORLD_AGENCIES.amk, toAgencyId: WORLD_AGENCIES.bjz, toCareProvider: null,
    kind: 'VOLUNTARY_CARE', reason: 'Jeugdhulp voor Mila.', safetyConditions: [], warmHandover: false, status: 'RUNNING',
    createdAt: '2026-05-20T09:00:00+02:00', updatedAt: '2026-05-20T09:00:00+02:00', reportLocalId: 'AMK-M-2026-0921',
  }],
};

const ashgGroningen: WorldCase = {
  householdLocalId: 'D-2026-000921', phase: 'PLAN_TO_HELP', phaseCategory: 'CARE', since: '2026-04-02', careProvider: 'Lentis',
  contact: { name: 'Veilig Thuis Groningen, team ASHG', phone: '050-0000001', email: 'ashg@vt-groningen.example' },
  memberBsns: [roos.bsn, mila.bsn],
  children: [{ bsn: mila.bsn, school: null, situation: null, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
  reports: [{
    localId: 'M-2026-000921', receivedAt: '2026-03-30T11:00:00+02:00', channel: 'EMAIL', kind: 'REPORT',
    reporter: { name: null, type: 'ANONYMOUS', anonymityPromised: true, phone: null },
    violenceTypes: ['PARTNER_VIOLENCE'], childInvolvement: [{ bsn: mila.bsn, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
    narrative: 'Buren horen ruzie.', restrictedInformation: null, urgency: 'NORMAL', safetyAssessment: null,
    phase: 'PLAN_TO_HELP', phaseCategory: 'CARE', receivingCareProvider: 'Lentis',
  }],
  referrals: [],
};

export const DRENTHE: WorldHousehold = {
  key: 'organisations-drenthe', scenario: null, municipality: 'Assen',
  address: { street: 'Kerkplein', houseNumber: '7', postalCode: '9401AA', city: 'Assen' },
  members: [eva, jesse],
  cases: {
    [O.ashgDrenthe]: ashgDrenthe, [O.vtDrenthe]: vtDrenthe, [WORLD_AGENCIES.politie]: politieNoordNederland, [O.giNoord]: giNoord,
  },
};

export const AMSTERDAM: WorldHousehold = {
  key: 'organisations-amsterdam', scenario: null, municipality: 'Amsterdam',
  address: { street: 'Javastraat', houseNumber: '120', postalCode: '1094HJ', city: 'Amsterdam' },
  members: [sara, dennis, noor],
  cases: { [O.politieAmsterdam]: politieAmsterdam },
};

export const GRONINGEN: WorldHousehold = {
  key: 'organisations-groningen', scenario: null, municipality: 'Groningen',
  address: { street: 'Vismarkt', houseNumber: '3b', postalCode: '9712CA', city: 'Groningen' },
  members: [roos, mila],
  cases: { [WORLD_AGENCIES.ashg]: ashgGroningen, [WORLD_AGENCIES.amk]: amkGroningen, [WORLD_AGENCIES.bjz]: bjzGroningen },
};

export const ORGANISATION_WORLD: World = { households: [DRENTHE, AMSTERDAM, GRONINGEN] };

/** The case `agencyId` holds on `household`; throws when it holds none (a broken test world). */
export function caseOf(household: WorldHousehold, agencyId: string): WorldCase {
  const found = household.cases[agencyId];
  if (!found) throw new Error(`${household.key} has no case of ${agencyId}`);
  return found;
}
