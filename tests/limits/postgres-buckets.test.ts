/**
 * The shared buckets on a real PostgreSQL: two stores (two replicas) take from one bucket, concurrent
 * takes never let more than the burst through, and the stored key is not the user's id.
 */
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openPostgresBuckets } from '#src/limits/postgres-buckets.ts';
import type { BucketStore } from '#src/limits/token-bucket.ts';
import { DATABASE_URL, describePostgres, uniqueSchema } from '../audit/postgres-env.ts';

describePostgres('rate limit buckets in PostgreSQL', () => {
  const schema = uniqueSchema('rl');
  const opened: BucketStore[] = [];
  const open = async () => {
    const store = await openPostgresBuckets({ connectionString: DATABASE_URL, schema });
    opened.push(store);
    return store;
  };

  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('is one bucket for two replicas, and concurrent takes never exceed the burst', async () => {
    const [a, b] = [await open(), await open()];
    const rate = { perSecond: 0.001, burst: 5 };
    const takes = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).take('["user","amk-groningen","u1"]', rate)));
    expect(takes.filter((t) => t.allowed)).toHaveLength(5);
    const refused = takes.find((t) => !t.allowed);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await a.take('["user","amk-groningen","u2"]', rate)).allowed).toBe(true);
  });

  it('refills by the database clock', async () => {
    const store = await open();
    const rate = { perSecond: 20, burst: 1 };
    expect((await store.take('refill', rate)).allowed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await store.take('refill', rate)).allowed).toBe(true);
  });

  it('stores a hash of the key, never the user id', async () => {
    const store = await open();
    await store.take('["user","amk-groningen","caseworker-jansen"]', { perSecond: 1, burst: 2 });
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT encode(key, 'escape') AS key FROM "${schema}".ketenpoort_rate_buckets`);
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('jansen');
  });
});
