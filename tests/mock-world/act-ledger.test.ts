/** The mocks' ledger of received acts (issue 13): one entry per act id, and a count-down of transient failures. */
import { describe, expect, it } from 'vitest';
import { createActLedger } from '#mock-world/act-ledger.ts';
import { inboundFailure } from '#kit/act-delivery.ts';

describe('act ledger', () => {
  it('stores an act id once and answers the first entry for a repeat', () => {
    const ledger = createActLedger();
    const first = ledger.receive('act-1', 'OntvangOverdracht', { reden: 'a' }, (n) => `Z-${n}`);
    const again = ledger.receive('act-1', 'OntvangOverdracht', { reden: 'b' }, (n) => `Z-${n}`);
    const other = ledger.receive('act-2', 'OntvangAntwoord', {}, (n) => `A-${n}`);
    expect([first.repeated, again.repeated, other.repeated]).toEqual([false, true, false]);
    expect(again.entry).toBe(first.entry);
    expect(ledger.all()).toEqual([
      { actId: 'act-1', operation: 'OntvangOverdracht', receiverReference: 'Z-1', record: { reden: 'a' } },
      { actId: 'act-2', operation: 'OntvangAntwoord', receiverReference: 'A-2', record: {} },
    ]);
  });

  it('fails the next n inbound calls, then works again; 0 turns it off', () => {
    const ledger = createActLedger();
    ledger.failNext(2);
    expect([ledger.takeFailure(), ledger.takeFailure(), ledger.takeFailure()]).toEqual([true, true, false]);
    ledger.failNext(5);
    ledger.failNext(0);
    expect(ledger.takeFailure()).toBe(false);
    expect(() => ledger.failNext(-1)).toThrow(RangeError);
  });
});

describe('an inbound answer that is not a success', () => {
  it.each([
    [400, 'UPSTREAM_REFUSED', true], [404, 'UPSTREAM_REFUSED', true], [409, 'UPSTREAM_REFUSED', true], [422, 'UPSTREAM_REFUSED', true],
    [401, 'UPSTREAM_UNAUTHORIZED', false], [403, 'UPSTREAM_UNAUTHORIZED', false], [408, 'UPSTREAM_TIMEOUT', false],
    [302, 'UPSTREAM_BAD_RESPONSE', false], [204, 'UPSTREAM_BAD_RESPONSE', false],
  ] as const)('%i is %s, permanent %s', (status, code, permanent) => {
    expect(inboundFailure('amk-groningen', 'AMK OntvangOverdracht', status)).toMatchObject({ code, permanent, status, agency: 'amk-groningen' });
  });
});
