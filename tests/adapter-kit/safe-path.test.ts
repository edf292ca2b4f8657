import { describe, expect, it } from 'vitest';
import { safePath } from '#kit/safe-path.ts';

describe('safePath', () => {
  it.each([
    ['/meldingen', '/meldingen'],
    ['/meldingen?bsn=123456782', '/meldingen'],
    ['/meldingen#frag', '/meldingen'],
    ['/personen/123456782/dossiers', '/personen/*/dossiers'],
    ['/personen/12345678', '/personen/*'], // BSNs with a dropped leading zero have eight digits
    ['/meldingen/M-2026-000101', '/meldingen/M-2026-000101'],
    ['/zaken/1234567', '/zaken/1234567'],
    ['/a/123456782?x=1/999999999', '/a/*'],
  ])('%s -> %s', (path, expected) => {
    expect(safePath(path)).toBe(expected);
  });
});
