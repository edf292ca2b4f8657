/**
 * The scaled world: the six scenario households, generated ones, then the regional households of
 * today's chain (scenarios-today.ts); deterministic for a seed, so a benchmark and a test on two
 * machines see the same data.
 */
import type { CasePhase, ReferralStatus, ViolenceType } from '../domain/records.ts';
import { CONTACTS, addDays, amsterdamDateTime, fiveWorkingDaysAfter, person, phaseCategoryOf } from './build.ts';
import type { World, WorldCase, WorldChild, WorldHousehold, WorldPerson, WorldReferral, WorldReport } from './model.ts';
import { WORLD_AGENCIES as A } from './model.ts';
import { createRandom, pick } from './random.ts';
import { REGIONAL_SERIAL_BASE } from './regional-build.ts';
import { scenarioHouseholds } from './scenarios.ts';
import { regionalHouseholds } from './scenarios-today.ts';

export interface WorldOptions {
  /**
   * First-wave households: the six Groningen scenarios plus generated ones up to this number. Default 6
   * (the scenarios only). The regional households of today's chain (scenarios-today.ts) come on top,
   * after them, so the first `households` households are the same whatever is added there.
   */
  households?: number;
  /** Seed of the generator. Default 20070101 (the 0-18 covenant's start). */
  seed?: number;
}

export const GRONINGEN_MUNICIPALITIES = [
  'Groningen', 'Midden-Groningen', 'Eemsdelta', 'Het Hogeland', 'Westerkwartier', 'Oldambt',
  'Pekela', 'Stadskanaal', 'Veendam', 'Westerwolde',
] as const;
export const DRENTHE_MUNICIPALITIES = [
  'Assen', 'Emmen', 'Hoogeveen', 'Meppel', 'Tynaarlo', 'Aa en Hunze', 'Borger-Odoorn', 'Coevorden',
  'De Wolden', 'Midden-Drenthe', 'Noordenveld', 'Westerveld',
] as const;

const FIRST = ['Emma', 'Julia', 'Mila', 'Sophie', 'Tess', 'Noah', 'Liam', 'Luuk', 'Finn', 'Sem', 'Daan', 'Lotte', 'Saar', 'Jan', 'Ahmed', 'Yara', 'Mohammed', 'Zoë'];
const LAST = ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Dijkstra', 'Postma', 'Wiersma', 'Yilmaz', 'Hoekstra'];
const STREETS = ['Dorpsstraat', 'Kerkstraat', 'Molenweg', 'Schoolstraat', 'Stationsweg', 'Wilhelminalaan', 'Beatrixstraat'];
const SCHOOLS = ['OBS De Regenboog', 'CBS Het Kompas', 'Kindcentrum De Zon', 'SG Het Noordik', 'OBS De Vlinder'];
const PROVIDERS = ['Stichting Kompaan en De Bocht', 'Lentis', 'Accare', 'Elker', 'Jeugdhulp Groningen Stad'];

export function createWorld(options: WorldOptions = {}): World {
  const total = Math.max(options.households ?? 6, 6);
  // Household `index` uses serials 1000 + index * 8 up to + 4; past this many they would reach the
  // regional households' serials and repeat their BSNs.
  if (1000 + total * 8 > REGIONAL_SERIAL_BASE) throw new RangeError(`createWorld: at most ${(REGIONAL_SERIAL_BASE - 1000) / 8} households`);
  const random = createRandom(options.seed ?? 20070101);
  const households: WorldHousehold[] = scenarioHouseholds();
  for (let index = households.length; index < total; index++) {
    households.push(generateHousehold(index, random));
  }
  // After the generated ones, and drawing nothing from `random`: the first `total` stay as they were.
  households.push(...regionalHouseholds());
  return { households };
}

