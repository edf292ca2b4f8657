/**
 * The involvement index's reason to be (issue 12): a lookup by BSN costs the organisations that hold the
 * person, whatever the number connected. Thirty-six more organisations with record systems join the
 * chain by configuration alone (police units, Veilig Thuis organisations and certified institutions,
 * each with its mock system): with the index, a lookup asks the same organisations as before they joined;
 * without it, every one of them. The answers are the same either way.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extraOrganisationsYaml } from '#mock-world/extra-organisations.ts';
import { createWorld } from '#mock-world/index.ts';
import { writeTestCovenants, type TestCovenants } from '../security/support/test-covenants.ts';
import { calledSince, startTestGateway, upstreamCalls, type TestGateway } from '../support/test-gateway.ts';

const HOUSEHOLDS = 40;
const EXTRA = 36;
const SECRETS = { KETENPOORT_ID_SECRET: 'many-orgs-test-id-secret-0123456789abcdef', KETENPOORT_PSEUDONYM_SECRET: 'many-orgs-test-pseudonym-secret-01234567' };
const world = createWorld({ households: HOUSEHOLDS });
const QUERY = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id members { name } reports { id phase } caseStatus { involvements { agency { id } phaseCategory } } } }';
const VIEWER = { agencyId: 'ashg-groningen', purpose: 'case-conference' } as const;

let covenants: TestCovenants;
let indexed: TestGateway;
let fanOut: TestGateway;
beforeAll(async () => {
  covenants = writeTestCovenants({});
  const extra = extraOrganisationsYaml(EXTRA);
  appendFileSync(join(covenants.dir, 'organisations.yaml'), extra.organisations);
  appendFileSync(join(covenants.dir, 'processing-activities.yaml'), extra.activities);
  const env = { ...SECRETS, KETENPOORT_COVENANTS_DIR: covenants.dir, KETENPOORT_MOCK_HOUSEHOLDS: String(HOUSEHOLDS), KETENPOORT_LISTING_CACHE_SECONDS: '0' };
  [indexed, fanOut] = await Promise.all([
    startTestGateway({ env: { ...env, KETENPOORT_INVOLVEMENT_INDEX: 'on' } }),
    startTestGateway({ env }),
  ]);
  await indexed.gateway.services.involvementIndex?.sync.reconcileAll();
}, 120_000);
afterAll(async () => {
  await indexed?.close();
  await fanOut?.close();
  covenants?.remove();
});

const calledBy = async (gateway: TestGateway, bsn: string) => {
  const before = upstreamCalls(gateway);
  const response = await gateway.query(VIEWER, QUERY, { bsn });
  expect(response.body.errors).toBeUndefined();
  return { data: response.body.data, called: calledSince(gateway, before) };
};

describe('a lookup by BSN with many organisations connected', () => {
  it('connects every organisation of the configuration, each with its system, and reconciles each', async () => {
    expect(indexed.gateway.services.adapters.size).toBeGreaterThanOrEqual(10 + EXTRA);
    const states = await indexed.gateway.services.involvementIndex!.store.states();
    expect(states.filter((state) => state.lastError !== null)).toEqual([]);
    expect(states.length).toBe(indexed.gateway.services.adapters.size);
  });

  it('asks only the organisations holding the person through the index, every one without it, and answers the same', async () => {
    // A household of the generated world that several agencies hold.
    const household = world.households.find((candidate) => candidate.key.startsWith('hh-') && Object.keys(candidate.cases).length >= 2 && candidate.members[0]?.bsn)!;
    expect(household, 'a household two agencies or more hold').toBeDefined();
    const holders = Object.keys(household.cases).sort();
    const bsn = household.members[0]!.bsn!;
    const routed = await calledBy(indexed, bsn);
    const fanned = await calledBy(fanOut, bsn);
    expect(routed.called.every((agency) => holders.includes(agency)), `called ${routed.called.join(', ')}`).toBe(true);
    expect(fanned.called.length).toBeGreaterThanOrEqual(10 + EXTRA);
    expect(routed.data).toEqual(fanned.data);
    expect((routed.data as { householdsOfPerson: unknown[] }).householdsOfPerson.length).toBeGreaterThan(0);
  });
});
