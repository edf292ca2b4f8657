/**
 * Prometheus metrics on a port of their own: after a query, `/metrics` (over real HTTP) holds the
 * request, upstream, circuit, audit and redaction metrics and the process defaults, and no label
 * value holds a BSN, a name or a token. The API's own port serves no metrics.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import { firstLeak, personalDataOf } from './personal-data.ts';
import { AMK, HOUSEHOLD_QUERY, scenario5Bsn } from './queries.ts';

let gateway: TestGateway;
let token: string;
let text: string;
let metricsUrl: string;

beforeAll(async () => {
  gateway = await startTestGateway({ env: { PORT: '0', KETENPOORT_METRICS_PORT: '0' } });
  await gateway.gateway.listen();
  metricsUrl = gateway.gateway.services.observability.metricsUrl()!;
  token = await gateway.token({ agencyId: AMK.agencyId, purposes: [AMK.purpose] });
  const answered = await gateway.raw({ authorization: `Bearer ${token}`, 'x-purpose': AMK.purpose }, { query: HOUSEHOLD_QUERY, variables: { bsn: scenario5Bsn() } });
  expect(answered.status).toBe(200);
  // A refused request is counted too, under no organisation.
  await gateway.raw({ authorization: 'Bearer not-a-token', 'x-purpose': AMK.purpose }, { query: '{ me { role } }' });
  const response = await fetch(`${metricsUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  text = await response.text();
});
afterAll(async () => gateway?.close());

/** Every label value of every sample. */
function labelValues(exposition: string): string[] {
  const values: string[] = [];
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#')) continue;
    for (const match of line.matchAll(/[a-zA-Z_][a-zA-Z0-9_]*="((?:[^"\\]|\\.)*)"/g)) values.push(match[1]!);
  }
  return values;
}

it('listens on loopback, on its own port', () => {
  expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

it('counts requests by organisation, purpose and coded outcome, and times them', () => {
  expect(text).toContain(`ketenpoort_requests_total{organisation="${AMK.agencyId}",purpose="${AMK.purpose}",outcome="ok"} 1`);
  expect(text).toContain('ketenpoort_requests_total{organisation="none",purpose="none",outcome="TOKEN_MALFORMED"} 1');
  expect(text).toMatch(new RegExp(`ketenpoort_request_duration_seconds_count\\{organisation="${AMK.agencyId}"\\} 1`));
});

it('counts and times upstream calls per agency and named call, and shows each circuit', () => {
  for (const agency of ['ashg-groningen', 'amk-groningen', 'politie-noord-nederland', 'bjz-groningen']) {
    expect(text).toMatch(new RegExp(`ketenpoort_upstream_requests_total\\{agency="${agency}",operation="[A-Za-z]+",outcome="ok"\\} \\d+`));
    expect(text).toMatch(new RegExp(`ketenpoort_upstream_request_duration_seconds_bucket\\{le="[^"]+",agency="${agency}",operation="[A-Za-z]+"\\}`));
    expect(text).toContain(`ketenpoort_upstream_circuit_state{agency="${agency}",state="closed"} 1`);
    expect(text).toContain(`ketenpoort_upstream_circuit_state{agency="${agency}",state="open"} 0`);
  }
  expect(text).toContain('ketenpoort_upstream_requests_total{agency="ashg-groningen",operation="dossiersByBsns",outcome="ok"}');
  expect(text).toContain('# TYPE ketenpoort_upstream_errors_total counter');
});

it('times audit commits, counts their failures, and counts redactions by reason', () => {
  expect(text).toMatch(/ketenpoort_audit_commit_duration_seconds_count\{outcome="ok"\} [1-9]/);
  expect(text).toContain('ketenpoort_audit_commit_failures_total 0');
  // The SQLite trail's search index follows the commit: how far behind it is, in requests.
  expect(text).toMatch(/\nketenpoort_audit_index_lag_requests \d+\n/);
  expect(text).toMatch(/ketenpoort_redactions_total\{reason="OWNER_ONLY"\} [1-9]/);
});

it('includes the default process metrics', () => {
  expect(text).toContain('process_cpu_user_seconds_total');
  expect(text).toContain('nodejs_eventloop_lag_seconds');
});

it('holds no BSN, name or token in any label value', () => {
  const values = labelValues(text);
  expect(values.length).toBeGreaterThan(20);
  const secrets = [...personalDataOf(), token, token.split('.')[2]!, scenario5Bsn()];
  expect(firstLeak(values.join('\n'), secrets)).toBeUndefined();
  for (const value of values) expect(value).not.toMatch(/\d{9}/);
});

it('is not served on the API\'s port, nor anything but /metrics on its own', async () => {
  expect((await gateway.gateway.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  expect((await fetch(`${metricsUrl}/graphql`)).status).toBe(404);
});
