/**
 * Gateway configuration, read once at the entry point from the environment (and an optional JSON
 * file). Nothing else in the code base reads process.env.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EMBEDDED_AGENCIES, type AgencyConfig } from './agencies.ts';

export interface QueryLimits {
  /** Deepest selection nesting. Default 12. */
  readonly maxDepth: number;
  /** Most aliases in one document. Default 30. */
  readonly maxAliases: number;
  /** Most lexical tokens in one document (Apollo parseOptions.maxTokens). Default 3000. */
  readonly maxTokens: number;
  /** Highest estimated cost (list fields multiply their children by their page size). Default 20000. */
  readonly maxCost: number;
}

/** A token bucket: refilled at `perSecond`, holding at most `burst` requests. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** Inbound limits (src/limits): per user, per organisation, and organisations that differ from the default. */
export interface RateLimitConfig {
  readonly organisation: RateLimit;
  readonly user: RateLimit;
  readonly organisations: Readonly<Record<string, RateLimit>>;
}

export interface GatewayConfig {
  readonly mode: 'development' | 'production';
  readonly host: string;
  readonly port: number;
  /** Folder for the SQLite audit store, dev keys and dev secrets. */
  readonly dataDir: string;
  /** PostgreSQL connection string for the audit store; SQLite in dataDir when absent. */
  readonly databaseUrl: string | null;
  /** JWT audience every token must carry. */
  readonly audience: string;
  /** Allowed clock skew for exp/nbf in seconds. */
  readonly clockSkewSeconds: number;
  readonly introspection: boolean;
  readonly limits: QueryLimits;
  readonly agencies: readonly AgencyConfig[];
  /** Folder of covenant YAML files. */
  readonly covenantsDir: string;
  /** Secret for pseudonymising BSNs in the audit trail; generated in dataDir in development when absent. */
  readonly pseudonymSecret: string | null;
  /** Secret for sealing agency identifiers into opaque ids; generated in dataDir in development when absent. */
  readonly idSecret: string | null;
  /** Households in the embedded mocks' world. */
  readonly mockHouseholds: number;
  /** Mock latency in ms for the embedded mocks. */
  readonly mockLatencyMs: number;
  readonly logLevel: string;
  /** How long an agency's household listing of a municipality is reused across requests, in s (0: never). Default 30. */
  readonly listingCacheSeconds: number;
  /** Shortest time a lookup that finds nothing takes, in ms, so withheld and nonexistent answer alike. */
  readonly notFoundFloorMs: number;
  /** Inbound rate limits; null when off (KETENPOORT_RATE_LIMIT=off; off by default in development). */
  readonly rateLimits: RateLimitConfig | null;
  /** Trusted documents (src/gateway/trusted-documents.ts): only registered operations run when on. */
  readonly trustedDocuments: TrustedDocumentsConfig;
}

export interface TrustedDocumentsConfig {
  /** KETENPOORT_TRUSTED_DOCUMENTS=on|off; default on in production, off in development. */
  readonly enforced: boolean;
  /** KETENPOORT_OPERATIONS_DIR, default ./operations: organisations/<agency-id>.json and privacy-console.json. */
  readonly dir: string;
  /** KETENPOORT_CONSOLE_ROLES, default privacy-officer: roles the console's operations are registered for. */
  readonly consoleRoles: readonly string[];
}

