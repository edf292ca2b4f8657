/**
 * A small hand-built world for the "one mock per organisation" tests (issue 11): a few households
 * whose cases are filed under several organisations of one dialect, so a mock started for one of them
 * can be shown to serve its own cases and none of its neighbours'. Written out in full, not generated,
 * so every value a test compares with is on this page.
 */
import { fiveWorkingDaysAfter, person } from '#mock-world/build.ts';
import { WORLD_AGENCIES, WORLD_ORGANISATIONS, type World, type WorldCase, type WorldHousehold } from '#mock-world/index.ts';

const O = WORLD_ORGANISATIONS;

const eva = person(901, 'Eva Mulder', '1987-02-11', 'PARENT_WITH_AUTHORITY');
const jesse = person(902, 'Jesse Mulder', '2012-09-04', 'CHILD');

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
  cases: { [O.ashgDrenthe]: ashgDrenthe },
};

export const GRONINGEN: WorldHousehold = {
  key: 'organisations-groningen', scenario: null, municipality: 'Groningen',
  address: { street: 'Vismarkt', houseNumber: '3b', postalCode: '9712CA', city: 'Groningen' },
  members: [roos, mila],
  cases: { [WORLD_AGENCIES.ashg]: ashgGroningen },
};

export const ORGANISATION_WORLD: World = { households: [DRENTHE, GRONINGEN] };

/** The case `agencyId` holds on `household`; throws when it holds none (a broken test world). */
export function caseOf(household: WorldHousehold, agencyId: string): WorldCase {
  const found = household.cases[agencyId];
  if (!found) throw new Error(`${household.key} has no case of ${agencyId}`);
  return found;
}