function generateHousehold(index: number, random: () => number): WorldHousehold {
  const serialBase = 1000 + index * 8;
  const last = pick(random, LAST);
  const inGroningen = random() < 0.85;
  const municipality = pick(random, inGroningen ? GRONINGEN_MUNICIPALITIES : DRENTHE_MUNICIPALITIES);
  const adults: WorldPerson[] = [person(serialBase, `${pick(random, FIRST)} ${last}`, birth(random, 1965, 1998), 'PARENT_WITH_AUTHORITY')];
  if (random() < 0.75) adults.push(person(serialBase + 1, `${pick(random, FIRST)} ${last}`, birth(random, 1965, 1998), pick(random, ['PARENT_WITH_AUTHORITY', 'PARTNER', 'STEP_PARENT'] as const)));
  const childCount = random() < 0.2 ? 0 : 1 + Math.floor(random() * 3);
  const children: WorldPerson[] = [];
  for (let c = 0; c < childCount; c++) children.push(person(serialBase + 2 + c, `${pick(random, FIRST)} ${last}`, birth(random, 2009, 2025), 'CHILD'));
  const members = [...adults, ...children];
  const key = `hh-${String(index).padStart(6, '0')}`;
  const start = birth(random, 2025, 2026);
  const cases: Record<string, WorldCase> = {};
  const childFacts = (withDetail: boolean): WorldChild[] => children.map((child) => ({
    bsn: child.bsn,
    school: withDetail ? pick(random, SCHOOLS) : null,
    situation: withDetail ? 'Zorgen gemeld door school.' : null,
    role: random() < 0.6 ? 'WITNESS_OF_PARTNER_VIOLENCE' : 'DIRECT_VICTIM',
  }));
  const violence: ViolenceType[] = children.length > 0 && random() < 0.4 ? ['PARTNER_VIOLENCE', 'EMOTIONAL_CHILD_ABUSE'] : ['PARTNER_VIOLENCE'];
  const handedOver = children.length > 0 && random() < 0.35;
  if (random() < 0.7) {
    const phase: CasePhase = handedOver ? 'HANDED_OVER_TO_AMK' : pick(random, ['REPORT_RECEIVED', 'HOUSEHOLD_INFORMED', 'PLAN_TO_HELP', 'MONITORING', 'CLOSED'] as const);
    // Generated ids carry a G so they can never coincide with a scenario's hand-written ids.
    const reportId = `M-${start.slice(0, 4)}-G${String(index).padStart(6, '0')}`;
    const referrals: WorldReferral[] = [referral(`V-${reportId.slice(2)}`, A.ashg, null, pick(random, PROVIDERS), 'VOLUNTARY_CARE', handedOver ? 'RETURNED_UNSAFE' : 'RUNNING', start, 7, reportId)];
    if (handedOver) referrals.push(referral(`V-${reportId.slice(2)}-O`, A.ashg, A.amk, null, 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED', start, 60, reportId));
    cases[A.ashg] = caseOf(`D-G${String(index).padStart(8, '0')}`, A.ashg, phase, start, members, childFacts(false),
      [report(reportId, start, 'REPORT', violence, children, phase, random)], referrals);
  }
  if (handedOver || (children.length > 0 && random() < 0.1)) {
    const phase = pick(random, ['INTAKE', 'INVESTIGATION', 'CONCLUSION', 'HANDED_OVER_TO_CARE'] as const);
    const since = addDays(start, 60);
    cases[A.amk] = caseOf(`AMK-G${String(index).padStart(7, '0')}`, A.amk, phase, since, members, childFacts(true),
      [report(`AMK-M-G${String(index).padStart(7, '0')}`, since, 'REPORT', violence, children, phase, random)], []);
  }
  if (random() < 0.3) {
    const id = `ZM-${start.slice(0, 4)}-G${String(index).padStart(7, '0')}`;
    const toBjz = children.some((child) => child.birthDate < '2012-01-01') && random() < 0.5;
    const referrals = children.length > 0
      ? [referral(`${id}-V1`, A.politie, toBjz ? A.bjz : A.amk, null, toBjz ? 'POLICE_TO_BJZ' : 'POLICE_TO_AMK', 'ACCEPTED', start, 1, id)]
      : [];
    cases[A.politie] = caseOf(id, A.politie, 'REFERRED', start, members, childFacts(false),
      [report(id, start, 'POLICE_CARE_REPORT', violence, children, 'REFERRED', random)], referrals);
    if (toBjz) {
      cases[A.bjz] = caseOf(`bjz-gezin-g${index.toString(16)}`, A.bjz, 'INTAKE', addDays(start, 3), members, childFacts(true), [],
        [referral(`bjz-aanmelding-g${index.toString(16)}`, A.politie, A.bjz, pick(random, PROVIDERS), 'POLICE_TO_BJZ', 'RUNNING', start, 3, null)]);
    }
  }
  return {
    key, scenario: null, municipality,
    address: { street: pick(random, STREETS), houseNumber: String(1 + Math.floor(random() * 180)), postalCode: `9${String(100 + Math.floor(random() * 899))}AB`, city: municipality },
    members, cases,
  };
}

function caseOf(localId: string, agency: string, phase: CasePhase, since: string, members: readonly WorldPerson[],
  children: readonly WorldChild[], reports: readonly WorldReport[], referrals: readonly WorldReferral[]): WorldCase {
  return {
    householdLocalId: localId, phase, phaseCategory: phaseCategoryOf(phase), since,
    careProvider: phase === 'HANDED_OVER_TO_CARE' ? 'Elker' : null, contact: CONTACTS[agency]!,
    memberBsns: members.map((member) => member.bsn), children, reports, referrals,
  };
}

function report(localId: string, date: string, kind: WorldReport['kind'], violenceTypes: ViolenceType[],
  children: readonly WorldPerson[], phase: CasePhase, random: () => number): WorldReport {
  const receivedAt = amsterdamDateTime(date, '10:00:00');
  return {
    localId, receivedAt, kind,
    channel: kind === 'POLICE_CARE_REPORT' ? 'POLICE_EXPORT' : pick(random, ['PHONE', 'EMAIL', 'WEB'] as const),
    reporter: kind === 'POLICE_CARE_REPORT'
      ? { name: 'Politie Noord-Nederland', type: 'POLICE', anonymityPromised: false, phone: null }
      : { name: 'Melder (gegenereerd)', type: pick(random, ['PROFESSIONAL', 'CITIZEN'] as const), anonymityPromised: random() < 0.1, phone: '06-55500000' },
    violenceTypes,
    childInvolvement: children.map((child) => ({ bsn: child.bsn, role: violenceTypes.length > 1 ? 'DIRECT_VICTIM' : 'WITNESS_OF_PARTNER_VIOLENCE' })),
    narrative: 'Gegenereerde melding voor de benchmark.',
    restrictedInformation: random() < 0.1 ? 'Gegenereerde afgeschermde informatie.' : null,
    urgency: pick(random, ['LOW', 'NORMAL', 'HIGH'] as const),
    safetyAssessment: kind === 'POLICE_CARE_REPORT' ? null : { dueBy: fiveWorkingDaysAfter(receivedAt), decidedAt: null, outcome: null },
    phase, phaseCategory: phaseCategoryOf(phase), receivingCareProvider: null,
  };
}

function referral(localId: string, from: string, to: string | null, provider: string | null, kind: WorldReferral['kind'],
  status: ReferralStatus, start: string, afterDays: number, reportLocalId: string | null): WorldReferral {
  return {
    localId, fromAgencyId: from, toAgencyId: to, toCareProvider: provider, kind, reason: 'Gegenereerde verwijzing.',
    safetyConditions: [], warmHandover: false, status,
    createdAt: amsterdamDateTime(addDays(start, afterDays), '09:00:00'), updatedAt: amsterdamDateTime(addDays(start, afterDays + 2), '09:00:00'), reportLocalId,
  };
}

/** A birth date between Jan 1 of `from` and Dec 28 of `to`. */
function birth(random: () => number, from: number, to: number): string {
  const year = from + Math.floor(random() * (to - from + 1));
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
