/** Per-request decisions: memoised within one request, never across; facts computed only when needed. */
import { describe, expect, test, vi } from 'vitest';
import { evaluate, mayEverAllow } from '#src/policy/evaluate.ts';
import { createRequestPolicy } from '#src/policy/request-policy.ts';
import { AGENCY as A, facts, loadRealPolicy, onDay, referral } from './fixtures.ts';

const { policy } = await loadRealPolicy();
const HANDED_OVER = facts({ municipality: 'Groningen', householdHasMinors: true, referrals: [referral(A.ashg.agencyId, A.amk.agencyId, 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED')] });
const NOT_HANDED_OVER = facts({ municipality: 'Groningen', householdHasMinors: true });
const at = onDay('2026-07-01');

describe('createRequestPolicy', () => {
  test('decides as evaluate does', () => {
    const request = createRequestPolicy(policy, A.amk, 'child-abuse-assessment', at);
    for (const coordinate of ['Report.narrative', 'Report.reporter', 'Agency.name', 'Child.school', 'Involvement.phase']) {
      expect(request.decide(A.ashg, HANDED_OVER, coordinate, 'ashg:M-1')).toEqual(evaluate(policy, { viewer: A.amk, purpose: 'child-abuse-assessment', owner: A.ashg, facts: HANDED_OVER, coordinate, at }));
    }
  });

  test('memoises by record and coordinate within the request', () => {
    const request = createRequestPolicy(policy, A.amk, 'child-abuse-assessment', at);
    const first = request.decide(A.ashg, HANDED_OVER, 'Report.narrative', 'ashg:M-1');
    // Same record key: the memo answers, even if the caller passes other facts for it.
    expect(request.decide(A.ashg, NOT_HANDED_OVER, 'Report.narrative', 'ashg:M-1')).toBe(first);
    expect(request.computed).toBe(1);
    // Another record is decided on its own facts.
    expect(request.decide(A.ashg, NOT_HANDED_OVER, 'Report.narrative', 'ashg:M-2')).toMatchObject({ effect: 'deny', reason: 'CONDITIONS_NOT_MET' });
    expect(request.computed).toBe(2);
  });

  test('never memoises across requests', () => {
    const one = createRequestPolicy(policy, A.amk, 'child-abuse-assessment', at);
    const two = createRequestPolicy(policy, A.amk, 'child-abuse-assessment', at);
    expect(one.decide(A.ashg, HANDED_OVER, 'Report.narrative', 'ashg:M-1')).toMatchObject({ effect: 'allow' });
    expect(two.decide(A.ashg, NOT_HANDED_OVER, 'Report.narrative', 'ashg:M-1')).toMatchObject({ effect: 'deny' });
  });

  test('facts are computed lazily, and only for data-dependent coordinates', () => {
    const request = createRequestPolicy(policy, A.amk, 'child-abuse-assessment', at);
    const compute = vi.fn(() => HANDED_OVER);
    expect(request.decide(A.ashg, compute, 'Reporter.name', 'ashg:M-1')).toMatchObject({ reason: 'OWNER_ONLY' });
    expect(request.decide(A.ashg, compute, 'Agency.name', 'ashg:M-1')).toMatchObject({ reason: 'PUBLIC' });
    expect(request.decide(A.politie, compute, 'Report.narrative', 'politie:ZM-1')).toMatchObject({ reason: 'NO_GRANT' });
    expect(compute).not.toHaveBeenCalled();
    expect(request.decide(A.ashg, compute, 'Report.narrative', 'ashg:M-1')).toMatchObject({ reason: 'GRANT' });
    expect(request.decide(A.ashg, compute, 'Report.narrative', 'ashg:M-1')).toMatchObject({ reason: 'GRANT' });
    expect(compute).toHaveBeenCalledTimes(1);
  });

  test('a data-independent decision is made once per owner agency, not per record', () => {
    const request = createRequestPolicy(policy, A.amk, 'child-abuse-assessment', at);
    for (let i = 0; i < 50; i++) request.decide(A.ashg, HANDED_OVER, 'Reporter.phone', `ashg:M-${i}`);
    for (let i = 0; i < 50; i++) request.decide(A.politie, HANDED_OVER, 'Reporter.phone', `politie:ZM-${i}`);
    expect(request.computed).toBe(2);
  });

  test('the same record key under two owners is two records', () => {
    const request = createRequestPolicy(policy, A.amk, 'child-abuse-assessment', at);
    expect(request.decide(A.ashg, HANDED_OVER, 'Report.narrative', 'r-1')).toMatchObject({ effect: 'allow' });
    expect(request.decide(A.amk, HANDED_OVER, 'Report.narrative', 'r-1')).toMatchObject({ reason: 'OWNER' });
  });
});

describe('mayEverAllow', () => {
  test.each([
    ['the AMK, child abuse assessment, a narrative', A.amk, 'child-abuse-assessment', 'Report.narrative', '2026-07-01', true],
    ['the AMK, for a case conference', A.amk, 'case-conference', 'Report.narrative', '2026-07-01', false],
    ['an AMK that is no party', A.amkDrenthe, 'child-abuse-assessment', 'Report.narrative', '2026-07-01', false],
    ['before any protocol', A.amk, 'child-abuse-assessment', 'Report.narrative', '2018-06-01', false],
    ['the school before version 3', A.amk, 'child-abuse-assessment', 'Child.school', '2027-02-28', false],
    ['the school under version 3', A.amk, 'child-abuse-assessment', 'Child.school', '2027-03-01', true],
    ['a reporter, never', A.amk, 'child-abuse-assessment', 'Reporter.name', '2026-07-01', false],
    ['public data, always', A.raad, 'privacy-audit', 'Agency.name', '1990-01-01', true],
    ['the wijkteam, involvement', A.wijkteam, 'neighbourhood-support', 'Involvement.since', '2026-07-01', true],
    ['the wijkteam, a narrative', A.wijkteam, 'neighbourhood-support', 'Report.narrative', '2026-07-01', false],
  ] as const)('%s', (_name, viewer, purpose, coordinate, day, expected) => {
    expect(mayEverAllow(policy, viewer, purpose, coordinate, onDay(day))).toBe(expected);
  });
});
