/**
 * Collects, while a request executes, what the policy decided about each record, and turns it into
 * audit entries for the commit before the response leaves: one entry per record and data subject (a
 * household member's fields go into that member's own entry, not the household's), each naming the
 * fields released and withheld for that person, the decisions, and the facts the decisions evaluated.
 *
 * Exact: a record is entered only when the response released or withheld a field of it. Records the
 * viewer may not see at all are not entered even then: an entry the viewer's own agency can read would
 * otherwise prove they exist.
 *
 * Nothing reversible: subjects are keyed pseudonyms of BSNs, records keyed pseudonyms of the gateway's
 * record ids (never the sealed ids, which the id key opens).
 */
import type { AuditEntryInput, AuditFacts } from '#src/audit/entry.ts';
import type { Decided, RecordFacts } from '#src/policy/index.ts';
import type { Caller } from '#src/identity/caller.ts';
import { ownerMemberBsns } from './sources.ts';
import type { Source } from '../households/nodes.ts';
import { toAuditDecision } from './audit-decision.ts';

interface RecordTrail {
  readonly source: Source;
  readonly released: Set<string>;
  readonly withheld: Set<string>;
  readonly decisions: Map<string, Decided>;
  facts: AuditFacts | null;
  /** Set once the viewer was shown the record at all (its visibility decision allowed). */
  visible: boolean;
}

export interface AuditBuffer {
  decided(source: Source, decision: Decided): void;
  /**
   * The facts a decision about the record evaluated: recorded once per record and subject, the
   * referrals completed when a later decision loaded them.
   */
  evaluated(source: Source, facts: RecordFacts): void;
  /** The record was shown to the viewer (in a list or as a lookup result). */
  shown(source: Source): void;
  /** Whether it was: a redaction cites the decision on a record the viewer was shown, which is entered. */
  wasShown(source: Source): boolean;
  released(source: Source, coordinate: string): void;
  withheld(source: Source, coordinate: string): void;
  search(terms: Record<string, string>, outcome: AuditEntryInput['outcome'], kind?: AuditEntryInput['kind']): void;
  entries(meta: { operationName: string | null; processingActivity: string }): AuditEntryInput[];
  /**
   * The decisions made about each record and person, whether `entries` enters the record or not
   * (shadow evaluation compares them; a record not entered must not be shown to the viewer's side).
   */
  recorded(): Iterable<RecordedDecisions>;
}

export interface RecordedDecisions {
  readonly source: Source;
  /** One per coordinate, as the policy decided it for this record and person. */
  readonly decisions: Iterable<Decided>;
  /** Whether `entries` enters the record (a field of it released, or withheld while it was shown). */
  readonly entered: boolean;
  /** The coordinates the response released of the record (names, never values). */
  readonly released: ReadonlySet<string>;
}

export interface AuditRequestMeta {
  readonly traceId: string;
  readonly spanId: string | null;
  readonly parentSpanId: string | null;
  readonly requestId: string;
  readonly now: Date;
}

export interface AuditPseudonyms {
  /** BSN -> subject pseudonym (`ps_`). */
  readonly subject: (bsn: string) => string;
  /** The gateway's record id -> record pseudonym (`pe_`). */
  readonly entity: (entityId: string) => string;
}

/**
 * One trail per record and person: a member's or child's fields (a source about one person) are kept
 * apart from the household record they were registered in.
 */
function trailKey(source: Source): string {
  return source.aboutHousehold || source.subjectBsn === null ? source.recordKey : `${source.recordKey}\u0000${source.entityType}\u0000${source.subjectBsn}`;
}

/** Exact: only what the response released or withheld, and withheld only of what the viewer was shown. */
function isEntered({ released, withheld, visible }: RecordTrail): boolean {
  return released.size > 0 || (withheld.size > 0 && visible);
}

function toAuditFacts(facts: RecordFacts): AuditFacts {
  return {
    municipality: facts.municipality, householdHasMinors: facts.householdHasMinors, subjectIsMinor: facts.subjectIsMinor,
    viewerInvolved: facts.viewerInvolved,
    referrals: facts.referrals.map(({ fromAgencyId, toAgencyId, kind, status }) => ({ fromAgencyId, toAgencyId, kind, status })),
    // Left out when none, so an entry without child roles is the entry it was before the fact existed.
    ...(facts.childRoles.length > 0 && { childRoles: [...facts.childRoles] }),
  };
}

/**
 * Referrals and child records are loaded only for a coordinate a condition on them could decide: facts
 * a first decision evaluated without them are completed by a later one's (one load per household and
 * request, so these are the household's, not others). A replay of any decision about the record then
 * sees what the request knew, not "no referrals".
 */
