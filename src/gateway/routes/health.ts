/** Liveness (the process answers) and readiness (started, not draining, and the audit store answers). */
import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  /** The gateway's phase name: only `ready` is ready. */
  readonly phase: () => string;
  /** Rejects when a dependency the gateway cannot serve without is unavailable. */
  readonly checkReady: () => Promise<void>;
}

export function registerHealth(app: FastifyInstance, options: HealthOptions): void {
  app.get('/healthz', async () => ({ status: 'alive' }));
  app.get('/readyz', async (_request, reply) => {
    const phase = options.phase();
    if (phase !== 'ready') return reply.code(503).send({ status: phase });
    try {
      await options.checkReady();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'not-ready' });
    }
  });
}
