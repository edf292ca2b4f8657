/**
 * When one agency is down, the others' data still comes back, with a coded error naming the agency
 * for the missing part; the process never crashes on upstream input.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({
    configure: (config) => ({
      ...config,
      // Short timeouts and no breaker memory between tests keep this quick.
      agencies: config.agencies.map((agency) => agency.upstream ? { ...agency, upstream: { ...agency.upstream, resilience: { timeoutMs: 300, retries: 1, backoffBaseMs: 5, backoffMaxMs: 20, breakerThreshold: 1000 } } } : agency),
    }),
  });
});
afterAll(async () => gateway?.close());

const scenario2 = createWorld().households[1]!;
const query = `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id caseStatus { involvements { agency { id } phase } } } }`;

it.each([
  { agency: 'amk-groningen', knobs: { errorRate: 1 }, code: 'UPSTREAM_UNAVAILABLE' },
  { agency: 'amk-groningen', knobs: { malformedRate: 1 }, code: 'UPSTREAM_BAD_RESPONSE' },
  { agency: 'amk-groningen', knobs: { timeoutRate: 1 }, code: 'UPSTREAM_TIMEOUT' },
])('with $agency answering $code, the ASHG still gets its own case status', async ({ agency, knobs, code }) => {
  const mock = gateway.mocks.get(agency)!;
  mock.setKnobs(knobs);
  try {
    const response = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' }, query, { bsn: scenario2.members[0]!.bsn });
    expect(response.status).toBe(200);
    const households = response.body.data?.householdsOfPerson as { caseStatus: { involvements: { agency: { id: string } }[] } }[];
    expect(households).toHaveLength(1);
    const agencies = households[0]!.caseStatus.involvements.map((involvement) => involvement.agency.id);
    expect(agencies).toContain('ashg-groningen');
    expect(agencies).not.toContain(agency);
    expect(response.body.errors?.some((error) => error.extensions?.agency === agency && error.extensions?.code === code)).toBe(true);
  } finally {
    mock.setKnobs({});
  }
});

it('with the BJZ mock killed outright, scenario 3 still answers from the police, with a coded error for BJZ', async () => {
  const scenario3 = createWorld().households[2]!;
  await gateway.mocks.get('bjz-groningen')!.close();
  const response = await gateway.query({ agencyId: 'politie-noord-nederland', purpose: 'zorgmelding-feedback' }, query, { bsn: scenario3.members[0]!.bsn });
  expect(response.status).toBe(200);
  const households = response.body.data?.householdsOfPerson as { caseStatus: { involvements: { agency: { id: string } }[] } }[];
  expect(households).toHaveLength(1);
  expect(households[0]!.caseStatus.involvements.map((involvement) => involvement.agency.id)).toEqual(['politie-noord-nederland']);
  expect(response.body.errors?.find((error) => error.extensions?.agency === 'bjz-groningen')?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
});
