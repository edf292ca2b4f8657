/**
 * Gateway configuration, read once at the entry point from the environment (and an optional JSON
 * file). Nothing else in the code base reads process.env.
 */
import { resolve } from 'node:path';
import { agenciesInFolder, type AgencyConfig } from './agencies.ts';
import { ConfigError } from './config-error.ts';
import { readConfigFile, type ConfigFile } from './config-file.ts';

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

/** Traces and metrics (src/observability): both off by default. */
export interface ObservabilitySettings {
  /** OTLP/HTTP traces URL (`…/v1/traces`); null: traces are not exported. */
  readonly otlpTracesUrl: string | null;
  /** Where the Prometheus `/metrics` server listens; null: not started. */
  readonly metrics: { readonly host: string; readonly port: number } | null;
}

/** The HTTP edge (docs/http.md): how long a request may take to arrive, and who may call from a browser. */
export interface HttpEdgeConfig {
  /** The whole request (headers and body) must have arrived within this many ms of its start, else 408. Default 10000. */
  readonly bodyTimeoutMs: number;
  /** The headers must have arrived within this many ms (at most bodyTimeoutMs), else 408. Default 10000. */
  readonly headersTimeoutMs: number;
  /** Browser origins allowed by CORS (exact `scheme://host[:port]`); empty (the default) allows none. */
  readonly corsOrigins: readonly string[];
}

/**
 * Shadow evaluation (docs/replay-and-shadow.md): a policy decided beside the live one, never enforced; where it
 * decides otherwise is reported to privacy officers. Off (null) unless configured.
 */
export interface ShadowConfig {
  /** A draft folder of covenants (a whole covenants/ folder), resolved; null: the live folder. */
  readonly covenantsDir: string | null;
  /** Versions (`id@version`), each put in force in place of its agreement's version in force. */
  readonly agreementVersions: readonly string[];
}

