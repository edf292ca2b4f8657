/**
 * What a search of the trail adds up to (Query.auditSummary): totals, accesses per day by viewer,
 * agreement or purpose, and withheld fields by reason. Counted over the store's own `query` in pages
 * of its largest size, so the summary counts exactly the entries auditEntries lists for the same
 * filter and scope (the index narrows, the hashed entry decides) on either store; bounded like the
 * access request's counts, and saying when it counted only part.
 */
import { AUDIT_OUTCOMES, type AuditEntry, type AuditOutcome } from './entry.ts';
import { readUpTo } from './read-up-to.ts';
import type { AuditFilter, AuditStore } from './store.ts';

/** Entries counted at most for one summary. */
export const MAX_SUMMARIZED_ENTRIES = 10_000;

/** Withheld fields whose entry records no decision on them (entries of acts and notices hold none). */
export const REASON_NOT_RECORDED = 'NOT_RECORDED';

export interface DayCount {
  /** yyyy-mm-dd, as `dayOf` counts days. */
  readonly day: string;
  /** Viewer agency id, agreement id@version or purpose; null for the agreement of an entry released under none. */
  readonly key: string | null;
  readonly entries: number;
  /** Requests (chained units) with an entry counted here. */
  readonly requests: number;
}

export interface AuditSummary {
  readonly entries: number;
  /** False when the search holds more than `limit` entries: the counts are of the oldest `limit`. */
  readonly complete: boolean;
  readonly requests: number;
  /** Viewer organisations with any entry. */
  readonly organisations: number;
  /** Coordinates released and withheld, summed over the entries (a field read twice counts twice). */
  readonly fieldsReleased: number;
  readonly fieldsWithheld: number;
  readonly byOutcome: readonly { readonly outcome: AuditOutcome; readonly entries: number }[];
  readonly perDayByViewer: readonly DayCount[];
  /**
   * An entry counts under each agreement version one of its released fields was granted by, and under
   * null when none was (its own records, public fields, searches, nothing released).
   */
  readonly perDayByAgreement: readonly DayCount[];
  readonly perDayByPurpose: readonly DayCount[];
  /** Withheld fields by the reason of the entry's decision on them. */
  readonly redactionsByReason: readonly { readonly reason: string; readonly fields: number }[];
}

export interface SummaryOptions {
  /** The calendar day of an instant (the gateway passes Europe/Amsterdam's, as the covenants count days). */
  readonly dayOf: (time: Date) => string;
  /** Default MAX_SUMMARIZED_ENTRIES. */
  readonly limit?: number;
}

export async function summarizeAudit(store: AuditStore, filter: AuditFilter, options: SummaryOptions): Promise<AuditSummary> {
  const { entries, complete } = await readUpTo(store, filter, options.limit ?? MAX_SUMMARIZED_ENTRIES);
  return summarizeEntries(entries, options.dayOf, complete);
}

type SummarizedEntry = Pick<AuditEntry, 'requestSeq' | 'time' | 'viewer' | 'purpose' | 'fieldsReleased' | 'fieldsWithheld' | 'decisions' | 'outcome'>;

/** The summary of entries at hand (`complete`: they are all the search holds). */
export function summarizeEntries(entries: readonly SummarizedEntry[], dayOf: (time: Date) => string, complete = true): AuditSummary {
  const byViewer = createDaySeries();
  const byAgreement = createDaySeries();
  const byPurpose = createDaySeries();
  const outcomes = new Map<AuditOutcome, number>();
  const reasons = new Map<string, number>();
  const requests = new Set<number>();
  const organisations = new Set<string>();
  let fieldsReleased = 0;
  let fieldsWithheld = 0;
  for (const entry of entries) {
    const day = dayOf(entry.time);
    requests.add(entry.requestSeq);
    organisations.add(entry.viewer.agencyId);
    fieldsReleased += entry.fieldsReleased.length;
    fieldsWithheld += entry.fieldsWithheld.length;
    outcomes.set(entry.outcome, (outcomes.get(entry.outcome) ?? 0) + 1);
    byViewer.add(day, entry.viewer.agencyId, entry.requestSeq);
    byPurpose.add(day, entry.purpose, entry.requestSeq);
    const released = new Set(entry.fieldsReleased);
    const agreements = new Set(entry.decisions.filter((d) => d.effect === 'allow' && d.agreementKey !== null && released.has(d.coordinate)).map((d) => d.agreementKey));
    if (agreements.size === 0) agreements.add(null);
    for (const agreement of agreements) byAgreement.add(day, agreement, entry.requestSeq);
    // One decision per coordinate and record (audit-buffer.ts): the withheld field's reason is its decision's.
    for (const coordinate of entry.fieldsWithheld) {
      const decision = entry.decisions.find((d) => d.coordinate === coordinate && d.effect === 'deny');
      const reason = decision?.reason ?? REASON_NOT_RECORDED;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  return {
    entries: entries.length, complete, requests: requests.size, organisations: organisations.size, fieldsReleased, fieldsWithheld,
    byOutcome: [...outcomes].map(([outcome, count]) => ({ outcome, entries: count })).sort((a, b) => AUDIT_OUTCOMES.indexOf(a.outcome) - AUDIT_OUTCOMES.indexOf(b.outcome)),
    perDayByViewer: byViewer.counts(), perDayByAgreement: byAgreement.counts(), perDayByPurpose: byPurpose.counts(),
    redactionsByReason: [...reasons].map(([reason, fields]) => ({ reason, fields })).sort((a, b) => b.fields - a.fields || compare(a.reason, b.reason)),
  };
}

function createDaySeries() {
  const cells = new Map<string, { day: string; key: string | null; entries: number; requests: Set<number> }>();
  return {
    add(day: string, key: string | null, requestSeq: number): void {
      const id = `${day}\u0000${key ?? ''}\u0000${key === null ? 'null' : 'key'}`;
      let cell = cells.get(id);
      if (!cell) {
        cell = { day, key, entries: 0, requests: new Set() };
        cells.set(id, cell);
      }
      cell.entries++;
      cell.requests.add(requestSeq);
    },
    /** By day, then key (null last). */
    counts(): DayCount[] {
      return [...cells.values()].map(({ day, key, entries, requests }) => ({ day, key, entries, requests: requests.size }))
        .sort((a, b) => compare(a.day, b.day) || (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : compare(a.key, b.key)));
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
