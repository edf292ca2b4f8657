/**
 * The shadow report's bounds and scope (shadow-report.ts), and the shadow evaluation's place off the
 * response path (shadow-evaluation.ts): nothing is compared until the deferred task runs, and requests
 * beyond the queue's bound are counted, not compared.
 */
import { describe, expect, it } from 'vitest';
import type { AuditBuffer, RecordedDecisions } from '#src/enforcement/audit-buffer.ts';
import type { Enforcement } from '#src/enforcement/context.ts';
import { createShadowEvaluation } from '#src/enforcement/shadow-evaluation.ts';
import { createShadowPolicy } from '#src/enforcement/shadow-policy.ts';
import { createShadowReport, type ShadowComparison } from '#src/enforcement/shadow-report.ts';
import type { Decided, Decision } from '#src/policy/index.ts';
import { loadRealPolicy } from '../policy/fixtures.ts';

const ALLOW: Decided = { id: 'dc_a', effect: 'allow', reason: 'OWNER', coordinate: 'Involvement.phase', ruleId: 'owner-access' };
const DENY: Decision = { effect: 'deny', reason: 'NO_GRANT', coordinate: 'Involvement.phase' };

function comparison(partial: Partial<ShadowComparison> = {}): ShadowComparison {
  return { coordinate: 'Involvement.phase', viewerAgencyId: 'ashg-groningen', ownerAgencyId: 'amk-groningen', purpose: 'case-conference', live: ALLOW, shadow: DENY, entered: true, ...partial };
}

describe('the shadow report', () => {
  it('counts both directions per coordinate, viewer, owner and purpose; the same effect is no difference', () => {
    const report = createShadowReport();
    report.compared(comparison());
    report.compared(comparison({ live: { ...ALLOW, id: 'dc_b' } }));
    report.compared(comparison({ live: { id: 'dc_c', effect: 'deny', reason: 'NO_GRANT', coordinate: 'Involvement.phase' }, shadow: { ...ALLOW } }));
    report.compared(comparison({ purpose: 'child-abuse-assessment' }));
    report.compared(comparison({ shadow: ALLOW }));
    const view = report.view('ashg-groningen');
    expect(view.decisionsCompared).toBe(5);
    expect(view.differences.map((row) => [row.purpose, row.liveAllowShadowDeny, row.liveDenyShadowAllow])).toEqual([
      ['case-conference', 2, 1], ['child-abuse-assessment', 1, 0],
    ]);
  });

  it.each([
    ['the viewer\'s officer', 'ashg-groningen', { rows: 1, compared: 1, unshown: null }],
    ['the owner\'s officer', 'amk-groningen', { rows: 1, compared: 3, unshown: 2 }],
    ['an uninvolved officer', 'bjz-groningen', { rows: 0, compared: 0, unshown: undefined }],
  ])('gives %s what its agency may know: records not shown to the viewer only to the owner', (_who, agencyId, expected) => {
    const report = createShadowReport();
    report.compared(comparison());
    report.compared(comparison({ live: { ...ALLOW, id: 'dc_hidden1' }, entered: false }));
    report.compared(comparison({ live: { ...ALLOW, id: 'dc_hidden2' }, entered: false }));
    const view = report.view(agencyId);
    expect(view.differences).toHaveLength(expected.rows);
    expect(view.decisionsCompared).toBe(expected.compared);
    expect(view.differences[0]?.unshown).toBe(expected.unshown);
    // Never a sample the trail does not hold.
    expect(view.differences[0]?.samples.map((sample) => sample.decisionId) ?? []).not.toContain('dc_hidden1');
  });

  it('is bounded: the latest few samples per row, rows up to the limit, then says it is truncated', () => {
    const report = createShadowReport({ maxDifferences: 2, samplesPerDifference: 3 });
    for (let i = 0; i < 10; i++) report.compared(comparison({ live: { ...ALLOW, id: `dc_${i}` } }));
    report.compared(comparison({ live: { ...ALLOW, id: 'dc_9' } }));
    report.compared(comparison({ coordinate: 'Involvement.careProvider' }));
    report.compared(comparison({ coordinate: 'Involvement.since' }));
    const view = report.view('ashg-groningen');
    expect(view.differences.map((row) => row.coordinate)).toEqual(['Involvement.phase', 'Involvement.careProvider']);
    expect(view.differences[0]!.samples.map((sample) => sample.decisionId)).toEqual(['dc_7', 'dc_8', 'dc_9']);
    expect(view.truncated).toBe(true);
    expect(view.decisionsCompared).toBe(13);
  });
});

describe('the shadow evaluation', async () => {
  const { policy } = await loadRealPolicy();
  const shadow = createShadowPolicy({ live: policy, policy, draftFolder: null, agreementVersions: ['groningen-ashg-amk@3'] });
  const emptyTrail: RecordedDecisions[] = [];
  const buffer = (): AuditBuffer => ({
    decided: () => {}, evaluated: () => {}, shown: () => {}, wasShown: () => false, released: () => {}, withheld: () => {}, search: () => {}, entries: () => [], recorded: () => emptyTrail,
  });
  const enforcement: Enforcement = {
    isPublic: () => false,
    forRequest: () => ({ decide: () => ALLOW, mayEverRead: () => true, controls: () => false, audit: buffer(), redact: () => {}, redactions: [] }),
  };
  const caller = { agencyId: 'ashg-groningen', kind: 'ASHG', region: 'groningen', userId: 'u', role: 'caseworker', purposes: ['case-conference'], purpose: 'case-conference' } as const;
  const request = () => ({ caller, now: new Date('2026-11-23T10:00:00Z'), traceId: 't', requestId: 'r', callerHasRecords: true, referralsOf: async () => [], childrenOf: async () => [] });

  it('compares nothing on the response path: only in the deferred task', async () => {
    const deferred: (() => void)[] = [];
    const evaluation = createShadowEvaluation({ shadow, since: new Date(), defer: (work) => void deferred.push(work) });
    const audit = evaluation.wrap(enforcement).forRequest(request()).audit;
    let walked = 0;
    audit.recorded = () => { walked++; return emptyTrail; };
    evaluation.settle(audit);
    expect(walked).toBe(0);
    let idle = false;
    void evaluation.idle().then(() => { idle = true; });
    deferred.shift()!();
    expect(walked).toBe(1);
    await Promise.resolve();
    expect(idle).toBe(true);
  });

  it('counts a request beyond the queue\'s bound as not compared', () => {
    const evaluation = createShadowEvaluation({ shadow, since: new Date(), defer: () => {}, maxPending: 1 });
    const wrapped = evaluation.wrap(enforcement);
    const first = wrapped.forRequest(request()).audit;
    const second = wrapped.forRequest(request()).audit;
    const source = { owner: { agencyId: 'amk-groningen', kind: 'AMK', region: 'groningen' } } as RecordedDecisions['source'];
    second.recorded = () => [{ source, decisions: [ALLOW, { ...ALLOW, id: 'dc_2' }], entered: true, released: new Set<string>() }];
    evaluation.settle(first);
    evaluation.settle(second);
    expect(evaluation.view('ashg-groningen')).toMatchObject({ decisionsCompared: 0, decisionsNotCompared: 2 });
  });
});
