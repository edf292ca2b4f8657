/**
 * Readiness as the load balancer asks for it: bounded, shared, and seen. Bounded, because a store that
 * silently drops packets made `/readyz` hang past 50 s on main; a check that has not answered within
 * `timeoutMs` is "not ready" (a Kubernetes probe gives up after one second by default). Shared, so a
 * burst of probes against a stalled store waits on one check rather than piling up connections. Seen:
 * the change between ready and not ready is logged once, with the store's coded reason (store messages
 * name files and codes, never an entry's values).
 */
import type { Logger } from 'pino';
import { isAuditStoreError } from '#src/audit/errors.ts';

export interface ReadinessOptions {
  /** Rejects when a dependency the gateway cannot serve without is unavailable. */
  readonly check: () => Promise<void>;
  readonly logger: Logger;
  /** How long a check may take before it counts as not ready, in milliseconds. Default 800. */
  readonly timeoutMs?: number;
}

export function createReadinessCheck(options: ReadinessOptions): () => Promise<void> {
  const timeoutMs = options.timeoutMs ?? 800;
  let inFlight: Promise<void> | null = null;
  let ready = true;

  const settle = (failure: unknown): void => {
    if (failure === null) {
      if (!ready) options.logger.info('ready again');
      ready = true;
      return;
    }
    if (ready) options.logger.error({ reason: describe(failure) }, 'not ready: requests with data are refused until this is resolved');
    ready = false;
  };

  const shared = (): Promise<void> => {
    inFlight ??= (async () => options.check())().then(
      () => settle(null),
      (error: unknown) => { settle(error); throw error; },
    ).finally(() => { inFlight = null; });
    return inFlight;
  };

  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`readiness check did not answer within ${timeoutMs} ms`);
        settle(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      await Promise.race([shared(), late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

function describe(error: unknown): string {
  if (isAuditStoreError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error && error.message.startsWith('readiness check did not answer')) return error.message;
  return (error as Error)?.name ?? 'unknown error';
}
