/**
 * The W3C trace context reaches the agencies even with tracing off (the default): a gateway query's
 * trace id is in the `traceparent` every mock received for it, and the caller gets it back.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import { AMK, HOUSEHOLD_QUERY, scenario5Bsn } from './queries.ts';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

let gateway: TestGateway;
beforeAll(async () => { gateway = await startTestGateway(); });
afterAll(async () => gateway?.close());

const received = () => new Map([...gateway.mocks].map(([agency, mock]) => [agency, mock.receivedTraceparents()]));

it('sends the caller\'s trace id to every agency the query reaches, a span id of its own each time', async () => {
  const before = received();
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  const response = await gateway.raw(
    { authorization: `Bearer ${await gateway.token({ agencyId: AMK.agencyId, purposes: [AMK.purpose] })}`, 'x-purpose': AMK.purpose, traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    { query: HOUSEHOLD_QUERY, variables: { bsn: scenario5Bsn() } },
  );
  expect(response.status).toBe(200);
  expect(response.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
  for (const [agency, traceparents] of received()) {
    const fresh = traceparents.slice(before.get(agency)?.length ?? 0);
    expect(fresh.length, agency).toBeGreaterThan(0);
    for (const header of fresh) {
      const [, trace, span] = TRACEPARENT.exec(header) ?? [];
      expect(trace, `${agency}: ${header}`).toBe(traceId);
      expect(span).not.toBe('b7ad6b7169203331');
    }
  }
});

it('starts a trace when the caller sends none (or a malformed one), and returns it', async () => {
  const ashg = gateway.mocks.get('ashg-groningen')!;
  for (const traceparent of [undefined, '00-not-a-trace-01', `00-${'0'.repeat(32)}-b7ad6b7169203331-01`]) {
    const before = ashg.receivedTraceparents().length;
    const token = await gateway.token({ agencyId: AMK.agencyId, purposes: [AMK.purpose] });
    const response = await gateway.raw(
      { authorization: `Bearer ${token}`, 'x-purpose': AMK.purpose, ...(traceparent ? { traceparent } : {}) },
      { query: HOUSEHOLD_QUERY, variables: { bsn: scenario5Bsn() } },
    );
    const [, traceId] = TRACEPARENT.exec(String(response.headers.traceparent)) ?? [];
    expect(traceId, String(traceparent)).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe('0'.repeat(32));
    const fresh = ashg.receivedTraceparents().slice(before);
    expect(fresh.length).toBeGreaterThan(0);
    for (const header of fresh) expect(header.split('-')[1]).toBe(traceId);
  }
});

it('keeps the trace id of the request log and the audit trail the same as the one returned', async () => {
  const token = await gateway.token({ agencyId: AMK.agencyId, purposes: [AMK.purpose] });
  const response = await gateway.raw({ authorization: `Bearer ${token}`, 'x-purpose': AMK.purpose }, { query: HOUSEHOLD_QUERY, variables: { bsn: scenario5Bsn() } });
  const traceId = String(response.headers.traceparent).split('-')[1]!;
  const line = gateway.logs.map((raw) => JSON.parse(raw) as Record<string, unknown>).findLast((entry) => entry.msg === 'request');
  expect(line?.traceId).toBe(traceId);
  const page = await gateway.gateway.services.audit.query({ scopeAgencyId: AMK.agencyId }, { first: 500 });
  expect(page.entries.some((entry) => entry.traceId === traceId)).toBe(true);
});
