/**
 * The four adapters over resilient HTTP to the benchmark's mocks, built the way the gateway's
 * start-agencies builds them (same factories, same credentials, same default resilience), for the
 * contenders and probes that use adapters without the gateway around them.
 */
import type { Logger } from 'pino';
import type { AgencyAdapter } from '#kit/contract.ts';
import type { ResilienceOptions } from '#kit/http-types.ts';
import { createUpstreamHttp, type CountingUpstreamHttp } from '#kit/http.ts';
import { agenciesInFolder, EMBEDDED_AGENCIES } from '#src/config/agencies.ts';
import { MOCKS } from '#src/dev/embedded-agencies.ts';
import { ADAPTERS } from '#src/gateway/agency-registry.ts';
import type { MockAgency } from '../mocks-process.ts';

export interface AgencyClients {
  readonly adapters: ReadonlyMap<string, AgencyAdapter>;
  /** Upstream attempts per agency since start. */
  calls(): Record<string, number>;
  close(): Promise<void>;
}

export interface AgencyClientsOptions {
  readonly mocks: readonly MockAgency[];
  readonly logger: Logger;
  /** The time adapters judge by (the police listing window). Required: the benchmark runs on a fixed day. */
  readonly clock: () => Date;
  /** Timeout, retry, breaker and pool for every agency. Default the kit's defaults (what the gateway uses). */
  readonly resilience?: ResilienceOptions;
  /** The organisations' folder when not the embedded one (--organisations). */
  readonly covenantsDir?: string | null;
}

export function createAgencyClients(options: AgencyClientsOptions): AgencyClients {
  const adapters = new Map<string, AgencyAdapter>();
  const clients = new Map<string, CountingUpstreamHttp>();
  const agencies = options.covenantsDir ? agenciesInFolder(options.covenantsDir) : EMBEDDED_AGENCIES;
  for (const mock of options.mocks) {
    const agency = agencies.find((candidate) => candidate.id === mock.agencyId);
    if (!agency?.upstream) throw new Error(`no configured agency ${mock.agencyId} with a record system`);
    const logger = options.logger.child({ agency: agency.id });
    const http = createUpstreamHttp({ agencyId: agency.id, baseUrl: mock.url, logger, resilience: options.resilience ?? {} });
    clients.set(agency.id, http);
    const descriptor = { id: agency.id, kind: agency.kind, name: agency.name, region: agency.region };
    adapters.set(agency.id, ADAPTERS[mock.adapter].create(
      { agency: descriptor, logger, clock: { now: options.clock }, http },
      { ...agency.upstream, baseUrl: mock.url, credentials: MOCKS[mock.adapter].devCredentials },
    ));
  }
  return {
    adapters,
    calls: () => Object.fromEntries([...clients].map(([id, client]) => [id, client.stats().calls])),
    async close() {
      await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
      await Promise.all([...clients.values()].map((client) => client.close()));
    },
  };
}
