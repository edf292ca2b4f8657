/**
 * Shadow evaluation, through real HTTP: a draft covenant folder in which art. 5.1 of the Groningen
 * protocol (v2) no longer gives the ASHG the exact phase of the AMK's case is decided beside live
 * traffic. The responses are the same bytes with and without it (only the random decision id prefix
 * of each request differs); the shadow report counts what the draft would withhold, per coordinate,
 * viewer, owner and purpose, with decision ids explainDecision takes, in each officer's scope only.
 * Then a version not yet in force (v2, rehearsed in 2025 while v1 is in force): what it would release
 * of records the viewer is not shown at all, only the owner's officer learns, and only as counts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const COVENANTS = new URL('../../covenants/', import.meta.url).pathname;
const SECRETS = { KETENPOORT_ID_SECRET: 'shadow-test-id-secret-0123456789abcdef', KETENPOORT_PSEUDONYM_SECRET: 'shadow-test-pseudonym-secret-0123456789' };
const scenario1 = createWorld().households[0]!;
const bsn = scenario1.members[0]!.bsn;
const officer = (agencyId: string) => ({ agencyId, purpose: 'privacy-audit', role: 'privacy-officer' });
const REPORT = `{ shadowReport { configured draftFolder covenants { key change } since decisionsCompared decisionsNotCompared truncated
  differences { coordinate viewer { id } owner { id } purpose liveAllowShadowDeny liveDenyShadowAllow unshownRecords
    samples { decisionId live { effect reason agreement { key article } ruleId } shadow { effect reason agreement { key } ruleId failedCondition } } } } }`;

interface Difference {
  coordinate: string; viewer: { id: string }; owner: { id: string }; purpose: string; liveAllowShadowDeny: number; liveDenyShadowAllow: number; unshownRecords: number | null;
  samples: { decisionId: string; live: { effect: string; agreement: { key: string; article: string } | null }; shadow: { effect: string; reason: string } }[];
}
interface Report { configured: boolean; draftFolder: string | null; covenants: { key: string; change: string }[]; decisionsCompared: number; decisionsNotCompared: number; truncated: boolean; differences: Difference[] }

/** The requests driven through both gateways: caseworkers of three agencies, lookups and a listing. */
const TRAFFIC: { as: { agencyId: string; purpose: string }; query: string; variables?: Record<string, unknown> }[] = [
  { as: { agencyId: 'ashg-groningen', purpose: 'case-conference' }, query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id caseStatus { involvements { agency { id } phase phaseCategory careProvider } } reports { owner { id } narrative } } }', variables: { bsn } },
  { as: { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id children { name school } reports { owner { id } narrative violenceTypes } } }', variables: { bsn } },
  { as: { agencyId: 'ashg-groningen', purpose: 'case-conference' }, query: '{ households(municipality: "Groningen", first: 10) { edges { node { id caseStatus { involvements { agency { id } phase } } } } } }' },
  { as: { agencyId: 'wijkteam-groningen', purpose: 'neighbourhood-support' }, query: '{ households(municipality: "Groningen", first: 10) { edges { node { id caseStatus { involvements { agency { id } phaseCategory } } } } } }' },
];

