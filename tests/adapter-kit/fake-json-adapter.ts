/**
 * A throwaway adapter for testing the contract suite itself: reports by id from a JSON batch API
 * (`GET /api/reports?ids=a,b`). `faults` breaks it in the ways real adapters could, so the suite's
 * self-test can show each case is able to fail.
 */
import DataLoader from 'dataloader';
import type { AgencyAdapter, AgencyDescriptor, AgencyLoaders, AdapterContext } from '#kit/contract.ts';
import { AdapterError } from '#kit/errors.ts';
import type { ReportRecord } from '#domain/records.ts';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';

export interface FakeFaults {
  /** Resolves null whatever went wrong upstream, hiding outages as "not found". */
  readonly swallowUpstreamErrors?: boolean;
  /** Reads through a POST without `idempotent: true`, so the kit may not retry it. */
  readonly nonIdempotentLookup?: boolean;
  /** Lets JSON.parse's SyntaxError escape instead of UPSTREAM_BAD_RESPONSE. */
  readonly rawParseErrors?: boolean;
  /** Puts the upstream body into its error messages. */
  readonly quoteBodyInErrors?: boolean;
}

const descriptor: AgencyDescriptor = { id: 'fake-json', kind: 'ASHG', name: 'Fake JSON agency', region: 'groningen' };

function createFakeAdapter(context: AdapterContext, faults: FakeFaults): AgencyAdapter {
  const owner = { agencyId: descriptor.id, kind: descriptor.kind, region: descriptor.region };
  const badResponse = (body: string, status: number) => new AdapterError('UPSTREAM_BAD_RESPONSE',
    faults.quoteBodyInErrors ? `fake-json sent ${body}` : 'fake-json sent an unreadable report list', { agency: descriptor.id, status });

  async function fetchReports(ids: readonly string[], signal: AbortSignal): Promise<readonly (ReportRecord | null)[]> {
    const response = faults.nonIdempotentLookup
      ? await context.http.request({ method: 'POST', path: '/api/reports/search', body: JSON.stringify({ ids }), signal })
      : await context.http.request({ method: 'GET', path: '/api/reports', query: { ids: ids.join(',') }, signal });
    if (response.status === 404) return ids.map(() => null);
    if (response.status !== 200) throw badResponse(response.body, response.status);
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch (error) {
      if (faults.rawParseErrors) throw error;
      throw badResponse(response.body, 200);
    }
    const list = (parsed as { reports?: unknown }).reports;
    if (!Array.isArray(list)) throw badResponse(response.body, 200);
    const byId = new Map(list.map((item: { id: string; narrative: string }) => [item.id, item]));
    return ids.map((id) => {
      const item = byId.get(id);
      return item ? toRecord(item.id, item.narrative) : null;
    });
  }

  function toRecord(id: string, narrative: string): ReportRecord {
    return {
      type: 'Report', owner, localId: id, householdLocalId: null, municipality: 'Groningen',
      receivedAt: null, channel: null, kind: null, reporter: null, violenceTypes: null, childInvolvement: null,
      narrative, restrictedInformation: null, urgency: null, safetyAssessment: null, phase: null, phaseCategory: null,
      receivingCareProvider: null,
    };
  }

  const none = <V>(value: V) => new DataLoader<string, V>(async (keys) => keys.map(() => value));
  return {
    descriptor,
    maxBatchSize: 10,
    createLoaders(scope): AgencyLoaders {
      const report = new DataLoader<string, ReportRecord | null>(async (ids) => {
        try {
          return await fetchReports(ids, scope.signal);
        } catch (error) {
          if (faults.swallowUpstreamErrors) return ids.map(() => null);
          throw error;
        }
      }, { maxBatchSize: 10 });
      return {
        report, householdsByBsn: none([]), household: none(null), childrenByHousehold: none([]), reportsByHousehold: none([]),
        referralsByHousehold: none([]), involvementByHousehold: none(null), referral: none(null),
      };
    },
    listHouseholds: async () => [],
    close: async () => undefined,
  };
}

export function createFakeJsonFixture(faults: FakeFaults = {}): AdapterContractFixture {
  const json = { 'content-type': 'application/json' };
  return {
    descriptor,
    baseUrl: 'http://fake-json.test',
    create: (context) => createFakeAdapter(context, faults),
    intercept: (scope) => faults.nonIdempotentLookup
      ? scope.post('/api/reports/search', { ids: ['R-1'] })
      : scope.get('/api/reports').query({ ids: 'R-1' }),
    lookup: (loaders) => loaders.report.load('R-1'),
    happy: {
      headers: json,
      body: JSON.stringify({ reports: [{ id: 'R-1', narrative: 'Melding over kind met BSN 900000302' }] }),
      expected: { type: 'Report', localId: 'R-1', owner: { agencyId: 'fake-json' } },
    },
    notFound: { status: 200, headers: json, body: '{"reports":[]}', expected: null },
    malformed: { headers: json, body: '{"reports":[{"id":"R-1","narrative":"Melding over kind met BSN 9000003' },
  };
}
