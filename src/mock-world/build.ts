/** Small builders the scenarios and the generator share, so both make records of one shape. */
import type { CasePhase, MemberRole, PhaseCategory } from '../domain/records.ts';
import type { WorldCase, WorldPerson } from './model.ts';
import { bsnFromSerial, politieKeyFor } from './random.ts';

export function person(serial: number, name: string, birthDate: string, role: MemberRole): WorldPerson {
  const bsn = bsnFromSerial(serial);
  return { bsn, politieKey: politieKeyFor(bsn), name, birthDate, role };
}

export const CONTACTS: Readonly<Record<string, WorldCase['contact']>> = {
  'ashg-groningen': { name: 'Veilig Thuis Groningen, team ASHG', phone: '050-0000001', email: 'ashg@vt-groningen.example' },
  'amk-groningen': { name: 'Veilig Thuis Groningen, team AMK', phone: '050-0000002', email: 'amk@vt-groningen.example' },
  'politie-noord-nederland': { name: 'Politie Noord-Nederland, zorgcoördinatie', phone: '0900-0000003', email: 'zorg@politie-nn.example' },
  'bjz-groningen': { name: 'Bureau Jeugdzorg Groningen, toegang', phone: '050-0000004', email: 'toegang@bjz-groningen.example' },
  // The organisations of today's chain that have a record system (issue 11). The ASHG Drenthe's archive
  // is answered for by Veilig Thuis Drenthe, its controller since 2015 (DOMAIN section 8).
  'ashg-drenthe': { name: 'Veilig Thuis Drenthe, archief ASHG Drenthe', phone: '0592-0000011', email: 'archief-ashg@vt-drenthe.example' },
  'veilig-thuis-drenthe': { name: 'Veilig Thuis Drenthe, team melding en triage', phone: '0592-0000012', email: 'triage@vt-drenthe.example' },
  'jeugdbescherming-noord': { name: 'Jeugdbescherming Noord, team Drenthe', phone: '0592-0000013', email: 'drenthe@jeugdbescherming-noord.example' },
  'veilig-thuis-amsterdam-amstelland': { name: 'Veilig Thuis Amsterdam-Amstelland, team melding en triage', phone: '020-0000021', email: 'triage@vt-amsterdam-amstelland.example' },
  'politie-amsterdam': { name: 'Politie Amsterdam, zorgcoördinatie', phone: '0900-0000022', email: 'zorg@politie-amsterdam.example' },
  'jeugdbescherming-regio-amsterdam': { name: 'Jeugdbescherming Regio Amsterdam, toegang', phone: '020-0000023', email: 'toegang@jeugdbescherming-amsterdam.example' },
};

export function phaseCategoryOf(phase: CasePhase): PhaseCategory {
  switch (phase) {
    case 'FIRST_CONTACT': case 'REPORT_RECEIVED': case 'REGISTERED': return 'SIGNAL';
    case 'HOUSEHOLD_INFORMED': case 'INTAKE': case 'SAFETY_ASSESSMENT': case 'REFERRED': return 'ASSESSMENT';
    case 'INVESTIGATION': case 'OWN_INVESTIGATION': case 'CONCLUSION': case 'REQUEST_TO_RAAD': return 'INVESTIGATION';
    case 'PLAN_TO_HELP': case 'REFERRAL_CARRIED_OUT': case 'HANDED_OVER_TO_AMK': case 'HANDED_OVER_TO_CARE':
    case 'HANDOVER_WITH_CONDITIONS': return 'CARE';
    case 'MONITORING': return 'MONITORING';
    case 'END_OF_INVOLVEMENT': case 'CLOSED': return 'CLOSED';
  }
}

/** Adds `days` calendar days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Five working days after receipt: the safety-assessment deadline (Veilig Thuis protocol). */
export function fiveWorkingDaysAfter(isoDateTime: string): string {
  let date = isoDateTime.slice(0, 10);
  let left = 5;
  while (left > 0) {
    date = addDays(date, 1);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date;
}

/** `date` at `time` in Europe/Amsterdam, with the offset that applies that day (CEST from the last Sunday of March to the last Sunday of October). */
export function amsterdamDateTime(date: string, time: string): string {
  const year = Number(date.slice(0, 4));
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return new Date(Date.UTC(year, month, last.getUTCDate() - last.getUTCDay())).toISOString().slice(0, 10);
  };
  const summer = date >= lastSunday(2) && date < lastSunday(9);
  return `${date}T${time}${summer ? '+02:00' : '+01:00'}`;
}
