/**
 * The bounds of node's HTTP server: a request must arrive (headers, then the whole body) within the
 * configured time of its start, or it is cut with a coded 408 (see client-errors.ts). Node checks
 * these bounds on a timer of its own (`connectionsCheckingInterval`, 30 s by default, far coarser
 * than the bound), so the timer runs at a fraction of the shortest bound: a slowloris body that
 * sends one byte every few seconds is cut within the bound plus that fraction, however patient it is.
 */
import type { ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpEdgeConfig } from '#src/config/config.ts';
import { handleClientError } from './client-errors.ts';

/** The fastify options that carry the bounds to node's server and answer its client errors. */
export interface HttpServerOptions {
  readonly requestTimeout: number;
  readonly http: ServerOptions;
  readonly clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => void;
}

export function httpServerOptions(edge: HttpEdgeConfig): HttpServerOptions {
  const checkEveryMs = Math.max(25, Math.min(1_000, Math.floor(edge.headersTimeoutMs / 4)));
  return {
    // fastify assigns this to node's server.requestTimeout after creating it.
    requestTimeout: edge.bodyTimeoutMs,
    http: { requestTimeout: edge.bodyTimeoutMs, headersTimeout: edge.headersTimeoutMs, connectionsCheckingInterval: checkEveryMs },
    clientErrorHandler: handleClientError,
  };
}
