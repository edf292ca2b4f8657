/**
 * A person's access request (AVG article 15) through HTTP: the AMK's and the ASHG's privacy officers each
 * get the entries about one BSN in their own scope only (viewer or owner), as subject and as a member a
 * household record names; the period's bounds hold; every proof checks against the anchor, a tampered
 * one does not; pages keep their anchor; the BSN is never echoed or logged; the request is itself entered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { fullProof, type ChainSegment, type ReportAnchor, type ReportProof } from '#src/audit/access-request.ts';
import { checkProof } from '#src/audit/proof.ts';
import { entry } from '../audit/entry-builder.ts';
import { startTestGateway, SCENARIO_NOW, type TestGateway } from '../support/test-gateway.ts';

const scenario1 = createWorld().households[0]!;
const child = scenario1.members.find((member) => member.role === 'CHILD')!;
const officer = (agencyId: string) => ({ agencyId, purpose: 'privacy-audit', role: 'privacy-officer' });
const DAY = 24 * 3600_000;
const FROM = new Date(SCENARIO_NOW.getTime() - DAY).toISOString();
const TO = new Date(SCENARIO_NOW.getTime() + DAY).toISOString();

const ACCESS_REQUEST = `query($bsn: String!, $from: DateTime!, $to: DateTime!, $anchorSeq: String, $first: Int, $after: String) {
  accessRequest(bsn: $bsn, from: $from, to: $to, anchorSeq: $anchorSeq, first: $first, after: $after) {
    subject organisation from to anchor { seq hash }
    counts { entries complete organisations organisationsThatSaw byOrganisation { agencyId entries entriesWithFieldsReleased } }
    edges { cursor node {
      seq requestSeq kind relation time endTime viewer { agencyId userId role responsibleUserId accessPoint } purpose processingActivity
      ownerAgencyId entityType entityId subjectType fieldsReleased fieldsWithheld outcome
      decisions { coordinate effect agreementKey article ruleId }
      proof { entrySeq entryDocument leafIndex treeSize path headerDocument prevHash requestSeq anchor { seq hash } }
    } }
    pageInfo { hasNextPage endCursor }
    chain { afterSeq headerDigests }
  }
}`;

interface Node {
  seq: string; requestSeq: string; kind: string; relation: string; time: string; viewer: { agencyId: string; role: string }; ownerAgencyId: string | null;
  entityType: string | null; fieldsReleased: string[]; decisions: { agreementKey: string | null; article: string | null; ruleId: string | null }[];
  proof: (Omit<ReportProof, 'entrySeq' | 'requestSeq'> & { entrySeq: string; requestSeq: string; anchor: { seq: string; hash: string } }) | null;
}
interface Report {
  subject: string; organisation: string; anchor: { seq: string; hash: string } | null;
  counts: { entries: number; complete: boolean; organisations: number; organisationsThatSaw: number; byOrganisation: { agencyId: string; entries: number }[] };
  edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; chain: { afterSeq: string; headerDigests: string[] } | null;
}

let gateway: TestGateway;

async function accessRequest(agencyId: string, variables: Record<string, unknown>): Promise<Report> {
  const response = await gateway.query(officer(agencyId), ACCESS_REQUEST, { from: FROM, to: TO, ...variables });
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.accessRequest as Report;
}

/** The proof of a node as proof.ts takes it: the page's chain put back in. */
function proofOf(node: Node, report: Report) {
  const { proof } = node;
  if (!proof || !report.chain || !report.anchor) throw new Error(`no proof of ${node.seq}`);
  const own: ReportProof = { ...proof, entrySeq: Number(proof.entrySeq), requestSeq: Number(proof.requestSeq) };
  const chain: ChainSegment = { afterSeq: Number(report.chain.afterSeq), headerDigests: report.chain.headerDigests };
  const anchor: ReportAnchor = { seq: Number(report.anchor.seq), hash: report.anchor.hash };
  return fullProof(own, chain, anchor);
}

beforeAll(async () => {
  gateway = await startTestGateway();
  const bsn = scenario1.members[0]!.bsn;
  // The AMK reads the household (its own records and, under the protocol, the ASHG's reports) and the children;
  // the ASHG reads its own reports and the case status (the AMK's involvement).
  for (const [as, query] of [
    [{ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id children { name school } reports { narrative owner { id } } } }'],
    [{ agencyId: 'ashg-groningen', purpose: 'case-conference' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { narrative } caseStatus { involvements { agency { id } phase } } } }'],
  ] as const) {
    const response = await gateway.query(as, query, { bsn });
    expect(response.body.errors).toBeUndefined();
  }
}, 60_000);
afterAll(async () => gateway?.close());

