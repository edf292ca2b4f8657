/**
 * The long-lived services of one gateway process, built once at start-up from configuration: the
 * compiled policy, the audit store, one adapter per agency, identity, and the secrets ids and
 * pseudonyms are made with.
 * Start-up fails here, before any port opens, on bad covenants, an uncovered schema field or an
 * unreachable audit store.
 */
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { AgencyAdapter } from '#kit/contract.ts';
import type { AgencyKind } from '#domain/records.ts';
import type { UpstreamStats } from '#kit/http.ts';
import { openAuditStore } from '#src/audit/open-audit-store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { createPseudonymizer } from '#src/audit/pseudonymize.ts';
import type { GatewayConfig } from '#src/config/config.ts';
import { createTokenVerifier, type TokenVerifier } from '#src/identity/verify-token.ts';
import { compilePolicy, type CompiledPolicy } from '#src/policy/index.ts';
import type { Covenant, RegionDef } from '#src/policy/index.ts';
import { loadCovenants } from '#src/policy/index.ts';
import { PUBLIC_COORDINATES } from '#src/policy/index.ts';
import { createReferralNeed } from '../enforcement/facts-needed.ts';
import { createListingCache, type ListHouseholds } from '../households/listing-cache.ts';
import { createClusterListing, type ClusterListing } from '../households/cluster.ts';
import { startAgencies } from './start-agencies.ts';
import { loadSecrets } from './secrets.ts';
import { createIdSealer, type IdSealer } from '../households/ids.ts';
import { loadJwks } from '../identity/load-jwks.ts';
import type { AgencyNode, RegionNode } from '../households/nodes.ts';
import { loadTypeDefs } from '../graph/schema-files.ts';

export interface GatewayServices {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  /** The time a request is judged at. */
  readonly clock: () => Date;
  readonly verifier: TokenVerifier;
  readonly knownPurposes: ReadonlySet<string>;
  readonly purposeDescriptions: ReadonlyMap<string, string>;
  readonly covenants: readonly Covenant[];
  readonly policy: CompiledPolicy;
  readonly audit: AuditStore;
  readonly adapters: ReadonlyMap<string, AgencyAdapter>;
  /** Upstream attempts per agency since start (each retry counts). */
  upstreamStats(): ReadonlyMap<string, UpstreamStats>;
  readonly ids: IdSealer;
  readonly pseudonymize: (bsn: string) => string;
  /** An agency's household listing for some municipalities, through the short-lived listing cache. */
  readonly listHouseholds: ListHouseholds;
  /** Clusters listed households; listings the cache handed out before give the nodes made then. */
  readonly clusterListing: ClusterListing;
  /** Whether a decision on this coordinate between these kinds can depend on the household's referrals. */
  needsReferrals(coordinate: string, viewer: AgencyKind, owner: AgencyKind): boolean;
  /** Policy enforcement and audit on (always, but in the benchmark's unguarded contender). */
  readonly guards: boolean;
  isPublic(coordinate: string): boolean;
  agencyNode(id: string | null | undefined): AgencyNode | null;
  agencyNodes(): AgencyNode[];
  regionNode(id: string): RegionNode | null;
  /** The most specific region a municipality lies in. */
  regionOf(municipality: string): RegionNode | null;
  checkReady(): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceOverrides {
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** A store to use instead of the configured one (tests break it on purpose). */
  readonly audit?: AuditStore;
  /** Adapters to use instead of the configured agencies' (tests). */
  readonly adapters?: ReadonlyMap<string, AgencyAdapter>;
  /**
   * false turns policy enforcement and the audit trail off: every field released, nothing recorded.
   * Only the benchmark sets it, to measure what the guards cost; there is no configuration for it.
   */
  readonly guards?: boolean;
}

export function baseSchema(): GraphQLSchema {
  return buildASTSchema(parse(loadTypeDefs().join('\n')));
}

export async function createServices(config: GatewayConfig, overrides: ServiceOverrides): Promise<GatewayServices> {
  const { logger } = overrides;
  const clock = overrides.clock ?? (() => new Date());
  const loaded = await loadCovenants(config.covenantsDir);
  const policy = compilePolicy({ ...loaded, schema: baseSchema(), publicCoordinates: PUBLIC_COORDINATES });
  for (const warning of policy.warnings) logger.warn({ warning }, 'covenant configuration');
  const secrets = loadSecrets(config);
  const audit = overrides.audit ?? (await openAuditStore({ databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir }));
  logger.info({ store: audit.kind }, 'audit store opened');
  const started = overrides.adapters
    ? { adapters: overrides.adapters, upstreamStats: () => new Map(), close: async () => {} }
    : startAgencies(config, logger, clock);
  const regions = new Map(loaded.regions.map((region: RegionDef) => [region.id, region]));
  const agencies = new Map(config.agencies.map((agency) => [agency.id, { id: agency.id, kind: agency.kind, name: agency.name, region: agency.region }]));
  const verifier = createTokenVerifier({
    agencies: config.agencies, jwksByAgency: await loadJwks(config), audience: config.audience, clockSkewSeconds: config.clockSkewSeconds, now: clock,
  });
  const guards = overrides.guards ?? true;
  const ids = createIdSealer(secrets.idSecret);
  const isPublic = guards ? (coordinate: string) => policy.publicCoordinates.has(coordinate) : () => true;

  return {
    config, logger, clock, verifier, policy, audit,
    knownPurposes: new Set(loaded.purposes.map((purpose) => purpose.code)),
    purposeDescriptions: new Map(loaded.purposes.map((purpose) => [purpose.code, purpose.description])),
    covenants: loaded.covenants,
    adapters: started.adapters,
    upstreamStats: () => started.upstreamStats(),
    ids,
    pseudonymize: createPseudonymizer(secrets.pseudonymSecret),
    guards,
    needsReferrals: createReferralNeed(policy),
    listHouseholds: createListingCache(config.listingCacheSeconds),
    clusterListing: createClusterListing(ids),
    isPublic,
    agencyNode: (id) => (id ? agencies.get(id) ?? null : null),
    agencyNodes: () => [...agencies.values()],
    regionNode: (id) => regions.get(id) ?? null,
    regionOf(municipality) {
      const containing = [...regions.values()].filter((region) => region.municipalities.includes(municipality));
      return containing.sort((a, b) => a.municipalities.length - b.municipalities.length).find((region) => region.municipalities.length > 1) ?? containing[0] ?? null;
    },
    async checkReady() {
      await audit.ping();
    },
    async close() {
      await Promise.all([...started.adapters.values()].map((adapter) => adapter.close()));
      await started.close();
      await audit.close();
    },
  };
}
