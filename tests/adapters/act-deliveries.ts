/**
 * Acts as the outbox hands them to an adapter's deliver() (src/domain/acts.ts), for the dialects'
 * inbound tests: a handover from the ASHG with everything a covenant could grant, a police referral,
 * an answer and feedback. Personal values are listed so tests can check no error message carries one.
 */
import { pino } from 'pino';
import type { ActDelivery, ActKind } from '#domain/acts.ts';
import type { AdapterContext, AgencyDescriptor, RequestScope } from '#kit/contract.ts';
import { createUpstreamHttp } from '#kit/http.ts';
import type { ResilienceOptions, UpstreamHttp } from '#kit/http-types.ts';

/** A reason written to break out of XML, JSON and CSV alike: it must arrive as the same text. */
export const HOSTILE_REASON = 'Zorg ]]></amk:reden><amk:soort>verzoek-raad</amk:soort> & "quotes"; \'x\' <b>\r\nregel 2;"';

const BASE: ActDelivery = {
  actId: 'act-0001',
  kind: 'HAND_OVER_CASE',
  referralKind: 'HANDOVER_ASHG_TO_AMK',
  senderAgencyId: 'ashg-groningen',
  receiverAgencyId: 'amk-groningen',
  sentAt: '2026-11-02T10:15:00+01:00',
  senderReference: 'M-2026-000101',
  municipality: 'Groningen',
  household: {
    type: 'Household',
    values: {
      'Household.municipality': 'Groningen',
      'Address.street': 'Vinkenstraat', 'Address.houseNumber': '12a', 'Address.postalCode': '9727BW', 'Address.city': 'Groningen',
    },
  },
  members: [
    { type: 'HouseholdMember', values: { 'HouseholdMember.name': 'Sanne de Vries', 'HouseholdMember.bsn': '900000101', 'HouseholdMember.birthDate': '1988-04-12', 'HouseholdMember.role': 'PARENT_WITH_AUTHORITY' } },
    { type: 'HouseholdMember', values: { 'HouseholdMember.name': 'Mark Jansen', 'HouseholdMember.role': 'PARTNER', 'HouseholdMember.shoeSize': '44' } },
  ],
  children: [
    { type: 'Child', values: { 'Child.name': 'Lotte de Vries', 'Child.bsn': '900000302', 'Child.birthDate': '2016-09-30', 'Child.role': 'WITNESS_OF_PARTNER_VIOLENCE', 'Child.school': 'OBS De Wijert', 'Child.situation': 'Slaapt slecht.' } },
  ],
  report: {
    type: 'Report',
    values: {
      'Report.kind': 'REPORT', 'Report.channel': 'PHONE', 'Report.receivedAt': '2026-03-02T09:14:00+01:00',
      'Report.violenceTypes': ['PARTNER_VIOLENCE'], 'Report.narrative': 'Moeder meldt herhaald fysiek geweld door partner.',
      'Report.urgency': 'HIGH',
    },
  },
  reason: 'Vrijwillige hulp stagneert; zorg om de kinderen.',
  safetyConditions: ['Partner verblijft elders', 'Wekelijks contact met school'],
  answer: null,
  feedback: null,
};

/** Every personal value in the acts above: none may appear in an error message. */
export const PERSONAL_VALUES = ['Sanne', 'Vries', 'Jansen', 'Lotte', '900000101', '900000302', 'Vinkenstraat', 'Moeder meldt', 'stagneert', 'Slaapt'];

export function handover(overrides: Partial<ActDelivery> = {}): ActDelivery {
  return { ...BASE, ...overrides };
}

export function policeReferral(receiverAgencyId: string, overrides: Partial<ActDelivery> = {}): ActDelivery {
  return {
    ...BASE, actId: 'act-0002', kind: 'REFER_ZORGMELDING', referralKind: 'POLICE_TO_BJZ', senderAgencyId: 'politie-noord-nederland',
    receiverAgencyId, senderReference: 'ZM-2026-00017',
    report: { type: 'Report', values: { 'Report.kind': 'POLICE_CARE_REPORT', 'Report.receivedAt': '2026-10-06T09:00:00+02:00', 'Report.narrative': 'Huiselijke ruzie, kind aanwezig.' } },
    reason: 'Zorgmelding 0-18', safetyConditions: [], ...overrides,
  };
}

export function answer(senderAgencyId: string, receiverAgencyId: string, overrides: Partial<ActDelivery> = {}): ActDelivery {
  return {
    ...BASE, actId: 'act-0003', kind: 'ANSWER_REFERRAL', referralKind: null, senderAgencyId, receiverAgencyId,
    senderReference: 'AMK-2026-00042', household: null, members: [], children: [], report: null, reason: null, safetyConditions: [],
    answer: { decision: 'ACCEPTED', reason: 'Onderzoek gestart', answeredAct: 'act-0001' }, ...overrides,
  };
}

export function feedback(senderAgencyId: string, receiverAgencyId: string, overrides: Partial<ActDelivery> = {}): ActDelivery {
  return {
    ...BASE, actId: 'act-0004', kind: 'GIVE_FEEDBACK', referralKind: null, senderAgencyId, receiverAgencyId,
    senderReference: 'AMK-2026-00042', household: null, members: [], children: [], report: null, reason: null, safetyConditions: [],
    feedback: { phaseCategory: 'INVESTIGATION', receivingAgencyId: 'amk-groningen', receivingCareProvider: null }, ...overrides,
  };
}

/** An act of `kind` with what that kind carries, from the ASHG to `receiver`. */
export function actOfKind(kind: ActKind, receiverAgencyId: string): ActDelivery {
  switch (kind) {
    case 'HAND_OVER_CASE': return handover({ receiverAgencyId });
    case 'REFER_ZORGMELDING': return policeReferral(receiverAgencyId);
    case 'ANSWER_REFERRAL': return answer('amk-groningen', receiverAgencyId);
    case 'GIVE_FEEDBACK': return feedback('amk-groningen', receiverAgencyId);
  }
}

/** The kit's HTTP to a mock on loopback, without retries unless asked (a retry would hide a failure). */
export function loopbackHttp(agencyId: string, baseUrl: string, resilience: ResilienceOptions = {}): UpstreamHttp {
  return createUpstreamHttp({ agencyId, baseUrl, logger: pino({ level: 'silent' }), resilience: { retries: 0, backoffBaseMs: 1, ...resilience } });
}

export function contextFor(agency: AgencyDescriptor, http: UpstreamHttp): AdapterContext {
  return { agency, logger: pino({ level: 'silent' }), clock: { now: () => new Date('2026-11-02T12:00:00+01:00') }, http };
}

export function scope(): RequestScope {
  return { signal: new AbortController().signal };
}

/** Runs `deliver` and answers the error it rejected with (fails the test when it resolved). */
export async function rejection(run: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the delivery to be refused');
}

/** The error's message and its causes' messages, for the no-personal-data checks. */
export function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let at: unknown = error; at instanceof Error; at = at.cause) messages.push(at.message);
  return messages.join(' | ');
}
