/**
 * Where the PostgreSQL audit tests connect, and what happens when nothing answers there: the tests
 * skip with the reason printed (a developer without a database still runs the rest), except under
 * CI=true, where an unreachable database fails the run instead of passing it silently.
 */
import pg from 'pg';
import { describe, it } from 'vitest';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL not reachable at ${describeUrl(DATABASE_URL)}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await probe();

/** describe() when PostgreSQL answers; a visible skip when not; a failing test when not under CI=true. */
export function describePostgres(name: string, body: () => void): void {
  if (unreachable === null) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs PostgreSQL (CI=true)', () => {
        throw new Error(unreachable);
      });
    });
  } else {
    console.warn(`[tests/audit] skipping "${name}": ${unreachable}`);
    describe.skipIf(true)(`${name} (skipped: ${unreachable})`, body);
  }
}

let counter = 0;

/** A fresh schema name per store under test, so test files and tests never share a chain. */
export function uniqueSchema(prefix: string): string {
  counter++;
  return `${prefix}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
