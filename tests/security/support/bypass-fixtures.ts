/**
 * What the bypass suites share: the world the test gateway serves, the scenario households, the
 * callers, and `ask`, which besides returning the response checks the whole body against every value
 * the policy forbids the caller (the oracle), so no test can leak something it does not name.
 */
import { expect } from 'vitest';
import { createWorld, type WorldHousehold } from '#mock-world/index.ts';
import { SCENARIO_NOW, type GraphQLResponse } from '../../support/test-gateway.ts';
import { findLeaks, type Needle } from './leak-scan.ts';
import { COVENANTS_DIR, createOracle, dayOf, loadPolicy, publicCorpus, type Oracle } from './oracle.ts';
import { caseOf, reporterNeedles, text } from './scenario-values.ts';
import { AGENCIES, startSecurityGateway, type SecurityCaller, type SecurityGateway, type SecurityGatewayOptions } from './security-gateway.ts';

/** The test gateway's world: 60 households, the default seed; the six scenarios first. */
export const world = createWorld({ households: 60 });
export const [S1, S2, S3, S4, S5, S6] = world.households as [WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold];

const { ashg: ASHG, amk: AMK, politie: POLITIE } = AGENCIES;

/** Needles the suites reuse, reasoned from DOMAIN section 4 and the covenants. */
export const NEEDLES = {
  /** Scenario 5: what the reporter, promised anonymity, left with the ASHG (rule 7). */
  reporterOfS5: reporterNeedles(caseOf(S5, ASHG)),
  /** Scenario 1: the AMK's own report and file on the children; the ASHG learns the outcome only (rule 3). */
  amkFileOfS1: text(caseOf(S1, AMK).reports[0]!.narrative, ...caseOf(S1, AMK).children.flatMap((child) => [child.school, child.situation])),
  /** Scenario 2: what the ASHG may not read of the AMK's and the police's records. */
  notForAshgInS2: text(
    caseOf(S2, AMK).reports[0]!.narrative, caseOf(S2, AMK).children[0]!.school, caseOf(S2, AMK).children[0]!.situation,
    caseOf(S2, POLITIE).reports[0]!.narrative, caseOf(S2, POLITIE).reports[0]!.reporter.name, caseOf(S2, POLITIE).referrals[0]!.reason,
  ),
} as const satisfies Record<string, Needle[]>;

/** The names and BSNs of a household's members, but for the ones skipped. */
export function identities(household: WorldHousehold, skip: readonly string[] = []): Needle[] {
  return text(...household.members.filter((member) => !skip.includes(member.bsn)).flatMap((member) => [member.name, member.bsn]));
}

/** Each agency with the purpose its covenants name for it. */
export const CALLER = {
  amk: { agencyId: AGENCIES.amk, purpose: 'child-abuse-assessment' },
  ashg: { agencyId: AGENCIES.ashg, purpose: 'case-conference' },
  politie: { agencyId: AGENCIES.politie, purpose: 'zorgmelding-feedback' },
  bjz: { agencyId: AGENCIES.bjz, purpose: 'early-intervention' },
  wijkteam: { agencyId: AGENCIES.wijkteam, purpose: 'neighbourhood-support' },
  vtDrenthe: { agencyId: AGENCIES.vtDrenthe, purpose: 'child-abuse-assessment' },
} as const satisfies Record<string, SecurityCaller>;

/** The owner at work on its own records (DOMAIN rule 10). */
export const own = (agencyId: string): SecurityCaller => ({ agencyId, purpose: 'own-records' });

export interface Bypass {
  readonly gateway: SecurityGateway;
  readonly oracle: Oracle;
  /** Public text (agencies, covenants, schema): a needle found in it proves nothing. */
  readonly corpus: string;
  ask(caller: SecurityCaller, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

/** `now`: the gateway's clock, default SCENARIO_NOW; the oracle judges at it too. */
export async function startBypass(options: Partial<SecurityGatewayOptions> & { covenantsDir?: string } = {}): Promise<Bypass> {
  const covenantsDir = options.covenantsDir ?? COVENANTS_DIR;
  const now = options.now ?? SCENARIO_NOW;
  const gateway = await startSecurityGateway({
    ...options, now,
    env: { ...options.env, ...(options.covenantsDir ? { KETENPOORT_COVENANTS_DIR: options.covenantsDir } : {}) },
  });
  const corpus = publicCorpus([now.toISOString().slice(0, 10), dayOf(now)], covenantsDir);
  const oracle = createOracle(world, await loadPolicy(covenantsDir), corpus);
  return {
    gateway, oracle, corpus,
    async ask(caller, query, variables, operationName) {
      const response = await gateway.ask(caller, query, variables, operationName);
      const { leaks } = findLeaks(response.body, oracle.forbidden(caller.agencyId, caller.purpose, gateway.now));
      expect(leaks, `the oracle's check for ${caller.agencyId} (${caller.purpose})`).toEqual([]);
      return response;
    },
    close: () => gateway.close(),
  };
}
