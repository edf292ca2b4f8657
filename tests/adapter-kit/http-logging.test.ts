/** What createUpstreamHttp writes to the application log: enough to operate on, nothing personal. */
import nock from 'nock';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createUpstreamHttp } from '#kit/http.ts';

const BSN = '123456782';
const NARRATIVE = 'Vader sloeg moeder in bijzijn van de kinderen';

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());

it('logs agency, method, path without query, status, attempt and duration; never bodies, queries or BSNs', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const http = createUpstreamHttp({
    agencyId: 'ashg-groningen', baseUrl: 'http://ashg.test', logger, sleep: async () => undefined,
    resilience: { retries: 1, breakerThreshold: 2 },
  });
  nock('http://ashg.test')
    .get(`/personen/${BSN}/meldingen`).query({ bsn: BSN }).reply(503, NARRATIVE)
    .get(`/personen/${BSN}/meldingen`).query({ bsn: BSN }).reply(200, JSON.stringify({ narrative: NARRATIVE }))
    .post('/zoek', JSON.stringify({ bsn: BSN })).times(2).reply(500, NARRATIVE);
  try {
    await http.request({ method: 'GET', path: `/personen/${BSN}/meldingen`, query: { bsn: BSN } });
    // Two failed POSTs in a row (never retried) open the circuit at the threshold of two.
    for (let i = 0; i < 2; i++) await http.request({ method: 'POST', path: '/zoek', body: JSON.stringify({ bsn: BSN }) }).catch(() => undefined);
  } finally {
    await http.close();
  }
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(records).toContainEqual(expect.objectContaining({
    level: 40, agency: 'ashg-groningen', method: 'GET', path: '/personen/*/meldingen', status: 503, attempt: 1,
    code: 'UPSTREAM_UNAVAILABLE', durationMs: expect.any(Number), msg: 'upstream call failed',
  }));
  expect(records).toContainEqual(expect.objectContaining({
    level: 20, agency: 'ashg-groningen', method: 'GET', path: '/personen/*/meldingen', status: 200, attempt: 2, msg: 'upstream call',
  }));
  expect(records).toContainEqual(expect.objectContaining({ level: 40, agency: 'ashg-groningen', msg: 'upstream circuit opened' }));
  const all = lines.join('\n');
  expect(all).not.toContain(BSN);
  expect(all).not.toContain('Vader');
  expect(all).not.toContain('?');
});

it('keeps BSNs out of the error message too', async () => {
  const http = createUpstreamHttp({ agencyId: 'ashg-groningen', baseUrl: 'http://ashg.test', logger: pino({ level: 'silent' }), resilience: { retries: 0 } });
  nock('http://ashg.test').get(`/personen/${BSN}`).query(true).reply(503, NARRATIVE);
  try {
    const error = await http.request({ method: 'GET', path: `/personen/${BSN}`, query: { bsn: BSN } }).then(
      () => undefined, (e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    expect(error?.message).toBe('ashg-groningen: GET /personen/* answered 503');
  } finally {
    await http.close();
  }
});
