/** The trace a privacy officer reads, and conditions in words (Grant.conditions). */
import { describe, expect, test } from 'vitest';
import { describeCondition } from '#src/policy/conditions.ts';
import { redactionReasonOf, type ExplainedDecision } from '#src/policy/decision.ts';
import { explainAccess } from '#src/policy/explain.ts';
import { explainRecorded, withholdRecordFacts } from '#src/policy/explain-recorded.ts';
import { WITHHELD, type PartialFacts } from '#src/policy/facts.ts';
import { AGENCY as A, facts, loadRealPolicy, onDay, referral } from './fixtures.ts';

const { policy } = await loadRealPolicy();
const reasonShown = (decision: ExplainedDecision) => (decision.effect === 'undetermined' ? null : redactionReasonOf(decision));
const S1 = facts({ municipality: 'Groningen', householdHasMinors: true, referrals: [referral(A.ashg.agencyId, A.amk.agencyId, 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED')] });

describe('explainAccess', () => {
  test('lists every agreement version with its validity on the day', () => {
    const trace = explainAccess(policy, { viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', facts: S1, coordinate: 'Report.narrative', at: onDay('2027-01-15') });
    expect(trace.day).toBe('2027-01-15');
    expect(trace.agreements.map((a) => [a.key, a.validity, a.validityText])).toEqual([
      ['casusoverleg-groningen@1', 'SUPERSEDED', 'superseded by casusoverleg-groningen@2 from 2026-11-16'],
      ['casusoverleg-groningen@2', 'IN_FORCE', 'in force: 2026-11-16..2027-11-15'],
      ['casusoverleg-veilig-thuis-amsterdam-amstelland@1', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2029-12-31 (2015-01-01..2017-12-31, renewed by 36 months)'],
      ['casusoverleg-veilig-thuis-drenthe@1', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2028-12-31 (2015-01-01..2016-12-31, renewed by 24 months)'],
      ['groningen-ashg-amk@1', 'SUPERSEDED', 'superseded by groningen-ashg-amk@2 from 2026-01-01'],
      ['groningen-ashg-amk@2', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2027-12-31 (2026-01-01..2026-12-31, renewed by 12 months)'],
      ['groningen-ashg-amk@3', 'NOT_YET_VALID', 'not yet in force: valid from 2027-03-01'],
      ['kindroute-amsterdam-amstelland@1', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2029-12-31 (2015-01-01..2017-12-31, renewed by 36 months)'],
      ['politie-terugkoppeling@1', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2027-12-31 (2024-01-01..2025-12-31, renewed by 12 months)'],
      ['politie-terugkoppeling-veilig-thuis@1', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2027-12-31 (2015-01-01..2016-12-31, renewed by 12 months)'],
      ['raad-verzoek-tot-onderzoek@1', 'IN_FORCE', 'in force: 2015-01-01..'],
      ['regiovisie-zuid-drenthe@1', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2030-12-31 (2015-01-01..2018-12-31, renewed by 48 months)'],
      ['vroegsignalering-0-18@1', 'IN_FORCE', 'in force: 2007-01-01..'],
      ['wijkteam-betrokkenheid@1', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2028-12-31 (2015-01-01..2016-12-31, renewed by 24 months)'],
      ['wijkteam-betrokkenheid-amsterdam@1', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2030-12-31 (2015-01-01..2018-12-31, renewed by 48 months)'],
      ['wijkteam-betrokkenheid-assen@1', 'TACITLY_RENEWED', 'tacitly renewed for 2027-01-01..2028-12-31 (2015-01-01..2016-12-31, renewed by 24 months)'],
    ]);
    expect(trace.decision).toMatchObject({ effect: 'allow', reason: 'GRANT', agreement: { key: 'groningen-ashg-amk@2' } });
  });

  test('shows per grant what matched and what became of each condition, and marks the decisive grant', () => {
    const trace = explainAccess(policy, { viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', facts: { ...S1, municipality: 'Assen' }, coordinate: 'Report.narrative', at: onDay('2026-06-01') });
    expect(trace.decision).toMatchObject({ effect: 'deny', reason: 'CONDITIONS_NOT_MET', ruleId: 'amk-reads-ashg-reports', failedCondition: "the household's municipality lies in the covenant's regions" });
    expect(reasonShown(trace.decision)).toBe('CONDITIONS_NOT_MET');
    const v2 = trace.agreements.find((a) => a.key === 'groningen-ashg-amk@2')!;
    expect(v2.inForce).toBe(true);
    const reports = v2.grants.find((g) => g.grantId === 'amk-reads-ashg-reports')!;
    expect(reports).toEqual({
      grantId: 'amk-reads-ashg-reports', article: 'art. 4.1',
      viewerKindMatched: true, viewerIsParty: true, ownerKindMatched: true, ownerIsParty: true, purposeMatched: true, coordinateMatched: true,
      conditions: [
        { condition: 'the household has minor children', outcome: 'holds' },
        { condition: "the household has a referral from the record's owner to the viewer agency, with status ACCEPTED, RUNNING or COMPLETED", outcome: 'holds' },
        { condition: "the household's municipality lies in the covenant's regions", outcome: 'fails' },
        // The walk stops at the first condition that fails: the region of the viewer was never checked.
        { condition: "the household's municipality lies in the viewer agency's region", outcome: 'not-evaluated' },
      ],
      outcome: 'fails', decisive: true,
    });
    const outcome = v2.grants.find((g) => g.grantId === 'ashg-learns-amk-outcome')!;
    expect(outcome).toMatchObject({ viewerKindMatched: false, ownerKindMatched: false, purposeMatched: false, coordinateMatched: false, outcome: 'fails', decisive: false });
    expect(outcome.conditions.map((c) => c.outcome)).toEqual(['not-evaluated', 'not-evaluated', 'not-evaluated']);
    // Viewer involvement is read by no condition the decision checked: not evaluated, not "no".
    expect(trace.facts).toEqual({
      householdHasMinors: { state: 'evaluated', value: true }, subjectIsMinor: { state: 'not-evaluated' }, viewerInvolved: { state: 'not-evaluated' },
      referrals: { state: 'evaluated', value: { known: S1.referrals, complete: true } }, childRoles: { state: 'not-evaluated' },
    });
    expect(trace.agreements.flatMap((a) => a.grants).filter((g) => g.decisive)).toHaveLength(1);
  });

  test('an AMK of another region is shown as no party', () => {
    const trace = explainAccess(policy, { viewer: A.amkDrenthe, owner: A.ashg, purpose: 'child-abuse-assessment', facts: S1, coordinate: 'Report.narrative', at: onDay('2026-06-01') });
    const grant = trace.agreements.find((a) => a.key === 'groningen-ashg-amk@2')!.grants[0]!;
    expect(grant).toMatchObject({ viewerKindMatched: true, viewerIsParty: false, outcome: 'fails' });
    expect(trace.decision.reason).toBe('NO_GRANT');
    expect(reasonShown(trace.decision)).toBe('NO_GRANT');
  });

  test('allowed decisions carry no redaction reason', () => {
    const trace = explainAccess(policy, { viewer: A.ashg, owner: A.ashg, purpose: 'own-records', facts: S1, coordinate: 'Reporter.name', at: onDay('2026-06-01') });
    expect(reasonShown(trace.decision)).toBeNull();
  });
});

describe('facts only as evaluated', () => {
  test('the owner reading its own record looks at no fact: a household with three children is not "no minors"', () => {
    const trace = explainAccess(policy, { viewer: A.ashg, owner: A.ashg, purpose: 'case-conference', facts: { ...S1, householdHasMinors: true }, coordinate: 'Household.hasMinors', at: onDay('2026-11-23') });
    expect(trace.decision).toMatchObject({ effect: 'allow', reason: 'OWNER' });
    expect(trace.facts.householdHasMinors).toEqual({ state: 'not-evaluated' });
    expect(trace.agreements.flatMap((a) => a.grants).every((g) => g.outcome === 'fails' || g.outcome === 'not-evaluated')).toBe(true);
  });

  test('a fact withheld is shown as such, and a decision that turns on it is undetermined', () => {
    const withheld: PartialFacts = { ...S1, householdHasMinors: WITHHELD, referrals: [], referralsComplete: false };
    const trace = explainAccess(policy, { viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', facts: withheld, coordinate: 'Report.narrative', at: onDay('2027-01-15') });
    expect(trace.decision).toEqual({ effect: 'undetermined', reason: 'FACTS_NOT_SHOWN', coordinate: 'Report.narrative' });
    expect(trace.facts.householdHasMinors).toEqual({ state: 'withheld' });
    expect(trace.facts.referrals).toEqual({ state: 'evaluated', value: { known: [], complete: false } });
    const grant = trace.agreements.find((a) => a.key === 'groningen-ashg-amk@2')!.grants.find((g) => g.grantId === 'amk-reads-ashg-reports')!;
    expect(grant.conditions.map((c) => c.outcome)).toEqual(['withheld', 'withheld', 'holds', 'holds']);
    expect(grant).toMatchObject({ outcome: 'withheld', decisive: false });
    // A fact of its own that fails the grant decides, whatever is withheld, when nothing unknown comes before it.
    const outOfRegion = explainAccess(policy, { viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', facts: { ...S1, municipality: 'Assen', viewerInvolved: WITHHELD }, coordinate: 'Report.narrative', at: onDay('2027-01-15') });
    expect(outOfRegion.decision).toMatchObject({ effect: 'deny', reason: 'CONDITIONS_NOT_MET', failedCondition: "the household's municipality lies in the covenant's regions" });
  });

  test('a replay shows what the recorded decision proves, and marks the rest not recorded', () => {
    const request = { viewer: A.amk, owner: A.ashg, purpose: 'child-abuse-assessment', coordinate: 'Report.narrative', at: onDay('2027-01-15') };
    const allowed = explainRecorded(policy, request, { effect: 'allow', reason: 'GRANT', coordinate: 'Report.narrative', agreement: { id: 'groningen-ashg-amk', version: 2, key: 'groningen-ashg-amk@2', article: 'art. 4.1' }, ruleId: 'amk-reads-ashg-reports' });
    const grant = (trace: typeof allowed) => trace.agreements.find((a) => a.key === 'groningen-ashg-amk@2')!.grants.find((g) => g.grantId === 'amk-reads-ashg-reports')!;
    expect(grant(allowed)).toMatchObject({ outcome: 'holds', decisive: true });
    expect(grant(allowed).conditions.every((c) => c.outcome === 'holds')).toBe(true);
    expect(allowed.facts).toEqual({
      householdHasMinors: { state: 'not-recorded' }, subjectIsMinor: { state: 'not-evaluated' }, viewerInvolved: { state: 'not-evaluated' },
      referrals: { state: 'not-recorded' }, childRoles: { state: 'not-evaluated' },
    });
    const denied = explainRecorded(policy, request, {
      effect: 'deny', reason: 'CONDITIONS_NOT_MET', coordinate: 'Report.narrative', agreement: { id: 'groningen-ashg-amk', version: 2, key: 'groningen-ashg-amk@2', article: 'art. 4.1' },
      ruleId: 'amk-reads-ashg-reports', failedCondition: "the household has a referral from the record's owner to the viewer agency, with status ACCEPTED, RUNNING or COMPLETED",
    });
    expect(grant(denied).conditions.map((c) => c.outcome)).toEqual(['holds', 'fails', 'not-evaluated', 'not-evaluated']);
    // For the viewer's officer, the record's facts are the owner's: nothing of them, not even where the walk stopped.
    const forViewer = withholdRecordFacts(policy, denied);
    expect(grant(forViewer).conditions.map((c) => c.outcome)).toEqual(['withheld', 'withheld', 'withheld', 'withheld']);
    expect(forViewer.facts).toEqual({
      householdHasMinors: { state: 'withheld' }, subjectIsMinor: { state: 'not-evaluated' }, viewerInvolved: { state: 'not-evaluated' },
      referrals: { state: 'withheld' }, childRoles: { state: 'not-evaluated' },
    });
    expect(grant(forViewer)).toMatchObject({ outcome: 'withheld', decisive: true });
  });
});

describe('describeCondition', () => {
  test.each([
    [{ kind: 'householdHasMinors', value: true }, 'the household has minor children'],
    [{ kind: 'householdHasMinors', value: false }, 'the household has no minor children'],
    [{ kind: 'subjectIsMinor' }, 'the person the record is about is a minor'],
    [{ kind: 'viewerInvolved' }, 'the viewer agency holds a record of its own in the same household'],
    [{ kind: 'inCovenantRegion' }, "the household's municipality lies in the covenant's regions"],
    [{ kind: 'inViewerRegion' }, "the household's municipality lies in the viewer agency's region"],
    [{ kind: 'referral', from: 'viewer', to: 'owner', kinds: null, statuses: null }, "the household has a referral from the viewer agency to the record's owner"],
    [{ kind: 'referral', from: 'owner', to: 'viewer', kinds: ['POLICE_TO_BJZ'], statuses: ['RUNNING', 'COMPLETED'] }, "the household has a referral from the record's owner to the viewer agency, of kind POLICE_TO_BJZ, with status RUNNING or COMPLETED"],
    [{ kind: 'childInvolvement', roles: ['DIRECT_VICTIM'] }, 'the child the record is about, or for a record about the household one of its children, is a direct victim'],
    [{ kind: 'childInvolvement', roles: ['DIRECT_VICTIM', 'WITNESS_OF_PARTNER_VIOLENCE'] }, 'the child the record is about, or for a record about the household one of its children, is a direct victim or a witness of partner violence'],
    [{ kind: 'anyOf', conditions: [{ kind: 'viewerInvolved' }, { kind: 'subjectIsMinor' }] }, 'any of: (1) the viewer agency holds a record of its own in the same household; (2) the person the record is about is a minor'],
  ] as const)('%j', (condition, words) => {
    expect(describeCondition(condition)).toBe(words);
  });
});
