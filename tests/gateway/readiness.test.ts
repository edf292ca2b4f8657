/** Readiness is bounded, shared by concurrent probes, and its changes are logged once, with the store's coded reason. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AuditStoreError } from '#src/audit/errors.ts';
import { createReadinessCheck } from '#src/gateway/readiness.ts';

function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const raw: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write(chunk, _encoding, done) { raw.push(String(chunk)); done(); } }));
  return { logger, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('readiness check', () => {
  it('counts a check that does not answer within the bound as not ready (a store dropping packets hung /readyz past 50 s)', async () => {
    const { logger, lines } = capture();
    const ready = createReadinessCheck({ check: () => new Promise(() => {}), logger, timeoutMs: 100 });
    const started = Date.now();
    await expect(ready()).rejects.toThrow(/did not answer within 100 ms/);
    expect(Date.now() - started).toBeLessThan(500);
    expect(lines().map((line) => line.reason)).toEqual(['readiness check did not answer within 100 ms']);
  });

  it('lets concurrent probes share one check', async () => {
    const { logger } = capture();
    let calls = 0;
    let release = (): void => {};
    const ready = createReadinessCheck({ check: () => { calls++; return new Promise<void>((resolve) => { release = resolve; }); }, logger });
    const probes = [ready(), ready(), ready()];
    release();
    await Promise.all(probes);
    expect(calls).toBe(1);
    const next = ready();
    release();
    await next;
    expect(calls).toBe(2);
  });

  it('logs the change to not ready once, with the code and message, and the change back', async () => {
    const { logger, lines } = capture();
    let failure: Error | null = new AuditStoreError('AUDIT_UNAVAILABLE', 'audit store file data/audit.sqlite was removed while open');
    const ready = createReadinessCheck({ check: async () => { if (failure) throw failure; }, logger });
    await expect(ready()).rejects.toBe(failure);
    await expect(ready()).rejects.toBe(failure);
    failure = null;
    await ready();
    await ready();
    expect(lines().map(({ msg, reason }) => ({ msg, reason }))).toEqual([
      { msg: 'not ready: requests with data are refused until this is resolved', reason: 'AUDIT_UNAVAILABLE: audit store file data/audit.sqlite was removed while open' },
      { msg: 'ready again', reason: undefined },
    ]);
  });

  it('logs a driver error by its name only: its message may quote values', async () => {
    const { logger, lines } = capture();
    const ready = createReadinessCheck({ check: async () => { throw new TypeError('value 123456782 is not valid'); }, logger });
    await expect(ready()).rejects.toThrow();
    expect(JSON.stringify(lines())).not.toContain('123456782');
    expect(lines()[0]?.reason).toBe('TypeError');
  });
});
