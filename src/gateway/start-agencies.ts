/**
 * One adapter per agency with a record system, each over its own resilient HTTP pool to the
 * agency's base URL: real HTTP, whether the system is the agency's or a mock standing in for it.
 */
import type { Logger } from 'pino';
import type { AgencyAdapter } from '#kit/contract.ts';
import { createUpstreamHttp, type CircuitName, type CountingUpstreamHttp, type UpstreamStats } from '#kit/http.ts';
import type { UpstreamObserver } from '#kit/upstream-observer.ts';
import type { GatewayConfig } from '#src/config/config.ts';
import { ADAPTERS } from './agency-registry.ts';

export interface StartedAgencies {
  readonly adapters: ReadonlyMap<string, AgencyAdapter>;
  /** Upstream attempts per agency since start (each retry counts): what tests and the benchmark count. */
  upstreamStats(): ReadonlyMap<string, UpstreamStats>;
  /** Each agency's circuit breaker now (the metrics' circuit gauge). */
  circuits(): ReadonlyMap<string, CircuitName>;
  close(): Promise<void>;
}

export function startAgencies(config: GatewayConfig, logger: Logger, clock: () => Date, observer?: UpstreamObserver): StartedAgencies {
  const adapters = new Map<string, AgencyAdapter>();
  const clients = new Map<string, CountingUpstreamHttp>();
  const closeClients = () => Promise.all([...clients.values()].map((client) => client.close())).then(() => undefined);
  try {
    for (const agency of config.agencies) {
      const { upstream } = agency;
      if (!upstream) continue;
      if (!upstream.baseUrl) throw new Error(`Agency ${agency.id} has an upstream without a baseUrl.`);
      const descriptor = { id: agency.id, kind: agency.kind, name: agency.name, region: agency.region };
      const agencyLogger = logger.child({ agency: agency.id });
      const http = createUpstreamHttp({ agencyId: agency.id, baseUrl: upstream.baseUrl, resilience: upstream.resilience ?? {}, logger: agencyLogger, ...(observer ? { observer } : {}) });
      clients.set(agency.id, http);
      adapters.set(agency.id, ADAPTERS[upstream.adapter].create({ agency: descriptor, logger: agencyLogger, clock: { now: clock }, http }, upstream));
    }
  } catch (error) {
    void closeClients();
    throw error;
  }
  return {
    adapters,
    upstreamStats: () => new Map([...clients].map(([id, client]) => [id, client.stats()])),
    circuits: () => new Map([...clients].map(([id, client]) => [id, client.circuit()])),
    // Adapters do not own the HTTP clients they were given: the pools are closed here.
    close: closeClients,
  };
}