describe('the scope', () => {
  it('gives each organisation\'s officer only entries where it is viewer or owner, and they differ', async () => {
    const amk = await accessRequest('amk-groningen', { bsn: child.bsn, first: 100 });
    const ashg = await accessRequest('ashg-groningen', { bsn: child.bsn, first: 100 });
    for (const [agency, report] of [['amk-groningen', amk], ['ashg-groningen', ashg]] as const) {
      expect(report.organisation).toBe(agency);
      expect(report.edges.length).toBeGreaterThan(0);
      for (const { node } of report.edges) expect([node.viewer.agencyId, node.ownerAgencyId], node.seq).toContain(agency);
    }
    const seqs = (report: Report) => new Set(report.edges.map((edge) => edge.node.seq));
    // The AMK reading its own records is the AMK's to account for, not the ASHG's; and the other way round.
    expect([...seqs(amk)].some((seq) => !seqs(ashg).has(seq))).toBe(true);
    expect([...seqs(ashg)].some((seq) => !seqs(amk).has(seq))).toBe(true);
    // The ASHG's reports read by the AMK are in both.
    expect(amk.edges.some(({ node }) => node.viewer.agencyId === 'amk-groningen' && node.ownerAgencyId === 'ashg-groningen' && seqs(ashg).has(node.seq))).toBe(true);
  });

  it('finds the person as subject (the child\'s own record) and as a member a household record names', async () => {
    const report = await accessRequest('amk-groningen', { bsn: child.bsn, first: 100 });
    expect(report.subject).toBe(gateway.gateway.services.pseudonymize(child.bsn));
    const access = report.edges.map((edge) => edge.node).filter((node) => node.kind === 'ACCESS');
    const own = access.filter((node) => node.entityType === 'Child');
    expect(own.length).toBeGreaterThan(0);
    for (const node of own) expect(node.relation).toBe('SUBJECT');
    const reports = access.filter((node) => node.entityType === 'Report');
    expect(reports.map((node) => node.relation)).toContain('RELATED_SUBJECT');
    // Who, why and on which basis: the ASHG's report read by the AMK under the protocol.
    const read = reports.find((node) => node.ownerAgencyId === 'ashg-groningen' && node.fieldsReleased.includes('Report.narrative'))!;
    expect(read).toMatchObject({ viewer: { agencyId: 'amk-groningen', role: 'caseworker' }, time: SCENARIO_NOW.toISOString() });
    expect(read.decisions).toContainEqual(expect.objectContaining({ agreementKey: 'groningen-ashg-amk@2', article: 'art. 4.1' }));
    expect(report.counts.byOrganisation.map((count) => count.agencyId)).toEqual(expect.arrayContaining(['amk-groningen', 'ashg-groningen']));
    expect(report.counts).toMatchObject({ complete: true, organisations: report.counts.byOrganisation.length });
    expect(report.counts.entries).toBe(report.edges.length);
  });

  it('holds the period\'s bounds: from inclusive, to exclusive', async () => {
    const subject = gateway.gateway.services.pseudonymize(child.bsn);
    const at = (ms: number) => new Date(Date.parse('2026-12-01T00:00:00Z') + ms);
    await gateway.gateway.services.audit.append([-1, 0, DAY - 1, DAY].map((offset, index) => entry(900 + index, {
      time: at(offset), viewer: { agencyId: 'amk-groningen', userId: 'user-9', role: 'caseworker', responsibleUserId: null, accessPoint: null },
      owner: 'amk-groningen', entityType: 'Child', subject, subjectType: 'person',
    })));
    const report = await accessRequest('amk-groningen', { bsn: child.bsn, from: at(0).toISOString(), to: at(DAY).toISOString() });
    expect(report.edges.map((edge) => edge.node.time)).toEqual([at(0).toISOString(), at(DAY - 1).toISOString()]);
  });
});