function completed(recorded: AuditFacts | null, facts: RecordFacts): AuditFacts {
  const next = toAuditFacts(facts);
  if (recorded === null) return next;
  const childRoles = recorded.childRoles ?? next.childRoles;
  return {
    ...recorded,
    referrals: recorded.referrals.length > 0 ? recorded.referrals : next.referrals,
    ...(childRoles && { childRoles }),
  };
}

export function createAuditBuffer(caller: Caller, meta: AuditRequestMeta, pseudonyms: AuditPseudonyms): AuditBuffer {
  const trails = new Map<string, RecordTrail>();
  const searches: { terms: Record<string, string>; outcome: AuditEntryInput['outcome']; kind: AuditEntryInput['kind'] }[] = [];
  const trail = (source: Source): RecordTrail => {
    const key = trailKey(source);
    let found = trails.get(key);
    if (!found) {
      found = { source, released: new Set(), withheld: new Set(), decisions: new Map(), facts: null, visible: false };
      trails.set(key, found);
    }
    return found;
  };
  // The members of the household as the record's owner registered it (not as other agencies did: the
  // trail must not tell one agency's privacy officer whom another agency counts in the household),
  // pseudonymised once per household, owner and request.
  const membersByOwner = new Map<string, string[]>();
  const relatedSubjects = (source: Source, subject: string | null): string[] => {
    if (!source.aboutHousehold || subject === null) return [];
    const key = `${source.household.id}\u0000${source.owner.agencyId}`;
    let members = membersByOwner.get(key);
    if (!members) {
      members = [...new Set(ownerMemberBsns(source.household, source.owner.agencyId))].map(pseudonyms.subject).sort();
      membersByOwner.set(key, members);
    }
    return members.filter((member) => member !== subject);
  };
  const base = (operationName: string | null, processingActivity: string, endTime: Date) => ({
    traceId: meta.traceId, spanId: meta.spanId, parentSpanId: meta.parentSpanId, operationId: meta.requestId, operationName,
    time: meta.now, endTime,
    viewer: {
      agencyId: caller.agencyId, userId: caller.userId, role: caller.role,
      responsibleUserId: caller.responsibleUserId ?? null, accessPoint: caller.accessPoint ?? null,
    },
    purpose: caller.purpose, processingActivity,
  });
  return {
    decided: (source, decision) => void trail(source).decisions.set(decision.coordinate, decision),
    evaluated: (source, facts) => {
      const found = trail(source);
      found.facts = completed(found.facts, facts);
    },
    shown: (source) => void (trail(source).visible = true),
    wasShown: (source) => trails.get(trailKey(source))?.visible ?? false,
    released: (source, coordinate) => void trail(source).released.add(coordinate),
    withheld: (source, coordinate) => void trail(source).withheld.add(coordinate),
    search: (terms, outcome, kind = 'search') => void searches.push({ terms, outcome, kind }),
    entries({ operationName, processingActivity }) {
      // The clock the request was judged at may be a fixed one (tests, replays); the end never precedes it.
      const endTime = new Date(Math.max(Date.now(), meta.now.getTime()));
      const out: AuditEntryInput[] = [];
      for (const recordTrail of trails.values()) {
        if (!isEntered(recordTrail)) continue;
        const { source, released, withheld, decisions, facts } = recordTrail;
        const subject = source.subjectBsn ? pseudonyms.subject(source.subjectBsn) : null;
        out.push({
          ...base(operationName, processingActivity, endTime),
          kind: 'access', owner: source.owner.agencyId, entityType: source.entityType, entityId: pseudonyms.entity(source.entityId),
          subject, subjectType: subject === null ? null : source.aboutHousehold ? 'household' : 'person',
          relatedSubjects: relatedSubjects(source, subject),
          fieldsReleased: [...released].sort(), fieldsWithheld: [...withheld].filter((c) => !released.has(c)).sort(),
          decisions: [...decisions.values()].map(toAuditDecision), facts, searchTerms: null,
          outcome: released.size === 0 ? 'withheld' : withheld.size === 0 ? 'released' : 'partially-released',
        });
      }
      for (const search of searches) {
        const subject = search.terms.subject ?? null;
        out.push({
          ...base(operationName, processingActivity, endTime), kind: search.kind, owner: null, entityType: null, entityId: null,
          subject, subjectType: subject === null ? null : 'person', relatedSubjects: [], fieldsReleased: [], fieldsWithheld: [],
          decisions: [], facts: null, searchTerms: search.terms, outcome: search.outcome,
        });
      }
      return out;
    },
    *recorded() {
      for (const recordTrail of trails.values()) {
        yield { source: recordTrail.source, decisions: recordTrail.decisions.values(), entered: isEntered(recordTrail), released: recordTrail.released };
      }
    },
  };
}
