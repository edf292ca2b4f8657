/**
 * The agreements timeline's and the rehearsal view's operations (src/web/assets/timeline-queries.js,
 * rehearsal-queries.js), run as a privacy officer against the whole gateway in-process: each validates
 * and stays within the query limits, with and without a shadow policy; and the timeline's pure model
 * (timeline-model.js) draws what the policy engine counts: renewal until superseded, the merger's day.
 */
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

type Agreement = {
  id: string; version: number; key: string; title: string; validFrom: string; validTo: string | null; tacitRenewal: boolean; renewalPeriodMonths: number | null;
  supersedes: string | null; supersededBy: string | null; supersededFrom: string | null; inForce: boolean;
};
type Organisation = { id: string; name: string; kind: string; validFrom: string | null; validTo: string | null; successor: { id: string; name: string } | null };
interface Model {
  versionSpan(agreement: Agreement): { from: string; to: string | null; renewal: { from: string; to: string | null } | null; text: string };
  successions(organisations: Organisation[]): { successor: { id: string }; predecessors: { id: string }[]; day: string; text: string }[];
}

// The console's browser modules, read at run time (they are plain JavaScript outside the type-checked sources).
const queries = (await import(pathToFileURL('src/web/assets/queries.js').href)) as Record<'TIMELINE_QUERY' | 'SHADOW_REPORT_QUERY' | 'REPLAY_QUERY', string>;
const model = (await import(pathToFileURL('src/web/assets/timeline-model.js').href)) as Model;
const OFFICER = { agencyId: 'ashg-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };
const NOW = new Date('2027-02-15T10:00:00+01:00');

describe.each([
  ['without a shadow policy', {}],
  ['rehearsing version 3', { KETENPOORT_SHADOW_COVENANTS: 'groningen-ashg-amk@3' }],
])('%s', (_name, env) => {
  let gateway: TestGateway;
  beforeAll(async () => { gateway = await startTestGateway({ now: NOW, env }); });
  afterAll(async () => gateway?.close());

  it('runs every operation of the timeline and the rehearsal view', async () => {
    for (const [query, variables] of [[queries.TIMELINE_QUERY, {}], [queries.SHADOW_REPORT_QUERY, {}], [queries.REPLAY_QUERY, { id: 'no-such-decision', version: 'groningen-ashg-amk@1' }]] as const) {
      const response = await gateway.query(OFFICER, query, variables);
      expect({ query: query.slice(0, 40), status: response.status, errors: response.body.errors ?? [] }).toEqual({ query: query.slice(0, 40), status: 200, errors: [] });
    }
    const report = (await gateway.query(OFFICER, queries.SHADOW_REPORT_QUERY)).body.data!.shadowReport as { configured: boolean; covenants: { key: string }[] };
    expect(report.configured).toBe('KETENPOORT_SHADOW_COVENANTS' in env);
  });

  it('draws the timeline from what the gateway counts', async () => {
    const { agreements, agencies } = (await gateway.query(OFFICER, queries.TIMELINE_QUERY)).body.data as { agreements: Agreement[]; agencies: Organisation[] };
    const span = (key: string) => model.versionSpan(agreements.find((agreement) => agreement.key === key)!);
    expect(span('groningen-ashg-amk@1')).toMatchObject({ from: '2019-01-01', to: '2025-12-31', renewal: null });
    // Renewed tacitly after 2026, until version 3 supersedes it; in force on 15 February 2027.
    expect(span('groningen-ashg-amk@2')).toMatchObject({ from: '2026-01-01', to: '2026-12-31', renewal: { from: '2027-01-01', to: '2027-02-28' } });
    expect(span('groningen-ashg-amk@2').text).toContain('in force today');
    expect(span('groningen-ashg-amk@3')).toMatchObject({ from: '2027-03-01', to: '2028-12-31', renewal: { from: '2029-01-01', to: null } });
    expect(span('vroegsignalering-0-18@1')).toMatchObject({ to: null, renewal: null });
    // casusoverleg-groningen@1 ends before its own validTo: version 2 supersedes it on 16 November 2026.
    expect(span('casusoverleg-groningen@1')).toMatchObject({ from: '2026-11-01', to: '2026-11-15', renewal: null });
    const drenthe = model.successions(agencies).find((lane) => lane.successor.id === 'veilig-thuis-drenthe')!;
    expect(drenthe.day).toBe('2015-01-01');
    expect(drenthe.predecessors.map((organisation) => organisation.id).sort()).toEqual(['amk-drenthe', 'ashg-drenthe']);
  });
});
