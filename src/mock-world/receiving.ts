/**
 * What the agency mocks share when they turn a received act into records of their own (issue 13): their
 * own chain-partner code and contact desk, which kind of referral an answered hand-off most likely
 * was when the sender's system holds no record of it (an answer names the act, not its kind), and where
 * feedback moves the sender's referral. Development and tests only.
 */
import type { PhaseCategory, ReferralKind, ReferralStatus } from '../domain/records.ts';
import { CONTACTS } from './build.ts';
import type { WorldCase } from './model.ts';
import { WORLD_AGENCY_CODES } from './model.ts';

/** The world's chain-partner code of an organisation (`AMK-GRN`), or null for one without. */
export function worldAgencyCode(agencyId: string): string | null {
  for (const [code, id] of Object.entries(WORLD_AGENCY_CODES)) if (id === agencyId) return code;
  return null;
}

/** The organisation's contact desk in the world, or null for one the world gives none. */
export function worldContact(agencyId: string): WorldCase['contact'] | null {
  return CONTACTS[agencyId] ?? null;
}

/** The dialect family of the system that sent the answered hand-off. */
export type SendingSystem = 'ashg' | 'amk';

/**
 * The kind of hand-off an answer from `answererCode` was about, judged by the kind of organisation that
 * answers (the prefix of its code): the ASHG hands over to an AMK or Veilig Thuis and refers to wijkteams
 * and care; an AMK or Veilig Thuis to wijkteams, the Raad, certified institutions and care. (The police
 * export has no kind: it reads the kind from the target's code, so the police need no guess.)
 */
export function answeredReferralKind(sender: SendingSystem, answererCode: string): ReferralKind {
  const kindOf = answererCode.split('-')[0] ?? '';
  const toWijkteam = kindOf === 'WT' || kindOf === 'WIJKTEAM';
  switch (sender) {
    case 'ashg':
      if (kindOf === 'AMK' || kindOf === 'VT') return 'HANDOVER_ASHG_TO_AMK';
      return toWijkteam ? 'TO_WIJKTEAM' : 'VOLUNTARY_CARE';
    case 'amk':
      if (toWijkteam) return 'TO_WIJKTEAM';
      if (kindOf === 'RAAD') return 'REQUEST_TO_RAAD';
      return kindOf === 'GI' || kindOf === 'BJZ' ? 'HANDOVER_TO_CERTIFIED_INSTITUTION' : 'VOLUNTARY_CARE';
  }
}

/**
 * The status of the sender's referral after feedback from its receiver (issue 13, item 3): a case the
 * receiver closed completes an accepted or running referral, any other phase shows an accepted one
 * running. Feedback is no answer: it never accepts an offered referral, reopens a completed one or
 * overrides a refusal or a return; without a phase category it says nothing of the case, so nothing moves.
 */
export function referralStatusAfterFeedback(status: ReferralStatus, phaseCategory: PhaseCategory | null): ReferralStatus {
  if (phaseCategory === null || (status !== 'ACCEPTED' && status !== 'RUNNING')) return status;
  return phaseCategory === 'CLOSED' ? 'COMPLETED' : 'RUNNING';
}
