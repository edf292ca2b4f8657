/**
 * The in-process gateway as the security suites drive it: callers whose tokens list every purpose
 * (the X-Purpose header picks one), operation names, and shared id secrets so that ids harvested
 * from one gateway open on another (gateways judged at different moments).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Env, GatewayConfig } from '#src/config/config.ts';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../../support/test-gateway.ts';
import { COVENANTS_DIR } from './oracle.ts';

export interface SecurityCaller {
  readonly agencyId: string;
  readonly purpose: string;
  /** Default `caseworker`. */
  readonly role?: string;
}

export interface SecurityGateway {
  readonly test: TestGateway;
  readonly now: Date;
  ask(caller: SecurityCaller, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<GraphQLResponse>;
  /** The token `ask` sends for the agency and role: issued at the gateway's `now`, so valid on its day, whatever the wall clock says. */
  token(agencyId: string, role?: string): Promise<string>;
  close(): Promise<void>;
}

/** Every purpose code of covenants/purposes.yaml. */
export const PURPOSES: readonly string[] = (parseYaml(readFileSync(join(COVENANTS_DIR, 'purposes.yaml'), 'utf8')) as { purposes: { code: string }[] })
  .purposes.map((purpose) => purpose.code);

export const AGENCIES = {
  ashg: 'ashg-groningen',
  amk: 'amk-groningen',
  politie: 'politie-noord-nederland',
  bjz: 'bjz-groningen',
  wijkteam: 'wijkteam-groningen',
  vtDrenthe: 'veilig-thuis-drenthe',
} as const;

/** The same secrets for every gateway a suite starts: ids and pseudonyms agree across them. */
export const SHARED_SECRETS: Env = {
  KETENPOORT_ID_SECRET: 'security-suite-id-secret-0123456789abcdef',
  KETENPOORT_PSEUDONYM_SECRET: 'security-suite-pseudonym-secret-0123456789',
};

export interface SecurityGatewayOptions {
  readonly now: Date;
  readonly env?: Env;
  readonly configure?: (config: GatewayConfig) => GatewayConfig;
}

export async function startSecurityGateway(options: SecurityGatewayOptions): Promise<SecurityGateway> {
  // Debug logging costs time on every request and the suites do not read the log.
  const test = await startTestGateway({
    now: options.now, env: { ...SHARED_SECRETS, LOG_LEVEL: 'warn', ...options.env }, ...(options.configure ? { configure: options.configure } : {}),
  });
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (agencyId: string, role: string) => {
    const key = `${agencyId}|${role}`;
    let found = tokens.get(key);
    if (!found) {
      found = test.token({ agencyId, role, purposes: PURPOSES });
      tokens.set(key, found);
    }
    return found;
  };
  return {
    test,
    now: options.now,
    token: (agencyId, role = 'caseworker') => tokenFor(agencyId, role),
    async ask(caller, query, variables, operationName) {
      const jwt = await tokenFor(caller.agencyId, caller.role ?? 'caseworker');
      return test.raw({ authorization: `Bearer ${jwt}`, 'x-purpose': caller.purpose }, { query, variables, ...(operationName ? { operationName } : {}) });
    },
    close: () => test.close(),
  };
}
