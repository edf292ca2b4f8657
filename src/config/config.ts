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
  };
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
