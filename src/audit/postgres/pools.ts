/**
 * Internal: the PostgreSQL store's two connection pools, each with every wait bounded. On main the pool
 * had no connect or query timeout, and a server that silently dropped packets held requests and
 * `/readyz` past 50 s.
 * - `requests`: what a request waits on (append, ping, query, findDecision). Connect, each query on
 *   the client (query_timeout) and on the server (statement_timeout, lock_timeout) are bounded by
 *   `timeoutMs`; the server also ends a transaction left idle that long by a client it no longer hears
 *   from (idle_in_transaction_session_timeout), so a replica cut off mid-append does not hold the chain
 *   head's row lock, and with it every other replica, until TCP gives up on it.
 * - `maintenance`: migrations, verify and prune (start-up and scripts), whose statements may run up to
 *   `statementTimeoutMs`; one connection.
 * TCP keepalive on both finds idle connections whose peer is gone.
 */
import pg from 'pg';

export interface AuditPoolOptions {
  readonly connectionString: string;
  readonly maxConnections: number;
  readonly applicationName: string;
  readonly timeoutMs: number;
  readonly lockTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly onConnectionError?: ((error: Error) => void) | undefined;
}

export interface AuditPools {
  readonly requests: pg.Pool;
  readonly maintenance: pg.Pool;
  end(): Promise<void>;
}

const KEEPALIVE_DELAY_MS = 10_000;

export function createAuditPools(options: AuditPoolOptions): AuditPools {
  const common = {
    connectionString: options.connectionString,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.timeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
  };
  const requests = new pg.Pool({
    ...common,
    max: options.maxConnections,
    query_timeout: options.timeoutMs,
    statement_timeout: options.timeoutMs,
    lock_timeout: Math.min(options.lockTimeoutMs, options.timeoutMs),
    idle_in_transaction_session_timeout: options.timeoutMs,
  });
  const maintenance = new pg.Pool({
    ...common,
    max: 1,
    // A little past the server's own bound, for when the server is not there to apply it.
    query_timeout: options.statementTimeoutMs + options.timeoutMs,
    statement_timeout: options.statementTimeoutMs,
    lock_timeout: options.lockTimeoutMs,
    idle_in_transaction_session_timeout: options.statementTimeoutMs,
  });
  // Without a listener an idle connection dropped by the server would crash the process.
  for (const pool of [requests, maintenance]) pool.on('error', (error) => options.onConnectionError?.(error));
  return {
    requests,
    maintenance,
    end: async () => { await Promise.all([requests.end(), maintenance.end()]); },
  };
}
