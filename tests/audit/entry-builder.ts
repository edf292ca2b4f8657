/** Builds audit entries for the tests: a plausible access entry, overridden per case. */
import type { AuditDecision, AuditEntryInput } from '#src/audit/entry.ts';

export const T0 = new Date('2026-03-02T09:00:00.000Z');
const MINUTE = 60_000;

export function decision(overrides: Partial<AuditDecision> = {}): AuditDecision {
  return {
    id: 'dc_default',
    coordinate: 'Report.status',
    effect: 'allow',
    reason: 'GRANTED',
    agreementKey: 'groningen-ashg-amk@2',
    article: 'art. 4.2',
    ruleId: 'amk-reads-ashg-reports',
    failedCondition: null,
    ...overrides,
  };
}

/** The n-th entry of a run: distinct operation id and time, so tests can find each one again. */
export function entry(n: number, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    traceId: `4bf92f3577b34da6a3ce929d0e0e${String(n).padStart(4, '0')}`,
    spanId: `00f067aa0ba9${String(n).padStart(4, '0')}`,
    parentSpanId: null,
    operationId: `op-${n}`,
    operationName: 'ReportStatus',
    time: new Date(T0.getTime() + n * MINUTE),
    endTime: new Date(T0.getTime() + n * MINUTE + 12),
    kind: 'access',
    viewer: { agencyId: 'amk-groningen', userId: 'user-17', role: 'caseworker', responsibleUserId: null, accessPoint: null },
    purpose: 'assess-child-abuse',
    processingActivity: 'amk-onderzoek',
    owner: 'ashg-groningen',
    entityType: 'Report',
    entityId: `pe_${String(n).padStart(22, '0')}`,
    subject: null,
    subjectType: null,
    relatedSubjects: [],
    fieldsReleased: ['Report.status', 'Report.violenceTypes'],
    fieldsWithheld: ['Report.reporter'],
    decisions: [decision({ id: `dc_${n}_a` }), decision({ id: `dc_${n}_b`, coordinate: 'Report.reporter', effect: 'deny', reason: 'OWNER_ONLY', agreementKey: null, article: null, ruleId: 'owner-only' })],
    facts: null,
    searchTerms: null,
    outcome: 'partially-released',
    ...overrides,
    // The end follows the start unless a case sets it.
    ...(overrides.endTime ? {} : { endTime: new Date((overrides.time ?? new Date(T0.getTime() + n * MINUTE)).getTime() + 12) }),
  };
}

export const MINUTE_MS = MINUTE;