describe('the proofs', () => {
  it('checks every entry against the anchor, and a tampered one fails', async () => {
    const report = await accessRequest('amk-groningen', { bsn: child.bsn, first: 100 });
    expect(report.anchor?.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const { node } of report.edges) expect(checkProof(proofOf(node, report)), node.seq).toEqual({ ok: true });
    const { node } = report.edges.find((edge) => edge.node.fieldsReleased.length > 0)!;
    const proof = proofOf(node, report);
    const forged = { ...proof, entryDocument: proof.entryDocument.replace('"fieldsReleased":[', '"fieldsReleased":["Report.reporter",') };
    expect(checkProof(forged)).toMatchObject({ ok: false });
    expect(checkProof({ ...proof, anchor: { ...proof.anchor, hash: '0'.repeat(64) } })).toMatchObject({ ok: false, reason: 'the chain does not lead to the anchor' });
  });

  it('keeps the anchor across pages while the trail grows, and proves against an anchor asked for', async () => {
    const first = await accessRequest('amk-groningen', { bsn: child.bsn, first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    // Other requests commit meanwhile (this one's own entry among them): the head moves on.
    await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id } }', { bsn: child.bsn });
    const second = await accessRequest('amk-groningen', { bsn: child.bsn, first: 2, after: first.pageInfo.endCursor });
    expect(second.anchor).toEqual(first.anchor);
    expect(Number(second.edges[0]!.node.seq)).toBeGreaterThan(Number(first.edges[1]!.node.seq));
    for (const { node } of second.edges) expect(checkProof(proofOf(node, second))).toEqual({ ok: true });
    // An edge's cursor continues after that edge.
    const resumed = await accessRequest('amk-groningen', { bsn: child.bsn, first: 1, after: first.edges[0]!.cursor });
    expect(resumed.edges[0]!.node.seq).toBe(first.edges[1]!.node.seq);

    const anchored = await accessRequest('amk-groningen', { bsn: child.bsn, first: 100, anchorSeq: first.anchor!.seq });
    expect(anchored.anchor).toEqual(first.anchor);
    const after = anchored.edges.filter(({ node }) => Number(node.requestSeq) > Number(first.anchor!.seq));
    expect(after.length).toBeGreaterThan(0);
    for (const { node } of after) expect(node.proof).toBeNull();
    for (const { node } of anchored.edges.filter((edge) => edge.node.proof)) expect(checkProof(proofOf(node, anchored))).toEqual({ ok: true });
  });

  it('refuses an anchor the trail does not hold, and a foreign cursor', async () => {
    for (const variables of [{ anchorSeq: '999999' }, { after: 'c2VxOjE' }, { from: TO, to: FROM }, { first: 101 }]) {
      const response = await gateway.query(officer('amk-groningen'), ACCESS_REQUEST, { from: FROM, to: TO, bsn: child.bsn, ...variables });
      expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('the person', () => {
  it('is never echoed nor logged, and a bad BSN is refused without it', async () => {
    const response = await gateway.query(officer('ashg-groningen'), ACCESS_REQUEST, { bsn: child.bsn, from: FROM, to: TO });
    expect(JSON.stringify(response.body)).not.toContain(child.bsn);
    const wrong = `${child.bsn.slice(0, 8)}${(Number(child.bsn[8]) + 1) % 10}`;
    const refused = await gateway.query(officer('ashg-groningen'), ACCESS_REQUEST, { bsn: wrong, from: FROM, to: TO });
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(refused.body)).not.toContain(wrong);
    expect(gateway.logs.join('\n')).not.toContain(child.bsn);
    expect(gateway.logs.join('\n')).not.toContain(wrong);
  });

  it('enters the request in the trail, under the person\'s pseudonym', async () => {
    const report = await accessRequest('ashg-groningen', { bsn: child.bsn });
    const trail = await gateway.query(officer('ashg-groningen'), `query($bsn: String!) { auditEntries(filter: { subjectBsn: $bsn, kind: AUDIT_QUERY }, first: 500) {
      edges { node { subject viewer { agencyId role } searchTerms { name value } } } } }`, { bsn: child.bsn });
    const entries = (trail.body.data?.auditEntries as { edges: { node: { subject: string; searchTerms: { name: string; value: string }[] } }[] }).edges.map((edge) => edge.node);
    const requests = entries.filter((node) => node.searchTerms.some((term) => term.name === 'report' && term.value === 'access-request'));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.at(-1)).toMatchObject({ subject: report.subject, viewer: { agencyId: 'ashg-groningen', role: 'privacy-officer' } });
    expect(requests.at(-1)!.searchTerms).toEqual(expect.arrayContaining([{ name: 'scope', value: 'ashg-groningen' }, { name: 'subject', value: report.subject }]));
    // A later report of the same person shows the earlier one.
    const later = await accessRequest('ashg-groningen', { bsn: child.bsn, first: 100 });
    expect(later.edges.some(({ node }) => node.kind === 'AUDIT_QUERY' && node.viewer.role === 'privacy-officer')).toBe(true);
  });

  it('is the officers\' only: a caseworker\'s schema has no such query, an officer needs privacy-audit', async () => {
    const caseworker = await gateway.query({ agencyId: 'amk-groningen', purpose: 'privacy-audit', role: 'caseworker' }, ACCESS_REQUEST, { bsn: child.bsn, from: FROM, to: TO });
    expect(caseworker.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const purpose = await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment', role: 'privacy-officer' }, ACCESS_REQUEST, { bsn: child.bsn, from: FROM, to: TO });
    expect(purpose.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
