/**
 * The inbound limits of one gateway: each request takes a token from its user's bucket and from its
 * organisation's (per organisation configurable), and is refused with the seconds to wait when
 * either is empty. The user's bucket is asked first, so one user hammering does not drain their
 * colleagues' share. When the shared store fails, each replica limits on its own (its memory) rather
 * than refusing everyone: a rate limit protects the agencies' systems, it must not become an outage.
 */
import { createMemoryBuckets, type BucketRate, type BucketStore, type TakeResult } from './token-bucket.ts';

export interface InboundLimitsConfig {
  /** The default bucket of an organisation. */
  readonly organisation: BucketRate;
  /** Each user's bucket (within their organisation). */
  readonly user: BucketRate;
  /** Organisations whose bucket differs from the default, by organisation id. */
  readonly organisations: Readonly<Record<string, BucketRate>>;
}

export interface InboundLimiter {
  readonly store: BucketStore['kind'];
  take(organisationId: string, userId: string): Promise<TakeResult>;
  close(): Promise<void>;
}

export function createInboundLimiter(config: InboundLimitsConfig, store: BucketStore, onStoreError: (error: unknown) => void): InboundLimiter {
  const fallback = store.kind === 'memory' ? store : createMemoryBuckets();
  const take = async (key: string, rate: BucketRate): Promise<TakeResult> => {
    try {
      return await store.take(key, rate);
    } catch (error) {
      onStoreError(error);
      return fallback.take(key, rate);
    }
  };
  return {
    store: store.kind,
    async take(organisationId, userId) {
      // JSON keys: an organisation id or user id containing a separator cannot collide with another's.
      const user = await take(JSON.stringify(['user', organisationId, userId]), config.user);
      if (!user.allowed) return user;
      return take(JSON.stringify(['organisation', organisationId]), config.organisations[organisationId] ?? config.organisation);
    },
    async close() {
      await Promise.all([store.close(), fallback === store ? undefined : fallback.close()]);
    },
  };
}
