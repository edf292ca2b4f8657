/**
 * Where feedback moves the sender's referral in the mocks (issue 13, item 3): on from an acceptance to
 * running, to completed when the receiver closed its case; never an offer, a refusal, a return or a
 * completed referral; nothing without a phase category.
 */
import { describe, expect, it } from 'vitest';
import type { PhaseCategory, ReferralStatus } from '#domain/records.ts';
import { referralStatusAfterFeedback } from '#mock-world/receiving.ts';

const CASES: readonly (readonly [ReferralStatus, PhaseCategory | null, ReferralStatus])[] = [
  ['ACCEPTED', 'CARE', 'RUNNING'],
  ['ACCEPTED', 'INVESTIGATION', 'RUNNING'],
  ['ACCEPTED', 'CLOSED', 'COMPLETED'],
  ['ACCEPTED', null, 'ACCEPTED'],
  ['RUNNING', 'MONITORING', 'RUNNING'],
  ['RUNNING', 'CLOSED', 'COMPLETED'],
  ['RUNNING', null, 'RUNNING'],
  ['COMPLETED', 'CARE', 'COMPLETED'],
  ['COMPLETED', 'CLOSED', 'COMPLETED'],
  ['REFUSED', 'CARE', 'REFUSED'],
  ['REFUSED', 'CLOSED', 'REFUSED'],
  ['RETURNED_UNSAFE', 'CARE', 'RETURNED_UNSAFE'],
  ['RETURNED_UNSAFE', 'CLOSED', 'RETURNED_UNSAFE'],
  ['OFFERED', 'CARE', 'OFFERED'],
  ['OFFERED', 'CLOSED', 'OFFERED'],
  ['DRAFT', 'CLOSED', 'DRAFT'],
];

describe('referralStatusAfterFeedback', () => {
  it.each(CASES)('%s after feedback %s is %s', (status, phaseCategory, expected) => {
    expect(referralStatusAfterFeedback(status, phaseCategory)).toBe(expected);
  });
});
