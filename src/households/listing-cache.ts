/**
 * A short-lived cache of the agencies' household listings per municipality set. Listing a municipality
 * walks every agency's paging (the police export cannot even filter on municipality), which dominated
 * the cost of `households(...)`. What is cached is the agencies' household records, never a decision:
 * every request still decides visibility and every field for its own caller. Concurrent requests share
 * one walk; a failed walk is not kept. 0 seconds turns the cache off.
 */
import { LRUCache } from 'lru-cache';
import type { RequestScope } from '#kit/contract.ts';
import type { HouseholdRecord } from '#domain/records.ts';

export type ListHouseholds = (agencyId: string, municipalities: readonly string[], scope: RequestScope,
  load: (scope: RequestScope) => Promise<readonly HouseholdRecord[]>) => Promise<readonly HouseholdRecord[]>;

/** A shared walk serves every request waiting on it, so no single caller hanging up may abort it. */
const SHARED_WALK: RequestScope = { signal: new AbortController().signal };

export function createListingCache(ttlSeconds: number): ListHouseholds {
  if (ttlSeconds <= 0) return (_agencyId, _municipalities, scope, load) => load(scope);
  const cache = new LRUCache<string, Promise<readonly HouseholdRecord[]>>({ max: 512, ttl: ttlSeconds * 1000 });
  return (agencyId, municipalities, _scope, load) => {
    const key = `${agencyId}\u0000${[...municipalities].sort().join('\u0000')}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const walk = load(SHARED_WALK);
    cache.set(key, walk);
    walk.catch(() => {
      if (cache.get(key) === walk) cache.delete(key);
    });
    return walk;
  };
}
