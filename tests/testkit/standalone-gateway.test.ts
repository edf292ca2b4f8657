/**
 * config/standalone-mocks.example.json is what it says: the gateway's configuration file for the mocks that
 * `npm run mocks -- --port-base 4101` starts. The file is what the kit makes for those ports, and a gateway
 * started from it answers a query from mocks the kit started on them (real HTTP, no embedded mocks).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfigFile, MOCKED_AGENCIES, portBaseUrl, standaloneAgencies, startStandaloneMocks, type StandaloneMocks } from '#testkit';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const EXAMPLE = 'config/standalone-mocks.example.json';
const PORT_BASE = 4101;

describe(EXAMPLE, () => {
  let mocks: StandaloneMocks;
  let gateway: TestGateway;

  beforeAll(async () => {
    mocks = await startStandaloneMocks({ portBase: PORT_BASE, households: 40 });
    gateway = await startTestGateway({ env: { KETENPOORT_CONFIG: EXAMPLE } });
  });
  afterAll(async () => {
    await gateway?.close();
    await mocks?.close();
  });

  it('is the configuration the kit makes for --port-base 4101', () => {
    const file: unknown = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(gatewayConfigFile(standaloneAgencies((agency) => portBaseUrl(PORT_BASE, agency))))));
    expect(MOCKED_AGENCIES.map(({ id }) => mocks.byAgency.get(id)!.url)).toEqual(MOCKED_AGENCIES.map((agency) => portBaseUrl(PORT_BASE, agency)));
  });

  it('a gateway started from it answers from the standalone mocks, and starts none of its own', async () => {
    expect(gateway.mocks.size).toBe(0);
    const before = MOCKED_AGENCIES.map(({ id }) => mocks.byAgency.get(id)!.requestCount());
    const response = await gateway.query(
      { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' },
      '{ households(municipality: "Groningen", first: 3) { edges { node { id children { name } } } } }',
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const edges = (response.body.data?.households as { edges: unknown[] } | undefined)?.edges ?? [];
    expect(edges.length).toBeGreaterThan(0);
    const after = MOCKED_AGENCIES.map(({ id }) => mocks.byAgency.get(id)!.requestCount());
    expect(after.some((count, index) => count > (before[index] ?? 0))).toBe(true);
  });
});
