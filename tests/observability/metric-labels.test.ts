/** Label values come from bounded sets only: what a caller or an agency wrote never becomes a label. */
import { describe, expect, it } from 'vitest';
import { codeLabel, nameLabel, outcomeLabel } from '#src/observability/metric-labels.ts';

describe('outcomeLabel', () => {
  it.each([
    [null, 200, 'ok'],
    [null, 503, 'INTERNAL_SERVER_ERROR'],
    ['ok', 200, 'ok'],
    ['FORBIDDEN', 200, 'FORBIDDEN'],
    // Several codes: the first in the closed list's order, so combinations do not multiply the values.
    ['UPSTREAM_TIMEOUT,FORBIDDEN', 200, 'FORBIDDEN'],
    ['NOT_A_CODE', 200, 'other'],
    ['900000107', 200, 'other'],
  ] as const)('%s (%i) -> %s', (outcome, status, label) => {
    expect(outcomeLabel(outcome, status)).toBe(label);
  });
});

describe('codeLabel', () => {
  it.each([['UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT'], ['CIRCUIT_OPEN', 'CIRCUIT_OPEN'], ['CALLER_ABORTED', 'CALLER_ABORTED'], ['ECONNRESET', 'other'], [undefined, 'other']] as const)(
    '%s -> %s', (code, label) => expect(codeLabel(code)).toBe(label),
  );
});

describe('nameLabel', () => {
  const known = new Set(['amk-groningen']);
  it.each([
    ['amk-groningen', known, 'amk-groningen'],
    ['ashg-groningen', known, 'other'],
    [null, known, 'none'],
    ['dossiersByBsns', undefined, 'dossiersByBsns'],
    ['HaalZakenOp', undefined, 'HaalZakenOp'],
    ['dossier-900000107', undefined, 'other'],
    ['/api/v1/dossiers/12', undefined, 'other'],
    ['Anna de Vries', undefined, 'other'],
  ] as const)('%s -> %s', (value, set, label) => expect(nameLabel(value, set)).toBe(label));
});