async function post(url: string, gateway: TestGateway, as: { agencyId: string; purpose: string; role?: string }, query: string, variables?: Record<string, unknown>) {
  const jwt = await gateway.token({ agencyId: as.agencyId, role: as.role ?? 'caseworker', purposes: [as.purpose] });
  const response = await fetch(`${url}/graphql`, {
    method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'x-purpose': as.purpose, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** Decision ids are `dc_<16 random characters>.<counter>`: the counters must match, the prefix cannot. */
const samePrefix = (text: string): string => text.replaceAll(/dc_[A-Za-z0-9_-]{16}\./g, 'dc_<request>.');

describe('a draft covenant folder that changes one grant', () => {
  const draft = mkdtempSync(join(tmpdir(), 'ketenpoort-shadow-draft-'));
  let plain: TestGateway;
  let shadowed: TestGateway;
  let plainUrl: string;
  let shadowedUrl: string;

  beforeAll(async () => {
    cpSync(COVENANTS, draft, { recursive: true });
    const v2 = join(draft, 'groningen-ashg-amk.v2.yaml');
    const text = readFileSync(v2, 'utf8');
    const grant = '    coordinates: [category:case-outcome, category:involvement, category:involvement-detail]';
    expect(text).toContain(grant);
    // The one change: art. 5.1 keeps that the AMK is involved, but no longer its exact phase or care provider.
    writeFileSync(v2, text.replace(grant, '    coordinates: [category:case-outcome, category:involvement]'));
    const env = { ...SECRETS, PORT: '0' };
    [plain, shadowed] = await Promise.all([startTestGateway({ env }), startTestGateway({ env: { ...env, KETENPOORT_SHADOW_COVENANTS: draft } })]);
    [plainUrl, shadowedUrl] = await Promise.all([plain.gateway.listen(), shadowed.gateway.listen()]);
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), shadowed?.close()]);
    rmSync(draft, { recursive: true, force: true });
  });

  it('answers every request with the same bytes as the gateway without it', async () => {
    for (const { as, query, variables } of TRAFFIC) {
      const [without, withShadow] = [await post(plainUrl, plain, as, query, variables), await post(shadowedUrl, shadowed, as, query, variables)];
      expect(withShadow.status).toBe(200);
      expect(withShadow.contentType).toBe(without.contentType);
      expect(samePrefix(withShadow.text), query).toBe(samePrefix(without.text));
      expect(withShadow.text.length).toBe(without.text.length);
    }
    // The phase is released live, whatever the draft says.
    expect((await post(shadowedUrl, shadowed, TRAFFIC[0]!.as, TRAFFIC[0]!.query, TRAFFIC[0]!.variables)).text).toContain('"phase":"INVESTIGATION"');
  });

  it('reports what the draft would withhold, with decision ids of the trail, to the viewer\'s officer', async () => {
    await shadowed.gateway.services.shadow!.idle();
    const response = await post(shadowedUrl, shadowed, officer('ashg-groningen'), REPORT);
    const report = (JSON.parse(response.text) as { data: { shadowReport: Report } }).data.shadowReport;
    expect(report).toMatchObject({ configured: true, draftFolder: draft, covenants: [{ key: 'groningen-ashg-amk@2', change: 'CHANGED' }], truncated: false, decisionsNotCompared: 0 });
    expect(report.decisionsCompared).toBeGreaterThan(0);
    const phase = report.differences.find((difference) => difference.coordinate === 'Involvement.phase')!;
    expect(phase).toMatchObject({ viewer: { id: 'ashg-groningen' }, owner: { id: 'amk-groningen' }, purpose: 'case-conference', liveDenyShadowAllow: 0, unshownRecords: null });
    expect(phase.liveAllowShadowDeny).toBeGreaterThanOrEqual(3);
    expect(phase.samples.length).toBeGreaterThan(0);
    expect(phase.samples.length).toBeLessThanOrEqual(5);
    expect(phase.samples[0]).toMatchObject({ live: { effect: 'ALLOW', agreement: { key: 'groningen-ashg-amk@2', article: 'art. 5.1' } }, shadow: { effect: 'DENY', reason: 'NO_GRANT' } });
    // Only the grant that changed differs: that the AMK is involved, the draft still gives.
    expect(new Set(report.differences.map((difference) => difference.coordinate))).toEqual(new Set(['Involvement.phase', 'Involvement.careProvider']));
    // A sample is a decision of the trail: explainDecision (and replayDecision) take it.
    const explained = await post(shadowedUrl, shadowed, officer('ashg-groningen'), 'query($id: ID!) { explainDecision(id: $id) { effect coordinate agreement { key } } }', { id: phase.samples[0]!.decisionId });
    expect(JSON.parse(explained.text)).toEqual({ data: { explainDecision: { effect: 'ALLOW', coordinate: 'Involvement.phase', agreement: { key: 'groningen-ashg-amk@2' } } } });
  });

  it('gives the owner\'s officer the same rows, and an uninvolved agency\'s officer none', async () => {
    const asOwner = JSON.parse((await post(shadowedUrl, shadowed, officer('amk-groningen'), REPORT)).text) as { data: { shadowReport: Report } };
    const phase = asOwner.data.shadowReport.differences.find((difference) => difference.coordinate === 'Involvement.phase' && difference.viewer.id === 'ashg-groningen');
    expect(phase).toMatchObject({ owner: { id: 'amk-groningen' }, unshownRecords: 0 });
    // The BJZ was neither viewer nor owner of anything that differs (its records in the listings were compared: none differ).
    const asBjz = JSON.parse((await post(shadowedUrl, shadowed, officer('bjz-groningen'), REPORT)).text) as { data: { shadowReport: Report } };
    expect(asBjz.data.shadowReport).toMatchObject({ configured: true, differences: [] });
    // The BJZ made no request, and the listings' BJZ records were not shown to the ASHG or the wijkteam:
    // it owns them, so it is told they were compared; an agency that neither viewed nor owned anything is told nothing.
    const asRaad = JSON.parse((await post(shadowedUrl, shadowed, officer('raad-voor-de-kinderbescherming'), REPORT)).text) as { data: { shadowReport: Report } };
    expect(asRaad.data.shadowReport).toMatchObject({ configured: true, decisionsCompared: 0, decisionsNotCompared: 0, differences: [] });
    // The wijkteam's own requests were compared, and nothing differs for it.
    const asWijkteam = JSON.parse((await post(shadowedUrl, shadowed, officer('wijkteam-groningen'), REPORT)).text) as { data: { shadowReport: Report } };
    expect(asWijkteam.data.shadowReport.decisionsCompared).toBeGreaterThan(0);
    expect(asWijkteam.data.shadowReport.differences).toEqual([]);
  });

  it('says so where none is configured, and keeps the report from caseworkers', async () => {
    const none = JSON.parse((await post(plainUrl, plain, officer('ashg-groningen'), REPORT)).text) as { data: { shadowReport: Report } };
    expect(none.data.shadowReport).toMatchObject({ configured: false, covenants: [], decisionsCompared: 0, differences: [] });
    const caseworker = JSON.parse((await post(shadowedUrl, shadowed, { agencyId: 'ashg-groningen', purpose: 'privacy-audit' }, REPORT)).text) as { errors: { extensions: { code: string } }[] };
    expect(caseworker.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('logs nothing of the records it compared', () => {
    const lines = shadowed.logs.join('');
    expect(lines).toContain('shadow evaluation on');
    expect(lines).not.toContain(bsn);
    expect(lines).not.toContain('INVESTIGATION');
    expect(lines).not.toContain('shadow comparison failed');
  });
});

describe('a version not yet in force, rehearsed', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    // June 2025: version 1 is in force, version 2 (art. 5.1: the ASHG learns of the AMK's case) from 2026.
    gateway = await startTestGateway({ now: new Date('2025-06-02T10:00:00+02:00'), env: { ...SECRETS, KETENPOORT_SHADOW_COVENANTS: 'groningen-ashg-amk@2' } });
    const live = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' },
      'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { caseStatus { involvements { agency { id } phase } } } }', { bsn });
    expect(JSON.stringify(live.body.data)).not.toContain('amk-groningen');
    await gateway.gateway.services.shadow!.idle();
  });
  afterAll(async () => gateway?.close());

  it('tells the owner\'s officer, in counts, what it would release of records the viewer is not shown', async () => {
    const response = await gateway.query(officer('amk-groningen'), REPORT);
    const report = response.body.data?.shadowReport as Report;
    expect(report.covenants).toEqual([{ key: 'groningen-ashg-amk@2', change: 'REHEARSED' }]);
    const shown = report.differences.find((difference) => difference.coordinate === 'Involvement.agency' && difference.viewer.id === 'ashg-groningen');
    expect(shown).toMatchObject({ owner: { id: 'amk-groningen' }, liveAllowShadowDeny: 0, samples: [] });
    expect(shown!.liveDenyShadowAllow).toBeGreaterThan(0);
    expect(shown!.unshownRecords).toBe(shown!.liveDenyShadowAllow);
  });

  it('tells the viewer\'s officer nothing of records its agency was not shown', async () => {
    const response = await gateway.query(officer('ashg-groningen'), REPORT);
    const report = response.body.data?.shadowReport as Report;
    expect(report.differences.filter((difference) => difference.owner.id === 'amk-groningen')).toEqual([]);
  });
});
