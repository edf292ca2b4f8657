/**
 * The whole gateway in-process for tests: real adapters over real loopback HTTP to the real mocks,
 * the real policy and a real SQLite audit store in a temp folder, requests through fastify's inject
 * (no port). Logs are captured so tests can assert what never reaches them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { pino } from 'pino';
import type { AuditStore } from '#src/audit/store.ts';
import { loadConfig, type Env, type GatewayConfig } from '#src/config/config.ts';
import { createGateway, type Gateway } from '#src/gateway/create-gateway.ts';
import { createServices, type ServiceOverrides } from '#src/gateway/services.ts';
import { startEmbeddedAgencies } from '#src/dev/embedded-agencies.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import type { World } from '#mock-world/index.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { signDevToken, type DevTokenClaims } from '#src/identity/sign-dev-token.ts';

/** The day the scenario tests are judged at: inside every current covenant's validity. */
export const SCENARIO_NOW = new Date('2026-11-23T10:00:00+01:00');

export interface TestGatewayOptions {
  readonly env?: Env;
  readonly now?: Date;
  /** A clock that moves (tests of what changes over time); given, it stands in for `now`. */
  readonly clock?: () => Date;
  readonly audit?: AuditStore;
  readonly configure?: (config: GatewayConfig) => GatewayConfig;
  /** Turns tracing on, every span sent here as it ends (an InMemorySpanExporter). */
  readonly spanExporter?: SpanExporter;
  /** The world the embedded mock agencies serve; default: the world of KETENPOORT_MOCK_HOUSEHOLDS households. */
  readonly world?: World;
  /** The act outbox's delivery timing (fault tests shorten the back-off). */
  readonly actDelivery?: ServiceOverrides['actDelivery'];
  /** The webhooks' timing (webhook tests shorten the poll and back-off). */
  readonly webhookDelivery?: ServiceOverrides['webhookDelivery'];
  /** A data directory kept after close (a restart test starts a second gateway on it); default a new one, removed. */
  readonly dataDir?: string;
}

export interface GraphQLResponse {
  readonly status: number;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: { redactions?: { path: string[]; coordinate: string; reason: string; decisionId: string }[] } & Record<string, unknown>;
  };
  readonly headers: Record<string, unknown>;
}

export interface TestGateway {
  readonly gateway: Gateway;
  /** The embedded mock agencies the gateway talks to, by agency id (tests turn their knobs). */
  readonly mocks: ReadonlyMap<string, MockServer>;
  readonly logs: string[];
  readonly dataDir: string;
  token(claims: Omit<DevTokenClaims, 'purposes' | 'role'> & { role?: string; purposes?: readonly string[] }): Promise<string>;
  /** POST /graphql as an agency with a purpose (a token is made for that purpose). */
  query(as: { agencyId: string; purpose: string; role?: string }, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  raw(headers: Record<string, string>, body: unknown): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ketenpoort-test-'));
  const base = loadConfig({ KETENPOORT_DATA_DIR: dataDir, KETENPOORT_MOCK_HOUSEHOLDS: '60', LOG_LEVEL: 'debug', ...options.env });
  const config = options.configure ? options.configure(base) : base;
  // Keys exist before start-up, so a production-mode test can point jwksFile at them.
  for (const agency of config.agencies) await ensureDevKeys(dataDir, agency.id);
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } });
  const logger = pino({ level: config.logLevel }, sink);
  const clock = options.clock ?? (() => options.now ?? SCENARIO_NOW);
  const embedded = await startEmbeddedAgencies(config, logger, options.world);
  const services = await createServices(embedded.config, { logger, clock, ...(options.audit ? { audit: options.audit } : {}),
    ...(options.spanExporter ? { spanExporter: options.spanExporter } : {}), ...(options.actDelivery ? { actDelivery: options.actDelivery } : {}),
    ...(options.webhookDelivery ? { webhookDelivery: options.webhookDelivery } : {}) });
  const gateway = await createGateway(services);

  const token: TestGateway['token'] = async (claims) => {
    const { privateJwk } = await ensureDevKeys(dataDir, claims.agencyId);
    return signDevToken(privateJwk, { role: 'caseworker', purposes: [], issuedAt: clock(), ...claims } as DevTokenClaims);
  };
  const raw: TestGateway['raw'] = async (headers, body) => {
    const response = await gateway.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };
  return {
    gateway, mocks: embedded.mocks, logs, dataDir, token, raw,
    async query(as, query, variables) {
      const jwt = await token({ agencyId: as.agencyId, role: as.role ?? 'caseworker', purposes: [as.purpose] });
      return raw({ authorization: `Bearer ${jwt}`, 'x-purpose': as.purpose }, { query, variables });
    },
    async close() {
      await gateway.close();
      await embedded.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Upstream calls per agency so far, from the gateway's own counters. */
export function upstreamCalls(gateway: TestGateway): Map<string, number> {
  return new Map([...gateway.gateway.services.upstreamStats()].map(([agency, stats]) => [agency, stats.calls]));
}

/** The agencies called since `before` (upstreamCalls taken then), sorted. */
export function calledSince(gateway: TestGateway, before: ReadonlyMap<string, number>): string[] {
  return [...upstreamCalls(gateway)].filter(([agency, count]) => count > (before.get(agency) ?? 0)).map(([agency]) => agency).sort();
}
