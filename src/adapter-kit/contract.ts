/**
 * The contract between the gateway and one agency's adapter. An adapter module exports a factory
 * that `satisfies AdapterFactory<ItsOptions>`; it receives everything with side effects (logger,
 * HTTP, clock) through the AdapterContext and imports nothing but this kit.
 */
import type DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { UpstreamHttp } from './http-types.ts';
import type { ActDelivery, DeliveryReceipt } from '../domain/acts.ts';
import type {
  AgencyKind, ChildRecord, HouseholdRecord, InvolvementRecord, ReferralRecord, ReportRecord,
} from '../domain/records.ts';

export interface AgencyDescriptor {
  /** Configured agency id, e.g. `ashg-groningen`; also the JWT issuer of its callers. */
  readonly id: string;
  readonly kind: AgencyKind;
  readonly name: string;
  /** Region id the agency serves. */
  readonly region: string;
}

export interface Clock {
  now(): Date;
}

/** Everything an adapter may touch, handed in by the gateway (or by a test). */
export interface AdapterContext {
  readonly agency: AgencyDescriptor;
  /** Application logger; never give it upstream payloads or personal data. */
  readonly logger: Logger;
  readonly clock: Clock;
  /** Resilient HTTP to this agency's base URL (timeout, retry, breaker, pool, size bound). */
  readonly http: UpstreamHttp;
}

/** Per-request scope the loaders are created in. */
export interface RequestScope {
  /** Aborted when the client goes away or the request deadline passes. */
  readonly signal: AbortSignal;
}

/**
 * Per-request batch loaders. Keys are the agency's own identifiers, or BSNs / municipalities where
 * named so. A loader answers `null` or `[]` for what the agency does not know; it rejects a key with
 * an AdapterError when the agency could not answer.
 */
export interface AgencyLoaders {
  /** Households of this agency that have a member with the given BSN. */
  readonly householdsByBsn: DataLoader<string, readonly HouseholdRecord[]>;
  readonly household: DataLoader<string, HouseholdRecord | null>;
  readonly childrenByHousehold: DataLoader<string, readonly ChildRecord[]>;
  readonly reportsByHousehold: DataLoader<string, readonly ReportRecord[]>;
  readonly referralsByHousehold: DataLoader<string, readonly ReferralRecord[]>;
  readonly involvementByHousehold: DataLoader<string, InvolvementRecord | null>;
  readonly report: DataLoader<string, ReportRecord | null>;
  readonly referral: DataLoader<string, ReferralRecord | null>;
}

export interface AgencyAdapter {
  readonly descriptor: AgencyDescriptor;
  /** Largest batch the upstream accepts in one call; loaders use it as maxBatchSize. */
  readonly maxBatchSize: number;
  createLoaders(scope: RequestScope): AgencyLoaders;
  /** All households this agency registered in the given municipalities (a search; paginates upstream). */
  listHouseholds(municipalities: readonly string[], scope: RequestScope): Promise<readonly HouseholdRecord[]>;
  /**
   * Everything the agency holds in the municipalities, however far back: what the involvement index's
   * full reconciliation reads (src/involvements/sync.ts), off any request's path, so it may take longer
   * than a listing a caller waits for (the police search their export over the registers' whole history,
   * where a listing searches two years). Absent: `listHouseholds`, which must then be complete.
   */
  reconcileHouseholds?(municipalities: readonly string[], scope: RequestScope): Promise<readonly HouseholdRecord[]>;
  /**
   * False when the agency cannot be listed completely at all (neither `reconcileHouseholds` nor
   * `listHouseholds` returns everything it holds): the involvement index then never relies on its rows
   * and always asks the agency directly (src/involvements/route.ts). Absent: complete.
   */
  readonly listingComplete?: boolean;
  /**
   * Stores an act in this agency's system through its dialect's inbound operation (issue 13, docs/acts.md):
   * a case handed over or referred to it, the answer to a referral it sent, feedback on a zorgmelding.
   * Idempotent by `delivery.actId`: delivering the same act again answers the first receipt and stores
   * nothing new. Rejects with an AdapterError when the agency could not store it (retried by the outbox)
   * or refuses it as invalid (not retried). Absent for a dialect without inbound operations.
   */
  deliver?(delivery: ActDelivery, scope: RequestScope): Promise<DeliveryReceipt>;
  /**
   * The agency's change feed in its dialect's own form (issue 12, docs/involvement-index.md): the
   * household records that changed after `cursor`, each as it stands now (null once the agency no
   * longer holds it), oldest change first, at most one page. `null` asks where the feed stands now and
   * answers no changes: the position a full reconciliation starts from, so nothing that changes while
   * it lists is missed. Rejects with an AdapterError (a cursor the agency no longer knows: code
   * UPSTREAM_BAD_RESPONSE, marked permanent: the index then reconciles in full). Absent for a dialect without a feed.
   */
  householdChanges?(cursor: string | null, scope: RequestScope): Promise<HouseholdChangePage>;
  close(): Promise<void>;
}

/** One household record that changed at the agency (its change feed). */
export interface HouseholdChange {
  /** The agency's own id of the household record. */
  readonly householdLocalId: string;
  /** The record as it stands now, mapped as listHouseholds maps it; null when the agency no longer holds it. */
  readonly household: HouseholdRecord | null;
}

/** One page of an agency's change feed. */
export interface HouseholdChangePage {
  readonly changes: readonly HouseholdChange[];
  /** Where to ask from next time: opaque to the gateway (the agency's own position, as text). */
  readonly cursor: string;
  /** More changes wait after `cursor`: ask again at once. */
  readonly more: boolean;
}

export type AdapterFactory<Options> = (context: AdapterContext, options: Options) => AgencyAdapter;

/** A runnable mock of an agency's legacy API, on loopback. */
export interface RunningMock {
  readonly agencyId: string;
  readonly url: string;
  close(): Promise<void>;
}

/** Knobs integration testers turn on a mock. */
export interface MockKnobs {
  /** Added latency per response, in ms. Default 0. */
  latencyMs?: number;
  /** Share of requests answered 503, 0..1. Default 0. */
  errorRate?: number;
  /** Share of requests that never answer (until the client gives up), 0..1. Default 0. */
  timeoutRate?: number;
  /** Share of responses with a malformed body, 0..1. Default 0. */
  malformedRate?: number;
  /** Share of requests answered 429 with `Retry-After: 1` (the agency's rate limit), 0..1. Default 0. */
  rateLimitRate?: number;
  /** Seed for the knobs' dice, so a failing run can be replayed. Default 1. */
  seed?: number;
}
