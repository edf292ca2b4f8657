/**
 * The saved form of an access request report (JSON), as the CLI writes it and the privacy console
 * downloads it: each entry described (who, when, why, what, on which basis) beside its proof, and the
 * chain part all proofs share once. What describes an entry is exactly what its proved documents say
 * (`describeEntry`, `describeProved`), so a checker holds the description to the proof as well as the
 * proof to the anchor (access-report-check.ts).
 */
import type { AccessRequestCounts } from './access-request-counts.ts';
import type { ChainSegment, ReportAnchor, ReportEntry, ReportProof, SubjectRelation } from './access-request.ts';
import type { AuditDecision, AuditEntry, AuditViewer } from './entry.ts';

export const ACCESS_REPORT_FORMAT = 'ketenpoort-access-request/1';

/** What a report says of one entry; every field but `seq` and `proof` is read from the proved documents. */
export interface EntryDescription {
  readonly seq: number;
  readonly requestSeq: number;
  readonly time: string;
  readonly endTime: string;
  readonly kind: string;
  readonly relation: SubjectRelation;
  readonly viewer: AuditViewer;
  readonly purpose: string;
  readonly processingActivity: string;
  readonly owner: string | null;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly subjectType: string | null;
  readonly fieldsReleased: readonly string[];
  readonly fieldsWithheld: readonly string[];
  /** Each decision with its basis: agreement id@version, article, rule. */
  readonly decisions: readonly AuditDecision[];
  readonly outcome: string;
}

export interface AccessReportEntry extends EntryDescription {
  /** Null when the entry lies after the report's anchor. */
  readonly proof: ReportProof | null;
}

export interface AccessReport {
  readonly format: typeof ACCESS_REPORT_FORMAT;
  readonly madeAt: string;
  /** The organisation whose scope the report covers: entries where it is viewer or owner. */
  readonly organisation: string;
  /** The person's pseudonym in the trail; the report never holds the BSN. */
  readonly subject: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly anchor: ReportAnchor | null;
  readonly chain: ChainSegment | null;
  readonly counts: AccessRequestCounts;
  readonly entries: readonly AccessReportEntry[];
}

export function describeEntry(entry: AuditEntry, relation: SubjectRelation): EntryDescription {
  return {
    seq: entry.seq, requestSeq: entry.requestSeq, time: entry.time.toISOString(), endTime: entry.endTime.toISOString(), kind: entry.kind, relation,
    viewer: { ...entry.viewer }, purpose: entry.purpose, processingActivity: entry.processingActivity, owner: entry.owner,
    entityType: entry.entityType, entityId: entry.entityId, subjectType: entry.subjectType,
    fieldsReleased: [...entry.fieldsReleased], fieldsWithheld: [...entry.fieldsWithheld],
    decisions: entry.decisions.map((decision) => ({ ...decision })), outcome: entry.outcome,
  };
}

export function toReportEntry({ entry, relation, proof }: ReportEntry): AccessReportEntry {
  return { ...describeEntry(entry, relation), proof };
}

type Json = Record<string, unknown>;

/**
 * The description the proved documents give of an entry about `subject`, or why they give none (the
 * documents are not JSON, or the entry does not name the subject).
 */
export function describeProved(proof: ReportProof, subject: string): { ok: true; description: EntryDescription } | { ok: false; reason: string } {
  let entry: Json;
  let header: Json;
  try {
    entry = JSON.parse(proof.entryDocument) as Json;
    header = JSON.parse(proof.headerDocument) as Json;
  } catch {
    return { ok: false, reason: 'the proof\'s documents are not JSON' };
  }
  const related = Array.isArray(entry.relatedSubjects) ? entry.relatedSubjects : [];
  const relation: SubjectRelation | null = entry.subject === subject ? 'subject' : related.includes(subject) ? 'related-subject' : null;
  if (relation === null) return { ok: false, reason: 'the proved entry is not about the report\'s subject' };
  return {
    ok: true,
    description: {
      seq: entry.seq as number, requestSeq: header.seq as number, time: header.time as string, endTime: header.endTime as string,
      kind: entry.kind as string, relation, viewer: header.viewer as AuditViewer, purpose: header.purpose as string,
      processingActivity: header.processingActivity as string, owner: entry.owner as string | null, entityType: entry.entityType as string | null,
      entityId: entry.entityId as string | null, subjectType: entry.subjectType as string | null,
      fieldsReleased: entry.fieldsReleased as string[], fieldsWithheld: entry.fieldsWithheld as string[],
      decisions: entry.decisions as AuditDecision[], outcome: entry.outcome as string,
    },
  };
}