export interface GatewayConfig {
  readonly mode: 'development' | 'production';
  /** The configuration file read (KETENPOORT_CONFIG, resolved), or null on the embedded defaults. */
  readonly configFile: string | null;
  readonly host: string;
  readonly port: number;
  /** Folder for the SQLite audit store, dev keys and dev secrets. */
  readonly dataDir: string;
  /** PostgreSQL connection string for the audit store; SQLite in dataDir when absent. */
  readonly databaseUrl: string | null;
  /** Where the audit trail is kept (KETENPOORT_AUDIT_STORE): postgres when DATABASE_URL is set, else sqlite. */
  readonly auditStore: 'postgres' | 'sqlite';
  /** PostgreSQL schema of the audit trail (KETENPOORT_AUDIT_SCHEMA). Default `ketenpoort_audit`. */
  readonly auditSchema: string | null;
  /**
   * How long a request waits on the PostgreSQL audit store in all, in ms (KETENPOORT_AUDIT_TIMEOUT_MS, or
   * the file's `audit.timeoutMs`); past it the request is refused with AUDIT_UNAVAILABLE. Default 2000.
   */
  readonly auditTimeoutMs: number;
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
  /**
   * Whether a record's controller is told when another organisation was shown it (RECORD_ACCESSED,
   * docs/notifications.md). Default on (KETENPOORT_ACCESS_NOTIFICATIONS=off turns it off).
   */
  readonly accessNotifications: boolean;
  /** The involvement index (src/involvements, docs/involvement-index.md); null when off (the default). */
  readonly involvementIndex: InvolvementIndexConfig | null;
  /** Inbound rate limits; null when off (KETENPOORT_RATE_LIMIT=off; off by default in development). */
  readonly rateLimits: RateLimitConfig | null;
  readonly observability: ObservabilitySettings;
  readonly http: HttpEdgeConfig;
  /** Trusted documents (src/gateway/trusted-documents.ts): only registered operations run when on. */
  readonly trustedDocuments: TrustedDocumentsConfig;
  /** KETENPOORT_SHADOW_COVENANTS or the file's `shadow`; null (the default) when off. */
  readonly shadow: ShadowConfig | null;
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
  const configFile = env.KETENPOORT_CONFIG ? resolve(cwd, env.KETENPOORT_CONFIG) : null;
  const file = configFile ? readConfigFile(configFile, env) : {};
  const covenantsDir = resolve(cwd, env.KETENPOORT_COVENANTS_DIR ?? 'covenants');
  const registry = agenciesInFolder(covenantsDir);
  const agencies = file.agencies ? deployed(registry, file.agencies, configFile!).map((agency) => resolveKeyFile(agency, cwd)) : registry;
  return {
    mode,
    configFile,
    host: env.HOST ?? '127.0.0.1',
    port: integer(env.PORT, 4000, 'PORT'),
    dataDir: resolve(cwd, env.KETENPOORT_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    auditStore: auditStore(env),
    auditSchema: env.KETENPOORT_AUDIT_SCHEMA || null,
    auditTimeoutMs: auditTimeoutMs(env, file.audit),
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
    covenantsDir,
    pseudonymSecret: env.KETENPOORT_PSEUDONYM_SECRET ?? null,
    idSecret: env.KETENPOORT_ID_SECRET ?? null,
    mockHouseholds: integer(env.KETENPOORT_MOCK_HOUSEHOLDS, 200, 'KETENPOORT_MOCK_HOUSEHOLDS'),
    mockLatencyMs: integer(env.KETENPOORT_MOCK_LATENCY_MS, 0, 'KETENPOORT_MOCK_LATENCY_MS'),
    logLevel: env.LOG_LEVEL ?? 'info',
    listingCacheSeconds: integer(env.KETENPOORT_LISTING_CACHE_SECONDS, 30, 'KETENPOORT_LISTING_CACHE_SECONDS'),
    notFoundFloorMs: integer(env.KETENPOORT_NOT_FOUND_FLOOR_MS, 250, 'KETENPOORT_NOT_FOUND_FLOOR_MS'),
    accessNotifications: onOff(env.KETENPOORT_ACCESS_NOTIFICATIONS, true, 'KETENPOORT_ACCESS_NOTIFICATIONS'),
    involvementIndex: involvementIndex(env),
    rateLimits: rateLimits(env, mode, file.rateLimits),
    observability: {
      otlpTracesUrl: otlpTracesUrl(env, file.observability),
      metrics: env.KETENPOORT_METRICS_PORT
        ? { host: env.KETENPOORT_METRICS_HOST ?? '127.0.0.1', port: integer(env.KETENPOORT_METRICS_PORT, 0, 'KETENPOORT_METRICS_PORT') }
        : null,
    },
    http: httpEdge(env),
    trustedDocuments: {
      enforced: onOff(env.KETENPOORT_TRUSTED_DOCUMENTS, mode === 'production', 'KETENPOORT_TRUSTED_DOCUMENTS'),
      dir: resolve(cwd, env.KETENPOORT_OPERATIONS_DIR ?? 'operations'),
      consoleRoles: (env.KETENPOORT_CONSOLE_ROLES ?? 'privacy-officer').split(',').map((role) => role.trim()).filter(Boolean),
    },
    shadow: shadow(env, file.shadow, cwd),
  };
}

const AGREEMENT_VERSION = /^[a-z0-9][a-z0-9-]*@[1-9][0-9]*$/;

/**
 * KETENPOORT_SHADOW_COVENANTS: a comma-separated list of agreement versions (`id@version`) and at most
 * one draft folder (anything else); set, it replaces the file's `shadow` as a whole. Whether the
 * versions exist is known once the covenants are loaded (services.ts).
 */
function shadow(env: Env, file: ConfigFile['shadow'], cwd: string): ShadowConfig | null {
  if (env.KETENPOORT_SHADOW_COVENANTS !== undefined && env.KETENPOORT_SHADOW_COVENANTS !== '') {
    const entries = env.KETENPOORT_SHADOW_COVENANTS.split(',').map((entry) => entry.trim()).filter(Boolean);
    const folders = entries.filter((entry) => !AGREEMENT_VERSION.test(entry));
    if (folders.length > 1) throw new ConfigError([`KETENPOORT_SHADOW_COVENANTS: name at most one draft folder, got ${folders.join(', ')}`]);
    return { covenantsDir: folders[0] ? resolve(cwd, folders[0]) : null, agreementVersions: [...new Set(entries.filter((entry) => AGREEMENT_VERSION.test(entry)))] };
  }
  if (!file || (!file.covenantsDir && !file.agreementVersions?.length)) return null;
  return { covenantsDir: file.covenantsDir ? resolve(cwd, file.covenantsDir) : null, agreementVersions: file.agreementVersions ?? [] };
}

/** postgres or sqlite; postgres needs DATABASE_URL. */
function auditStore(env: Env): GatewayConfig['auditStore'] {
  const chosen = env.KETENPOORT_AUDIT_STORE || (env.DATABASE_URL ? 'postgres' : 'sqlite');
  if (chosen !== 'postgres' && chosen !== 'sqlite') throw new ConfigError([`KETENPOORT_AUDIT_STORE: set it to postgres or sqlite, not "${chosen}"`]);
  if (chosen === 'postgres' && !env.DATABASE_URL) throw new ConfigError(['DATABASE_URL: set the PostgreSQL connection string (KETENPOORT_AUDIT_STORE=postgres)']);
  return chosen;
}

/** The environment wins over the file; 0 would mean "wait forever", which is what the bound is for. */
function auditTimeoutMs(env: Env, file: { readonly timeoutMs?: number } | undefined): number {
  const value = integer(env.KETENPOORT_AUDIT_TIMEOUT_MS, file?.timeoutMs ?? 2000, 'KETENPOORT_AUDIT_TIMEOUT_MS');
  if (value < 1) throw new Error('KETENPOORT_AUDIT_TIMEOUT_MS must be at least 1');
  return value;
}

/**
 * The agencies a deployment serves: those its file lists, each the registry's organisation with the
 * file's upstream URL, credentials and keys. What the registry says (kind, home region, adapter
 * kind) the file may repeat but not contradict (a name it gives is the registry's all the same); an
 * organisation the registry lacks is refused.
 */
function deployed(registry: readonly AgencyConfig[], entries: readonly AgencyConfig[], file: string): AgencyConfig[] {
  const problems: string[] = [];
  const agencies = entries.map((entry, index) => {
    const at = `${file}: agencies[${index}]`;
    const known = registry.find((agency) => agency.id === entry.id);
    if (!known) {
      problems.push(`${at}.id: "${entry.id}" is not in the organisations registry (covenants/organisations.yaml); add it there first`);
      return entry;
    }
    for (const key of ['kind', 'region'] as const) {
      if (entry[key] !== undefined && entry[key] !== known[key]) problems.push(`${at}.${key}: "${entry[key]}" contradicts the registry's "${known[key]}" (covenants/organisations.yaml)`);
    }
    if (entry.upstream && entry.upstream.adapter !== known.upstream?.adapter) {
      problems.push(`${at}.upstream.adapter: "${entry.upstream.adapter}", but the registry gives ${entry.id} ${known.upstream ? `a ${known.upstream.adapter} system` : 'no system'}`);
    }
    const upstream = entry.upstream ? { ...known.upstream, ...entry.upstream } : undefined;
    const { upstream: _registryUpstream, ...registryFields } = known;
    return { ...entry, ...registryFields, ...(upstream ? { upstream } : {}) } as AgencyConfig;
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return agencies;
}

/** A key file named in the configuration is relative to the working directory, as KETENPOORT_CONFIG is. */
function resolveKeyFile(agency: AgencyConfig, cwd: string): AgencyConfig {
  return agency.jwksFile ? { ...agency, jwksFile: resolve(cwd, agency.jwksFile) } : agency;
}

/**
 * The OTLP/HTTP traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, else OTEL_EXPORTER_OTLP_ENDPOINT
 * or the file's `observability.otlpEndpoint` with `/v1/traces` appended (as the OTLP exporter spec has it).
 */
function otlpTracesUrl(env: Env, file: { otlpEndpoint?: string } | undefined): string | null {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return httpUrl(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT').href;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT || file?.otlpEndpoint;
  if (!base) return null;
  const name = env.OTEL_EXPORTER_OTLP_ENDPOINT ? 'OTEL_EXPORTER_OTLP_ENDPOINT' : 'observability.otlpEndpoint';
  return new URL(`${httpUrl(base, name).href.replace(/\/+$/, '')}/v1/traces`).href;
}

function httpUrl(value: string, name: string): URL {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new Error(`${name} must be an http(s) URL, got "${value}"`);
  return url;
}

function rateLimits(env: Env, mode: GatewayConfig['mode'], file: { readonly organisations?: Readonly<Record<string, RateLimit>> } | undefined): RateLimitConfig | null {
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

function httpEdge(env: Env): HttpEdgeConfig {
  const bodyTimeoutMs = integer(env.KETENPOORT_BODY_TIMEOUT_MS, 10_000, 'KETENPOORT_BODY_TIMEOUT_MS');
  const headersTimeoutMs = integer(env.KETENPOORT_HEADERS_TIMEOUT_MS, 10_000, 'KETENPOORT_HEADERS_TIMEOUT_MS');
  // 0 would mean "no bound" to node; a gateway that waits forever for a request is what this closes.
  if (bodyTimeoutMs < 1 || headersTimeoutMs < 1) throw new Error('KETENPOORT_BODY_TIMEOUT_MS and KETENPOORT_HEADERS_TIMEOUT_MS must be at least 1');
  const corsOrigins = (env.KETENPOORT_CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  for (const origin of corsOrigins) {
    if (origin === '*' || origin === 'null' || !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(`KETENPOORT_CORS_ORIGINS lists exact origins such as https://console.example.nl, got "${origin}"`);
    }
  }
  return { bodyTimeoutMs, headersTimeoutMs: Math.min(headersTimeoutMs, bodyTimeoutMs), corsOrigins };
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

export interface InvolvementIndexConfig {
  /** Seconds between reads of the agencies' change feeds. */
  readonly followSeconds: number;
  /** Seconds between full reconciliations of every organisation. */
  readonly reconcileSeconds: number;
  /** An organisation whose last reconciliation is older than this (s) is asked directly. */
  readonly staleSeconds: number;
  /** Seconds one organisation's listing may take before its reconciliation counts as failed. */
  readonly timeoutSeconds: number;
}

function involvementIndex(env: NodeJS.ProcessEnv): InvolvementIndexConfig | null {
  if (!onOff(env.KETENPOORT_INVOLVEMENT_INDEX, false, 'KETENPOORT_INVOLVEMENT_INDEX')) return null;
  const followSeconds = integer(env.KETENPOORT_INDEX_FOLLOW_SECONDS, 10, 'KETENPOORT_INDEX_FOLLOW_SECONDS');
  const reconcileSeconds = integer(env.KETENPOORT_INDEX_RECONCILE_SECONDS, 3600, 'KETENPOORT_INDEX_RECONCILE_SECONDS');
  const staleSeconds = integer(env.KETENPOORT_INDEX_STALE_SECONDS, 7200, 'KETENPOORT_INDEX_STALE_SECONDS');
  if (followSeconds < 1 || reconcileSeconds < 1) throw new Error('KETENPOORT_INDEX_FOLLOW_SECONDS and KETENPOORT_INDEX_RECONCILE_SECONDS must be at least 1');
  // A bound below the reconciliation interval would leave an organisation without a feed stale between
  // reconciliations (asked directly every time); one with a feed is brought up to date every follow.
  if (staleSeconds <= reconcileSeconds) throw new Error('KETENPOORT_INDEX_STALE_SECONDS must be more than KETENPOORT_INDEX_RECONCILE_SECONDS');
  return { followSeconds, reconcileSeconds, staleSeconds, timeoutSeconds: integer(env.KETENPOORT_INDEX_TIMEOUT_SECONDS, 120, 'KETENPOORT_INDEX_TIMEOUT_SECONDS') };
}

function onOff(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value !== 'on' && value !== 'off') throw new Error(`${name} must be "on" or "off", got "${value}"`);
  return value === 'on';
}
