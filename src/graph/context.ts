/**
 * The per-request context every resolver receives, and the long-lived services the graph reads. Built
 * once per HTTP request after the caller is authenticated; nothing in it outlives the request except
 * the services it points at. The gateway assembles both; the graph depends on neither its assembly
 * nor its server.
 */
import type { Logger } from 'pino';
import type { AgencyAdapter } from '#kit/contract.ts';
import type { ActDispatcher } from '#src/acts/dispatcher.ts';
import type { ActSealer } from '#src/acts/seal.ts';
import type { AuditStore } from '#src/audit/store.ts';
import type { EnforcementContext } from '#src/enforcement/context.ts';
import type { ShadowEvaluation } from '#src/enforcement/shadow-evaluation.ts';
import type { ClusterListing } from '#src/households/cluster.ts';
import type { IdService } from '#src/households/ids.ts';
import type { ListHouseholds } from '#src/households/listing-cache.ts';
import type { AgencyNode, RegionNode } from '#src/households/nodes.ts';
import type { CompiledPolicy, Covenant } from '#src/policy/index.ts';
import type { RequestScope } from './request-scope.ts';

/** What resolvers read of the gateway's services. */
export interface GraphServices {
  readonly policy: CompiledPolicy;
  readonly covenants: readonly Covenant[];
  /** The purposes a request may declare (covenants/purposes.yaml). */
  readonly knownPurposes: ReadonlySet<string>;
  readonly audit: AuditStore;
  readonly adapters: ReadonlyMap<string, AgencyAdapter>;
  /** Record ids (nodes, audit trail) and each organisation's pseudonyms of them (src/households/ids.ts). */
  readonly ids: IdService;
  readonly pseudonymize: (bsn: string) => string;
  /** The audit trail's pseudonym of a record id (the gateway's, not a caller's pairwise id). */
  readonly entityPseudonym: (entityId: string) => string;
  /** An agency's household listing for some municipalities, through the short-lived listing cache. */
  readonly listHouseholds: ListHouseholds;
  /** Clusters listed households; listings the cache handed out before give the nodes made then. */
  readonly clusterListing: ClusterListing;
  /**
   * Which agencies a lookup by BSN asks: the involvement index's routing (src/involvements) when it is
   * on; absent, every agency.
   */
  readonly route?: (bsns: readonly string[], agencyIds: readonly string[]) => Promise<readonly string[]>;
  /**
   * The involvement index's listing of these municipalities for a caller: household clusters in the
   * caller's own order, each with its position (its cursor) and the agencies' records it is made of.
   * Null when the index cannot answer for every organisation (one's rows are stale): the listings are
   * walked then. Absent when the index is off.
   */
  readonly indexListing?: (municipalities: readonly string[], caller: string) => Promise<readonly IndexListingEntry[] | null>;
  /** Shortest answer time of a lookup that finds nothing (KETENPOORT_NOT_FOUND_FLOOR_MS). */
  readonly notFoundFloorMs: number;
  /** The shadow policy decided beside the live one, and its report; null when not configured. */
  readonly shadow: ShadowEvaluation | null;
  /** The chain's acts (schema/act.graphql): sealing, delivery, and the register; null when not assembled. */
  readonly acts: ActServices | null;
  /** The register's activity a request of the organisation under the purpose belongs to (`id@version`). */
  processingActivityOf(organisation: string, purpose: string): string;
  agencyNode(id: string | null | undefined): AgencyNode | null;
  agencyNodes(): AgencyNode[];
  regionNode(id: string): RegionNode | null;
  /** The most specific region a municipality lies in. */
  regionOf(municipality: string): RegionNode | null;
}

export interface ActServices {
  readonly sealer: ActSealer;
  readonly dispatcher: ActDispatcher;
  /** The register's activity a request of the organisation under the purpose belongs to (its entries record it). */
  processingActivityOf(organisation: string, purpose: string): string;
  /** Whether the organisation has no record system behind the gateway: its acts wait in the inbox (src/acts/inbox.ts). */
  withoutSystem(organisation: string): boolean;
}

export interface GatewayContext extends EnforcementContext {
  readonly requestId: string;
  /** W3C trace id (from `traceparent`, or new). */
  readonly traceId: string;
  /** The request's span and the caller's span it continued (LDV), where traced. */
  readonly spanId?: string | null;
  readonly parentSpanId?: string | null;
  /** The instant the request is judged at: policy validity and ages use this, never the wall clock. */
  readonly now: Date;
  readonly logger: Logger;
  readonly services: GraphServices;
  readonly request: RequestScope;
}

/** One household of the involvement index's listing (GraphServices.indexListing). */
export interface IndexListingEntry {
  /** The caller's own position: the cursor it is given, meaningless to any other organisation. */
  readonly position: string;
  readonly records: readonly { readonly agencyId: string; readonly localId: string }[];
}
