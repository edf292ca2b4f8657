/**
 * The example client (examples/client) against the gateway listening on an ephemeral port: its typed queries
 * come back as their generated types say, as a function and as `node examples/client/main.ts`; and its
 * generated types are what the client preset makes of schema.graphql now.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runExample } from '../../examples/client/run.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const AS = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
let gateway: TestGateway;
let url: string;
let token: string;

beforeAll(async () => {
  gateway = await startTestGateway({ configure: (config) => ({ ...config, host: '127.0.0.1', port: 0 }) });
  url = `${await gateway.gateway.listen()}/graphql`;
  token = await gateway.token({ agencyId: AS.agencyId, role: 'caseworker', purposes: [AS.purpose] });
});
afterAll(async () => gateway?.close());

it('lists households and reads the first by id, typed', async () => {
  const lines: string[] = [];
  const { listing, household } = await runExample({ url, token, purpose: AS.purpose, municipality: 'Groningen', first: 3, print: (line) => lines.push(line) });
  expect(listing.status).toBe(200);
  expect(listing.errors).toEqual([]);
  const ids = listing.data?.households.edges.map((edge) => edge.node.id) ?? [];
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.length).toBeLessThanOrEqual(3);
  expect(household?.status).toBe(200);
  expect(household?.data?.household?.id).toBe(ids[0]);
  const agencies = household?.data?.household?.caseStatus?.involvements.map((involvement) => involvement.agency?.id) ?? [];
  expect(agencies.length).toBeGreaterThan(0);
  expect(lines[0]).toMatch(new RegExp(`^${ids.length} household\\(s\\) in Groningen`));
  expect(lines).toContain(`household ${ids[0]}:`);
});

it('reports the gateway\'s refusal with its code', async () => {
  const lines: string[] = [];
  const { listing, household } = await runExample({ url, token, purpose: 'privacy-audit', municipality: 'Groningen', first: 3, print: (line) => lines.push(line) });
  expect(listing.status).toBe(403);
  expect(listing.data).toBeNull();
  expect(household).toBeNull();
  expect(lines[0]).toMatch(/^error PURPOSE_NOT_PERMITTED: .*\(HTTP 403\)$/);
});

it('runs as `node examples/client/main.ts`', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['examples/client/main.ts'], {
    env: { ...process.env, KETENPOORT_URL: url, KETENPOORT_TOKEN: token, KETENPOORT_PURPOSE: AS.purpose, KETENPOORT_FIRST: '1' },
  });
  expect(stdout).toMatch(/^1 household\(s\) in Groningen \(more on the next page\):\n {2}hh_/);
  expect(stdout).toMatch(/\nhousehold hh_\S+:\n/);
}, 30_000);

it('has fresh generated types (npm run codegen:check)', () => {
  const output = execFileSync(process.execPath, ['scripts/codegen-check.ts'], { encoding: 'utf8' });
  expect(output).toContain('examples/client/gql');
}, 60_000);
