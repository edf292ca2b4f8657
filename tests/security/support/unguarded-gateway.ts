/**
 * The gateway with policy enforcement switched off (the benchmark's unguarded contender), for the
 * security suites' self-check: the same queries and the same oracle must find leaks there, or the
 * property could not fail. Built like tests/support/test-gateway.ts, with `guards: false`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '#src/config/config.ts';
import { createGateway, type Gateway } from '#src/gateway/create-gateway.ts';
import { createServices } from '#src/gateway/services.ts';
import { startEmbeddedAgencies } from '#src/dev/embedded-agencies.ts';
import { createUnguardedEnforcement } from '../../../bench/contenders/unguarded.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { signDevToken } from '#src/identity/sign-dev-token.ts';
import type { GraphQLResponse } from '../../support/test-gateway.ts';
import { PURPOSES, SHARED_SECRETS, type SecurityCaller } from './security-gateway.ts';

export interface UnguardedGateway {
  readonly gateway: Gateway;
  readonly now: Date;
  ask(caller: SecurityCaller, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export async function startUnguardedGateway(now: Date): Promise<UnguardedGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-unguarded-'));
  const config = loadConfig({ ...SHARED_SECRETS, KETENPOORT_DATA_DIR: dataDir, KETENPOORT_MOCK_HOUSEHOLDS: '60', KETENPOORT_NOT_FOUND_FLOOR_MS: '0', LOG_LEVEL: 'warn' });
  for (const agency of config.agencies) await ensureDevKeys(dataDir, agency.id);
  const logger = pino({ level: 'warn' });
  const embedded = await startEmbeddedAgencies(config, logger);
  const services = await createServices(embedded.config, { logger, clock: () => now, enforcement: createUnguardedEnforcement });
  const gateway = await createGateway(services);
  return {
    gateway, now,
    async ask(caller, query, variables, operationName) {
      const { privateJwk } = await ensureDevKeys(dataDir, caller.agencyId);
      const jwt = await signDevToken(privateJwk, { agencyId: caller.agencyId, role: caller.role ?? 'caseworker', purposes: PURPOSES, issuedAt: now });
      const response = await gateway.app.inject({
        method: 'POST', url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}`, 'x-purpose': caller.purpose },
        payload: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
      });
      return { status: response.statusCode, body: response.json(), headers: response.headers };
    },
    async close() {
      await gateway.close();
      await embedded.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
