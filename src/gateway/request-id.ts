/**
 * The gateway's request ids: random UUIDs (v4) whose groups are never a run of eight or nine digits.
 * A UUID's first group is eight hex digits; one in 44 is all decimal digits, and padded with the zero a
 * written BSN may drop, one in eleven of those passes the BSN's eleven-test. Request ids go into the
 * trail and its LDV export as operation ids, where a BSN-shaped number must never appear (a DLP scanner,
 * or tests/audit/audit-export.test.ts, could not tell it from a leaked BSN): such a UUID is drawn again.
 */
import { randomUUID } from 'node:crypto';

const DIGIT_GROUP = /(?:^|-)[0-9]{8,9}(?:-|$)/;

export function requestId(): string {
  for (;;) {
    const id = randomUUID();
    if (!DIGIT_GROUP.test(id)) return id;
  }
}
