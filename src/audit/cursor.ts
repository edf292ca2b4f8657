/** Page cursors: the seq of the last entry on the page, opaque to clients so the encoding may change. */
import { AuditStoreError } from './errors.ts';
import { MAX_AUDIT_PAGE, type AuditPageRequest } from './store.ts';

export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new AuditStoreError('AUDIT_INVALID_ARGUMENT', 'invalid audit cursor');
  return Number(match[1]);
}

/** Validated page request: the seq to start after (0 = from the start) and the page size. */
export function readPage(page: AuditPageRequest): { afterSeq: number; first: number } {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_AUDIT_PAGE) {
    throw new AuditStoreError('AUDIT_INVALID_ARGUMENT', `first must be an integer from 1 to ${MAX_AUDIT_PAGE}`);
  }
  return { afterSeq: page.after === undefined ? 0 : decodeCursor(page.after), first: page.first };
}
