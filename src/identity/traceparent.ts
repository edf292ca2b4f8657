/** W3C trace context: reuse the caller's trace id when its traceparent is well-formed, else start one. */
import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

export function traceIdFrom(header: string | undefined): string {
  const match = header ? TRACEPARENT.exec(header.trim()) : null;
  const traceId = match?.[1];
  if (traceId && traceId !== '0'.repeat(32)) return traceId;
  return randomBytes(16).toString('hex');
}
