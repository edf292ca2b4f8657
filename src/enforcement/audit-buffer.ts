/**
 * Collects, while a request executes, what the policy decided about each record, and turns it into
 * audit entries (one per record and request) for the commit before the response leaves.
 * Records the viewer may not see at all are not entered: an entry the viewer's own agency can read
 * would otherwise prove they exist.
 */
import type { AuditEntryInput } from '#src/audit/entry.ts';
import type { Decided } from '#src/policy/index.ts';
import type { Caller } from '#src/identity/caller.ts';
import { ownerMemberBsns } from './sources.ts';
import type { Source } from '../households/nodes.ts';
import { toAuditDecision } from './audit-decision.ts';

interface RecordTrail {
  readonly source: Source;
  readonly released: Set<string>;
  readonly withheld: Set<string>;
  readonly decisions: Map<string, Decided>;
  /** Set once the viewer was shown the record at all (its visibility decision allowed). */
  visible: boolean;
}

export interface AuditBuffer {
  decided(source: Source, decision: Decided): void;
  /** The record was shown to the viewer (in a list or as a lookup result). */
  shown(source: Source): void;
  released(source: Source, coordinate: string): void;
  withheld(source: Source, coordinate: string): void;
  search(terms: Record<string, string>, outcome: AuditEntryInput['outcome'], kind?: AuditEntryInput['kind']): void;
  entries(meta: { operationName: string | null; processingActivity: string }): AuditEntryInput[];
}

export function createAuditBuffer(caller: Caller, traceId: string, requestId: string, now: Date,
  pseudonymize: (bsn: string) => string): AuditBuffer {
  const trails = new Map<string, RecordTrail>();
  const searches: { terms: Record<string, string>; outcome: AuditEntryInput['outcome']; kind: AuditEntryInput['kind'] }[] = [];
  const trail = (source: Source): RecordTrail => {
    let found = trails.get(source.recordKey);
    if (!found) {
      found = { source, released: new Set(), withheld: new Set(), decisions: new Map(), visible: false };
      trails.set(source.recordKey, found);
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
      members = [...new Set(ownerMemberBsns(source.household, source.owner.agencyId))].map(pseudonymize).sort();
      membersByOwner.set(key, members);
    }
    return members.filter((member) => member !== subject);
  };
  const base = (operationName: string | null, processingActivity: string) => ({
    traceId, operationId: requestId, operationName, time: now,
    viewer: { agencyId: caller.agencyId, userId: caller.userId, role: caller.role },
    purpose: caller.purpose, processingActivity,
  });
  return {
    decided: (source, decision) => void trail(source).decisions.set(decision.coordinate, decision),
    shown: (source) => void (trail(source).visible = true),
    released: (source, coordinate) => void trail(source).released.add(coordinate),
    withheld: (source, coordinate) => void trail(source).withheld.add(coordinate),
    search: (terms, outcome, kind = 'search') => void searches.push({ terms, outcome, kind }),
    entries({ operationName, processingActivity }) {
      const out: AuditEntryInput[] = [];
      for (const { source, released, withheld, decisions, visible } of trails.values()) {
        if (released.size === 0 && !visible) continue;
        const subject = source.subjectBsn ? pseudonymize(source.subjectBsn) : null;
        out.push({
          ...base(operationName, processingActivity),
          kind: 'access', owner: source.owner.agencyId, entityType: source.entityType, entityId: source.entityId,
          subject, relatedSubjects: relatedSubjects(source, subject),
          fieldsReleased: [...released].sort(), fieldsWithheld: [...withheld].filter((c) => !released.has(c)).sort(),
          decisions: [...decisions.values()].map(toAuditDecision), searchTerms: null,
          outcome: released.size === 0 ? 'withheld' : withheld.size === 0 ? 'released' : 'partially-released',
        });
      }
      for (const search of searches) {
        out.push({
          ...base(operationName, processingActivity), kind: search.kind, owner: null, entityType: null, entityId: null,
          subject: search.terms.subject ?? null, relatedSubjects: [], fieldsReleased: [], fieldsWithheld: [], decisions: [],
          searchTerms: search.terms, outcome: search.outcome,
        });
      }
      return out;
    },
  };
}
