/**
 * Reads a filter's entries page by page through the store's own query (so exactly what auditEntries
 * would list), up to a limit: for the counts that summarise a search (audit-summary.ts) and a person's
 * access request (access-request-counts.ts). `complete` is false when the limit cut the reading short.
 */
import type { AuditEntry } from './entry.ts';
import { MAX_AUDIT_PAGE, type AuditFilter, type AuditStore } from './store.ts';

export async function readUpTo(store: AuditStore, filter: AuditFilter, limit: number): Promise<{ entries: AuditEntry[]; complete: boolean }> {
  const entries: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.query(filter, { first: Math.min(MAX_AUDIT_PAGE, limit - entries.length), ...(after ? { after } : {}) });
    entries.push(...page.entries);
    if (!page.hasNextPage || !page.endCursor) return { entries, complete: true };
    if (entries.length >= limit) return { entries, complete: false };
    after = page.endCursor;
  }
}
