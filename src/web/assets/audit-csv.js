// @ts-check
// The CSV export of an audit search: one row per entry, every page, built in the browser and offered as a
// Blob URL download (nothing leaves the page but the gateway's own queries). Field names, agency ids,
// pseudonyms and decision ids only: the trail holds no values and no BSN, and the search's BSN is not
// written either.

/** @import { AuditEntry } from './audit-queries.js' */
import { basisOf } from './audit-requests.js';
import { csvCell } from './csv.js';

export const CSV_COLUMNS = [
  'seq', 'requestSeq', 'time', 'traceId', 'operationId', 'operationName', 'kind', 'viewerAgencyId', 'viewerOrganisation',
  'viewerUserId', 'viewerRole', 'purpose', 'ownerAgencyId', 'ownerOrganisation', 'entityType', 'entityId', 'subject',
  'relatedSubjects', 'fieldsReleased', 'fieldsWithheld', 'outcome', 'decisions', 'searchTerms',
];

/**
 * RFC 4180 text of the entries, CRLF line ends, a header row first. Lists inside a cell are separated by
 * "; ", a decision written as id coordinate effect reason basis.
 * @param {readonly AuditEntry[]} entries
 * @param {(agencyId: string) => string} nameOf
 */
export function auditCsv(entries, nameOf) {
  const rows = entries.map((entry) => [
    entry.seq, entry.requestSeq, entry.time, entry.traceId, entry.operationId, entry.operationName ?? '', entry.kind,
    entry.viewer.agencyId, nameOf(entry.viewer.agencyId), entry.viewer.userId, entry.viewer.role, entry.purpose,
    entry.ownerAgencyId ?? '', entry.ownerAgencyId ? nameOf(entry.ownerAgencyId) : '', entry.entityType ?? '', entry.entityId ?? '',
    entry.subject ?? '', entry.relatedSubjects.join('; '), entry.fieldsReleased.join('; '), entry.fieldsWithheld.join('; '), entry.outcome,
    entry.decisions.map((d) => `${d.id} ${d.coordinate} ${d.effect} ${d.reason} ${basisOf(d)}`).join('; '),
    (entry.searchTerms ?? []).map((term) => `${term.name}=${term.value}`).join('; '),
  ]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Entries a CSV download holds at most: a page's memory, not the trail's (`npm run audit:export` writes any number). */
export const CSV_MAX_ENTRIES = 50_000;

/**
 * Reads a search page by page for its CSV, oldest first, up to `limit` entries: a search over a whole
 * trail would otherwise hold every entry in the browser at once. `truncated` says the search holds more.
 * @param {(after: string | null) => Promise<{ entries: readonly AuditEntry[]; hasNextPage: boolean; endCursor: string | null }>} readPage
 * @param {(read: number) => void} progress
 * @param {number} [limit]
 * @returns {Promise<{ entries: AuditEntry[]; truncated: boolean }>}
 */
export async function readForCsv(readPage, progress, limit = CSV_MAX_ENTRIES) {
  /** @type {AuditEntry[]} */
  const entries = [];
  /** @type {string | null} */
  let after = null;
  for (;;) {
    progress(entries.length);
    const page = await readPage(after);
    entries.push(...page.entries);
    if (entries.length >= limit) return { entries: entries.slice(0, limit), truncated: entries.length > limit || page.hasNextPage };
    if (!page.hasNextPage || !page.endCursor) return { entries, truncated: false };
    after = page.endCursor;
  }
}

/**
 * Offers text as a file download through a Blob URL, revoked once the browser has taken it.
 * @param {string} text
 * @param {string} filename
 */
export function download(text, filename) {
  const url = window.URL.createObjectURL(new window.Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => window.URL.revokeObjectURL(url), 10_000);
}
