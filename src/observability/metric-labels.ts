/**
 * Label values of the gateway's metrics come only from bounded sets the gateway knows (configured
 * agencies, known purposes, the closed error codes, adapters' fixed call names), never from what a
 * caller or an agency wrote: no BSN, name, token or id can become a label, and no label can grow
 * without bound. Anything else is counted under `other`.
 */
import { GATEWAY_ERROR_CODES } from '#domain/errors.ts';

const CODES: ReadonlySet<string> = new Set([...GATEWAY_ERROR_CODES, 'CALLER_ABORTED', 'CIRCUIT_OPEN']);

/** A label value made of a name a developer chose (an agency id, a purpose code, an adapter's call name). */
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * `ok`, or one code from the closed list: the first of the answer's codes in the list's order (so
 * several codes do not multiply the label's values). `notes` are comma-separated codes or `ok`.
 */
export function outcomeLabel(outcome: string | null, status: number): string {
  if (outcome === null || outcome === '') return status < 400 ? 'ok' : 'INTERNAL_SERVER_ERROR';
  if (outcome === 'ok') return 'ok';
  const codes = new Set(outcome.split(','));
  return GATEWAY_ERROR_CODES.find((code) => codes.has(code)) ?? 'other';
}

/** An error code as a label: one of the closed list (or `CALLER_ABORTED`, `CIRCUIT_OPEN`), else `other`. */
export function codeLabel(code: string | undefined): string {
  return code !== undefined && CODES.has(code) ? code : 'other';
}

/**
 * A name as a label: the value when it is one of `known` (or, without `known`, looks like a name and
 * holds no run of digits, which a BSN or a record id would), else `other`.
 */
export function nameLabel(value: string | null | undefined, known?: ReadonlySet<string>): string {
  if (!value) return 'none';
  if (known) return known.has(value) ? value : 'other';
  return NAME.test(value) && !/\d{4,}/.test(value) ? value : 'other';
}
