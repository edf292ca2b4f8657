/**
 * Deciding under hand-chosen covenant versions (versions.ts, evaluateAmong): the set in force on a day,
 * another version of one agreement in its place, and decisions that follow the chosen set rather than
 * the calendar. One row per case.
 */
import { describe, expect, test } from 'vitest';
import { evaluate, evaluateAmong } from '#src/policy/evaluate.ts';
import { createRequestPolicy } from '#src/policy/request-policy.ts';
import { versionsInForce, withVersionInPlace } from '#src/policy/versions.ts';
import { AGENCY as A, facts, loadRealPolicy, onDay, referral } from './fixtures.ts';

const { policy } = await loadRealPolicy();
const HANDED_OVER = facts({ municipality: 'Groningen', householdHasMinors: true, subjectIsMinor: true,
  referrals: [referral(A.ashg.agencyId, A.amk.agencyId, 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED')] });
const ASHG_INVOLVED = facts({ municipality: 'Groningen', householdHasMinors: true, viewerInvolved: true });

describe('versionsInForce', () => {
  test.each([
    ['2020-06-01', 'groningen-ashg-amk@1', ['groningen-ashg-amk@2', 'groningen-ashg-amk@3']],
    ['2026-07-01', 'groningen-ashg-amk@2', ['groningen-ashg-amk@1', 'groningen-ashg-amk@3']],
    ['2027-01-15', 'groningen-ashg-amk@2', ['groningen-ashg-amk@1', 'groningen-ashg-amk@3']],
    ['2027-03-01', 'groningen-ashg-amk@3', ['groningen-ashg-amk@1', 'groningen-ashg-amk@2']],
  ])('on %s holds %s and no other Groningen version', (day, held, notHeld) => {
    const versions = versionsInForce(policy, onDay(day));
    expect(versions.has(held)).toBe(true);
    for (const key of notHeld) expect(versions.has(key)).toBe(false);
  });
});

describe('withVersionInPlace', () => {
  const july2026 = versionsInForce(policy, onDay('2026-07-01'));
  test('puts the chosen version in place of the one in force, leaving every other agreement as it was', () => {
    const chosen = withVersionInPlace(policy, july2026, 'groningen-ashg-amk@3')!;
    expect(chosen.replaced).toBe('groningen-ashg-amk@2');
    expect([...chosen.versions].sort()).toEqual([...july2026].filter((key) => key !== 'groningen-ashg-amk@2').concat('groningen-ashg-amk@3').sort());
  });
  test('adds the version when no version of its agreement was in force', () => {
    const in2014 = versionsInForce(policy, onDay('2014-06-01'));
    expect([...in2014].some((key) => key.startsWith('groningen-ashg-amk@'))).toBe(false);
    const chosen = withVersionInPlace(policy, in2014, 'groningen-ashg-amk@1')!;
    expect(chosen.replaced).toBeNull();
    expect(chosen.versions.has('groningen-ashg-amk@1')).toBe(true);
  });
  test('the same version in place changes nothing', () => {
    const chosen = withVersionInPlace(policy, july2026, 'groningen-ashg-amk@2')!;
    expect(chosen.replaced).toBe('groningen-ashg-amk@2');
    expect(chosen.versions).toEqual(july2026);
  });
  test.each(['groningen-ashg-amk@9', 'no-such-agreement@1'])('knows no %s', (key) => {
    expect(withVersionInPlace(policy, july2026, key)).toBeNull();
  });
});

describe('evaluateAmong', () => {
  const july2026 = versionsInForce(policy, onDay('2026-07-01'));
  const v3 = withVersionInPlace(policy, july2026, 'groningen-ashg-amk@3')!.versions;
  const v1 = withVersionInPlace(policy, july2026, 'groningen-ashg-amk@1')!.versions;
  const rows = [
    { name: 'v2 as in force: the AMK does not get the school', versions: july2026, viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', facts: HANDED_OVER, coordinate: 'Child.school',
      expected: { effect: 'deny', reason: 'NO_GRANT' } },
    { name: 'v3 in its place: it does, by art. 4.1 of version 3', versions: v3, viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', facts: HANDED_OVER, coordinate: 'Child.school',
      expected: { effect: 'allow', reason: 'GRANT', agreement: { key: 'groningen-ashg-amk@3', article: 'art. 4.1' }, ruleId: 'amk-reads-ashg-reports' } },
    { name: 'v3 in its place, but no handover: its conditions decide', versions: v3, viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', facts: facts({ ...HANDED_OVER, referrals: [] }), coordinate: 'Child.school',
      expected: { effect: 'deny', reason: 'CONDITIONS_NOT_MET', agreement: { key: 'groningen-ashg-amk@3' } } },
    { name: 'v2 as in force: the ASHG learns the AMK\'s phase (art. 5.1)', versions: july2026, viewer: A.ashg, owner: A.amk, purpose: 'case-conference', facts: ASHG_INVOLVED, coordinate: 'Involvement.phase',
      expected: { effect: 'allow', reason: 'GRANT', agreement: { key: 'groningen-ashg-amk@2' } } },
    { name: 'v1 in its place: version 1 had no art. 5', versions: v1, viewer: A.ashg, owner: A.amk, purpose: 'case-conference', facts: ASHG_INVOLVED, coordinate: 'Involvement.phase',
      expected: { effect: 'deny', reason: 'NO_GRANT' } },
    { name: 'engine rules do not depend on versions: the reporter never leaves the owner', versions: v3, viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', facts: HANDED_OVER, coordinate: 'Reporter.name',
      expected: { effect: 'deny', reason: 'OWNER_ONLY' } },
    { name: 'nor the owner reading its own', versions: new Set<string>(), viewer: A.ashg, owner: A.ashg, purpose: 'case-conference', facts: ASHG_INVOLVED, coordinate: 'Report.narrative',
      expected: { effect: 'allow', reason: 'OWNER' } },
    { name: 'an empty set grants nothing', versions: new Set<string>(), viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', facts: HANDED_OVER, coordinate: 'Report.narrative',
      expected: { effect: 'deny', reason: 'NO_GRANT' } },
  ] as const;
  test.each(rows)('$name', (row) => {
    expect(evaluateAmong(policy, { viewer: row.viewer, owner: row.owner, purpose: row.purpose, facts: row.facts, coordinate: row.coordinate }, row.versions)).toMatchObject(row.expected);
  });

  test('the versions in force on a day decide as evaluate does on that day', () => {
    for (const day of ['2020-06-01', '2026-07-01', '2027-01-15', '2027-03-01']) {
      const versions = versionsInForce(policy, onDay(day));
      for (const coordinate of ['Report.narrative', 'Child.school', 'Involvement.phase', 'Household.caseReference']) {
        for (const [viewer, owner, purpose, recordFacts] of [[A.amk, A.ashg, 'child-abuse-assessment', HANDED_OVER], [A.ashg, A.amk, 'case-conference', ASHG_INVOLVED]] as const) {
          const request = { viewer, owner, purpose, facts: recordFacts, coordinate };
          expect(evaluateAmong(policy, request, versions), `${day} ${coordinate}`).toEqual(evaluate(policy, { ...request, at: onDay(day) }));
        }
      }
    }
  });

  test('a request policy given versions decides under them, whatever its instant', () => {
    const request = createRequestPolicy(policy, A.amk, 'child-abuse-assessment', onDay('2026-07-01'), v3);
    expect(request.decide(A.ashg, HANDED_OVER, 'Child.school', 'ashg:M-1')).toMatchObject({ effect: 'allow', agreement: { key: 'groningen-ashg-amk@3' } });
  });
});
