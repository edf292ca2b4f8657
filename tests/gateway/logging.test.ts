/** Personal data sent in variables, and the token itself, never reach the application log. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let gateway: TestGateway;
beforeAll(async () => { gateway = await startTestGateway(); });
afterAll(async () => gateway?.close());

it('logs one line per request with who/why/what/how long, and no personal data', async () => {
  const scenario1 = createWorld().households[0]!;
  const mother = scenario1.members[0]!;
  const token = await gateway.token({ agencyId: 'ashg-groningen', purposes: ['case-conference'] });
  const query = 'query Lookup($bsn: String!) { householdsOfPerson(bsn: $bsn) { id members { name bsn birthDate } reports { narrative } } }';
  const response = await gateway.raw({ authorization: `Bearer ${token}`, 'x-purpose': 'case-conference' },
    { query, variables: { bsn: mother.bsn, name: mother.name, note: scenario1.members[2]!.name }, operationName: 'Lookup' });
  expect(response.status).toBe(200);
  // The answer itself carries the personal data (the ASHG owns this household) ...
  expect(JSON.stringify(response.body)).toContain(mother.bsn);
  // ... the log never does.
  const log = gateway.logs.join('\n');
  const secrets = [mother.bsn, mother.name, scenario1.members[2]!.name, token, token.split('.')[2]!, 'Moeder meldt'];
  for (const secret of secrets) expect(log).not.toContain(secret);
  const line = gateway.logs.map((raw) => JSON.parse(raw) as Record<string, unknown>).find((entry) => entry.msg === 'request');
  expect(line).toMatchObject({ agency: 'ashg-groningen', role: 'caseworker', purpose: 'case-conference', operationName: 'Lookup', status: 200, outcome: 'ok' });
  expect(typeof line?.durationMs).toBe('number');
  expect(line?.requestId).toBeTruthy();
  expect(line?.traceId).toMatch(/^[0-9a-f]{32}$/);
});

it('keeps a BSN smuggled into the operation name out of the log', async () => {
  const bsn = createWorld().households[0]!.members[0]!.bsn;
  const token = await gateway.token({ agencyId: 'ashg-groningen', purposes: ['case-conference'] });
  await gateway.raw({ authorization: `Bearer ${token}`, 'x-purpose': 'case-conference' }, { query: `query Q${bsn} { me { role } }` });
  expect(gateway.logs.join('\n')).not.toContain(bsn);
});

it('reuses the caller\'s W3C trace id', async () => {
  const token = await gateway.token({ agencyId: 'ashg-groningen', purposes: ['case-conference'] });
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  await gateway.raw({ authorization: `Bearer ${token}`, 'x-purpose': 'case-conference', traceparent: `00-${traceId}-00f067aa0ba902b7-01` }, { query: '{ me { role } }' });
  expect(gateway.logs.some((line) => line.includes(traceId))).toBe(true);
});
