/**
 * The subject pseudonym (Logboek Dataverwerkingen: pseudonymised subject id): a keyed HMAC-SHA-256 of
 * the BSN, base64url, prefixed `ps_`. Keyed, because an unkeyed hash of a nine-digit number is reversed
 * by trying all 10^9 of them. The secret comes from configuration; rotating it splits the trail into
 * two pseudonym spaces, so it is rotated only with a re-keying plan.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

export type Pseudonymizer = (bsn: string) => string;

export const PSEUDONYM_PATTERN = /^ps_[A-Za-z0-9_-]{43}$/;

/**
 * The record pseudonym in the trail (`pe_`): a keyed HMAC of the gateway's record id under the same
 * secret as the subject pseudonyms but its own domain, truncated to 128 bits (a collision among a
 * trail's records is then as unlikely as among random UUIDs). Never the sealed id itself: that is a
 * deterministic encryption the gateway's id key opens, so a trail holding it would be reversible.
 */
export const ENTITY_PSEUDONYM_PATTERN = /^pe_[A-Za-z0-9_-]{22}$/;

export function isEntityPseudonym(value: string): boolean {
  return ENTITY_PSEUDONYM_PATTERN.test(value);
}

export function createEntityPseudonymizer(secret: string): (entityId: string) => string {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new RangeError(`pseudonymizer secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
  return (entityId: string) => `pe_${createHmac('sha256', key).update('entity\u0000').update(entityId).digest().subarray(0, 16).toString('base64url')}`;
}

/** Minimum secret length in bytes (UTF-8): an HMAC key shorter than the hash output weakens it. */
const MIN_SECRET_BYTES = 32;

export function createPseudonymizer(secret: string): Pseudonymizer {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new RangeError(`pseudonymizer secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
  return (bsn: string) => {
    const canonical = canonicalBsn(bsn);
    return `ps_${createHmac('sha256', key).update(canonical).digest('base64url')}`;
  };
}

/**
 * Spelling variants of one BSN must map to one pseudonym, or a subject query misses entries: spaces
 * and dots are dropped and an eight-digit BSN gets its leading zero back. The check inspects every
 * character whatever it finds (no early exit), and the error never echoes the input.
 */
function canonicalBsn(input: string): string {
  if (typeof input !== 'string' || input.length > 32) throw new TypeError('not a BSN');
  let digits = '';
  let invalid = 0;
  for (const char of input) {
    const isDigit = char >= '0' && char <= '9';
    const isSeparator = char === ' ' || char === '.';
    invalid |= isDigit || isSeparator ? 0 : 1;
    digits += isDigit ? char : '';
  }
  if (digits.length === 8) digits = `0${digits}`;
  if (invalid !== 0 || digits.length !== 9) throw new TypeError('not a BSN');
  return digits;
}

/** Compares two pseudonyms without leaking, through timing, how long a common prefix they share. */
export function pseudonymsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function isPseudonym(value: string): boolean {
  return PSEUDONYM_PATTERN.test(value);
}