export type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env, cwd: string = process.cwd()): GatewayConfig {
  const mode = env.NODE_ENV === 'production' ? 'production' : 'development';
  const file = env.KETENPOORT_CONFIG ? readJson(resolve(cwd, env.KETENPOORT_CONFIG)) : {};
  const agencies = (file.agencies as AgencyConfig[] | undefined) ?? EMBEDDED_AGENCIES;
  return {
    mode,
    host: env.HOST ?? '127.0.0.1',
    port: integer(env.PORT, 4000, 'PORT'),
    dataDir: resolve(cwd, env.KETENPOORT_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL ?? null,
    audience: env.KETENPOORT_AUDIENCE ?? 'ketenpoort',
    clockSkewSeconds: integer(env.KETENPOORT_CLOCK_SKEW_SECONDS, 30, 'KETENPOORT_CLOCK_SKEW_SECONDS'),
    introspection: env.KETENPOORT_INTROSPECTION ? env.KETENPOORT_INTROSPECTION === 'true' : mode === 'development',
    limits: {
      maxDepth: integer(env.KETENPOORT_MAX_DEPTH, 12, 'KETENPOORT_MAX_DEPTH'),
      maxAliases: integer(env.KETENPOORT_MAX_ALIASES, 30, 'KETENPOORT_MAX_ALIASES'),
      maxTokens: integer(env.KETENPOORT_MAX_TOKENS, 3000, 'KETENPOORT_MAX_TOKENS'),
      maxCost: integer(env.KETENPOORT_MAX_COST, 20000, 'KETENPOORT_MAX_COST'),
    },
    agencies,
    covenantsDir: resolve(cwd, env.KETENPOORT_COVENANTS_DIR ?? 'covenants'),
    pseudonymSecret: env.KETENPOORT_PSEUDONYM_SECRET ?? null,
    idSecret: env.KETENPOORT_ID_SECRET ?? null,
    mockHouseholds: integer(env.KETENPOORT_MOCK_HOUSEHOLDS, 200, 'KETENPOORT_MOCK_HOUSEHOLDS'),
    mockLatencyMs: integer(env.KETENPOORT_MOCK_LATENCY_MS, 0, 'KETENPOORT_MOCK_LATENCY_MS'),
    logLevel: env.LOG_LEVEL ?? 'info',
    listingCacheSeconds: integer(env.KETENPOORT_LISTING_CACHE_SECONDS, 30, 'KETENPOORT_LISTING_CACHE_SECONDS'),
    notFoundFloorMs: integer(env.KETENPOORT_NOT_FOUND_FLOOR_MS, 250, 'KETENPOORT_NOT_FOUND_FLOOR_MS'),
    rateLimits: rateLimits(env, mode, file.rateLimits as { organisations?: Record<string, RateLimit> } | undefined),
    trustedDocuments: {
      enforced: onOff(env.KETENPOORT_TRUSTED_DOCUMENTS, mode === 'production', 'KETENPOORT_TRUSTED_DOCUMENTS'),
      dir: resolve(cwd, env.KETENPOORT_OPERATIONS_DIR ?? 'operations'),
      consoleRoles: (env.KETENPOORT_CONSOLE_ROLES ?? 'privacy-officer').split(',').map((role) => role.trim()).filter(Boolean),
    },
  };
}

function rateLimits(env: Env, mode: GatewayConfig['mode'], file: { organisations?: Record<string, RateLimit> } | undefined): RateLimitConfig | null {
  const switched = env.KETENPOORT_RATE_LIMIT ?? (mode === 'production' ? 'on' : 'off');
  if (switched !== 'on' && switched !== 'off') throw new Error(`KETENPOORT_RATE_LIMIT must be "on" or "off", got "${switched}"`);
  if (switched === 'off') return null;
  const organisations: Record<string, RateLimit> = {};
  for (const [id, limit] of Object.entries(file?.organisations ?? {})) organisations[id] = checkedRate(limit, `rateLimits.organisations.${id}`);
  return {
    organisation: rate(env.KETENPOORT_RATE_LIMIT_ORGANISATION, { perSecond: 50, burst: 100 }, 'KETENPOORT_RATE_LIMIT_ORGANISATION'),
    user: rate(env.KETENPOORT_RATE_LIMIT_USER, { perSecond: 10, burst: 20 }, 'KETENPOORT_RATE_LIMIT_USER'),
    organisations,
  };
}

/** `<per second>/<burst>`, e.g. `50/100`. */
function rate(value: string | undefined, fallback: RateLimit, name: string): RateLimit {
  if (value === undefined || value === '') return fallback;
  const [perSecond, burst] = value.split('/').map(Number);
  return checkedRate({ perSecond: perSecond ?? NaN, burst: burst ?? NaN }, name);
}

function checkedRate(limit: RateLimit, name: string): RateLimit {
  if (!(limit.perSecond > 0) || !Number.isInteger(limit.burst) || limit.burst < 1) {
    throw new Error(`${name} must be a positive rate per second and a whole burst of at least 1 (e.g. 50/100)`);
  }
  return { perSecond: limit.perSecond, burst: limit.burst };
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function onOff(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value !== 'on' && value !== 'off') throw new Error(`${name} must be "on" or "off", got "${value}"`);
  return value === 'on';
}
