/**
 * auditEntries through HTTP, as a privacy officer pages and filters it (issue "The trail, second
 * edition", item 4): every cursor the trail hands out continues after its entry and anything else is
 * BAD_USER_INPUT, never an internal error; the largest documented page with every field fits the cost
 * limit; the trail is filtered by trace, operation and record.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '#src/audit/cursor.ts';
import { MAX_AUDIT_PAGE } from '#src/audit/store.ts';
import { loadConfig } from '#src/config/config.ts';
import { ITEM_COSTS } from '#src/gateway/plugins/measure-operation.ts';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'case-conference' };
const OFFICER = { agencyId: 'ashg-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };
const scenario1 = createWorld().households[0]!;
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/** Every field of a type, objects opened all the way down: the full selection the console could ask. */
function everyField(type: GraphQLObjectType): string {
  return Object.values(type.getFields()).map((field) => {
    const named = getNamedType(field.type);
    return isObjectType(named) ? `${field.name} { ${everyField(named)} }` : field.name;
  }).join(' ');
}
const FULL_ENTRY = everyField(schema.getType('AuditEntry') as GraphQLObjectType);
const TRAIL = (selection: string) => `query($filter: AuditEntryFilter, $first: Int, $after: String) {
  auditEntries(filter: $filter, first: $first, after: $after) { edges { cursor node { ${selection} } } pageInfo { hasNextPage endCursor } } }`;

interface Page<Node> { edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
interface Entry { seq: string; kind: string; entityType: string | null; entityId: string | null; subject: string | null; operationId: string; traceId: string; searchTerms: { name: string; value: string }[] | null }

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ env: { KETENPOORT_NOT_FOUND_FLOOR_MS: '0' } });
  // Enough reads for more than one page of the largest size in the ASHG's scope.
  const query = '{ households(region: "groningen", first: 40) { edges { node { id municipality members { id name } children { id name } reports { id phase } } } } }';
  for (let round = 0; round < 4; round++) expect((await gateway.query(ASHG, query)).body.errors).toBeUndefined();
  const trail = await gateway.gateway.services.audit.query({ scopeAgencyId: ASHG.agencyId }, { first: MAX_AUDIT_PAGE });
  expect(trail.hasNextPage).toBe(true);
}, 120_000);
afterAll(async () => gateway?.close());

async function trail<Node = Entry>(variables: Record<string, unknown>, selection = 'seq kind entityType entityId subject operationId traceId searchTerms { name value }'): Promise<GraphQLResponse & { page: Page<Node> }> {
  const response = await gateway.query(OFFICER, TRAIL(selection), variables);
  return { ...response, page: response.body.data?.auditEntries as Page<Node> };
}
const seqs = (page: Page<Entry>) => page.edges.map((edge) => edge.node.seq);

describe('cursors', () => {
  it('hands out edge cursors of the same opaque form as endCursor, and the last edge\'s is endCursor', async () => {
    const { page } = await trail({ first: 20 });
    for (const edge of page.edges) expect(edge.cursor).toBe(encodeCursor(Number(edge.node.seq)));
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
  });

  it.each([0, 7, 18])('continues after the entry of edge %i', async (index) => {
    const { page } = await trail({ first: 30 });
    const next = await trail({ first: 5, after: page.edges[index]!.cursor });
    expect(next.body.errors).toBeUndefined();
    expect(seqs(next.page)).toEqual(seqs(page).slice(index + 1, index + 6));
  });

  it('walks the trail by endCursor without a gap or a repeat', async () => {
    const { page: whole } = await trail({ first: 60 });
    const walked: string[] = [];
    let after: string | null = null;
    while (walked.length < 60) {
      const { page }: { page: Page<Entry> } = await trail({ first: 7, ...(after ? { after } : {}) });
      walked.push(...seqs(page));
      after = page.pageInfo.endCursor;
    }
    expect(walked.slice(0, 60)).toEqual(seqs(whole));
  });

  it('answers a cursor past the end with an empty last page', async () => {
    const { body, page } = await trail({ first: 5, after: encodeCursor(999_999_999_999_999) });
    expect(body.errors).toBeUndefined();
    expect(page).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  it.each([
    ['malformed', 'garbage!!'],
    ['empty', ''],
    ['the old edge cursor, a bare seq', '17'],
    ['base64 of garbage', b64('hello, trail')],
    ['negative', b64('seq:-1')],
    ['huge', b64(`seq:${'9'.repeat(40)}`)],
    ['not a number', b64('seq:1e3')],
    ['zero-padded', b64('seq:0017')],
    ['a good cursor with stray characters', `${encodeCursor(17)}!!`],
  ])('refuses a %s cursor as BAD_USER_INPUT', async (_name, after) => {
    const { status, body } = await trail({ first: 5, after });
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('page size and cost', () => {
  it('documents the page size and the entry cost the cost limit agrees with', () => {
    const description = schema.getQueryType()!.getFields().auditEntries!.description!;
    const perEntry = ITEM_COSTS['Query.auditEntries']!;
    expect(description).toContain(`1 to ${MAX_AUDIT_PAGE}`);
    expect(description).toContain(`counts ${perEntry} towards`);
    expect(description).toContain(String(loadConfig({}).limits.maxCost));
    expect(1 + MAX_AUDIT_PAGE * perEntry).toBeLessThanOrEqual(loadConfig({}).limits.maxCost);
  });

  it.each([MAX_AUDIT_PAGE, 200])('serves a page of %i with every field of every entry', async (first) => {
    const { status, body, page } = await trail({ first }, FULL_ENTRY);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(page.edges).toHaveLength(first);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.edges.some((edge) => (edge.node as unknown as { decisions: unknown[] }).decisions.length > 0)).toBe(true);
  }, 60_000);

  it('still refuses two such pages in one operation as too costly', async () => {
    const page = `auditEntries(first: ${MAX_AUDIT_PAGE}) { edges { node { ${FULL_ENTRY} } } }`;
    const response = await gateway.query(OFFICER, `{ a: ${page} b: ${page} }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('refuses a page past the documented size as BAD_USER_INPUT', async () => {
    const { body } = await trail({ first: MAX_AUDIT_PAGE + 1 });
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('filters', () => {
  const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
  let operationId: string;
  let household: { id: string; members: { id: string; bsn: string }[]; reports: { id: string }[] };

  beforeAll(async () => {
    const jwt = await gateway.token({ agencyId: ASHG.agencyId, role: 'caseworker', purposes: [ASHG.purpose] });
    const response = await gateway.raw({ authorization: `Bearer ${jwt}`, 'x-purpose': ASHG.purpose, traceparent: `00-${TRACE}-00f067aa0ba902b7-01` },
      { query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id members { id bsn } reports { id phase } } }', variables: { bsn: scenario1.members[0]!.bsn } });
    expect(response.body.errors).toBeUndefined();
    operationId = String(response.headers['x-request-id']);
    household = (response.body.data?.householdsOfPerson as (typeof household)[])[0]!;
  });

  const recordPseudonym = (kind: 'household' | 'member' | 'report', id: string) =>
    gateway.gateway.services.entityPseudonym(gateway.gateway.services.ids.of(ASHG.agencyId).take(kind, id)!);

  it('finds the entries of one request by its operation id (the X-Request-Id it was answered with)', async () => {
    const { body, page } = await trail({ first: 100, filter: { operationId } });
    expect(body.errors).toBeUndefined();
    expect(page.edges.length).toBeGreaterThan(1);
    for (const { node } of page.edges) expect(node.operationId).toBe(operationId);
    expect(page.edges.map((edge) => edge.node.kind)).toContain('SEARCH');
    const stored = await gateway.gateway.services.audit.query({ operationId }, { first: 100 });
    // The read told the owner of the records (docs/notifications.md): that notice's entry is the owner's
    // (its viewer and owner), in the trail under this request but outside this officer's scope.
    const notices = stored.entries.filter((entry) => entry.kind === 'notification');
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) expect(notice.viewer.agencyId).not.toBe(OFFICER.agencyId);
    expect(seqs(page)).toEqual(stored.entries.filter((entry) => entry.kind !== 'notification').map((entry) => String(entry.seq)));
  });

  it('finds the entries of one trace by its trace id, in either case', async () => {
    const lower = await trail({ first: 100, filter: { traceId: TRACE } });
    expect(lower.page.edges.length).toBeGreaterThan(1);
    for (const { node } of lower.page.edges) expect(node.traceId).toBe(TRACE);
    expect(seqs((await trail({ first: 100, filter: { traceId: TRACE.toUpperCase() } })).page)).toEqual(seqs(lower.page));
  });

  it.each([['traceId', 'not-a-trace'], ['traceId', '0'.repeat(31)], ['operationId', 'op-1'], ['operationId', '123456782']])('refuses a malformed %s as BAD_USER_INPUT', async (name, value) => {
    const { body } = await trail({ first: 5, filter: { [name]: value } });
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  // A BSN-shaped value went into the read's own entry, which the trail refuses: 503 AUDIT_UNAVAILABLE.
  it.each([['viewerAgencyId', '123456782'], ['ownerAgencyId', 'nobody'], ['agreementKey', '123456782@1'], ['subjectPseudonym', '123456782']])(
    'refuses a %s the gateway does not know as BAD_USER_INPUT, never as an unavailable trail', async (name, value) => {
      const { status, body } = await trail({ first: 5, filter: { [name]: value } });
      expect(status).toBe(200);
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });

  it('still filters by the agencies and agreements it knows', async () => {
    const byViewer = await trail({ first: 20, filter: { viewerAgencyId: ASHG.agencyId, kind: 'ACCESS' } });
    expect(byViewer.page.edges.length).toBeGreaterThan(0);
    const key = gateway.gateway.services.covenants[0]!.key;
    expect((await trail({ first: 5, filter: { agreementKey: key } })).body.errors).toBeUndefined();
  });

  it("finds a record's entries by the officer's own organisation's id of it, and by its pe_ pseudonym", async () => {
    const pseudonym = recordPseudonym('household', household.id);
    const byId = await trail({ first: 100, filter: { entityId: household.id } });
    expect(byId.body.errors).toBeUndefined();
    expect(byId.page.edges.length).toBeGreaterThan(0);
    for (const { node } of byId.page.edges) {
      expect(node.entityId).toBe(pseudonym);
      expect(['Household', 'Involvement']).toContain(node.entityType);
    }
    expect(seqs((await trail({ first: 100, filter: { entityId: pseudonym } })).page)).toEqual(seqs(byId.page));
  });

  it('finds a member by its member id, and a report by its report id', async () => {
    const member = household.members.find((candidate) => candidate.bsn === scenario1.members[0]!.bsn)!;
    const members = await trail({ first: 100, filter: { entityId: member.id } });
    expect(members.page.edges.length).toBeGreaterThan(0);
    for (const { node } of members.page.edges) {
      expect(node).toMatchObject({ entityType: 'HouseholdMember', entityId: recordPseudonym('member', member.id), subject: gateway.gateway.services.pseudonymize(member.bsn) });
    }
    const report = household.reports[0]!;
    const reports = await trail({ first: 100, filter: { entityId: report.id, operationId } });
    expect(reports.page.edges.map((edge) => [edge.node.entityType, edge.node.entityId])).toEqual([['Report', recordPseudonym('report', report.id)]]);
  });

  it("gives an empty page, no error, for another organisation's id of the record and for a forged id", async () => {
    const recordId = gateway.gateway.services.ids.of(ASHG.agencyId).take('household', household.id)!;
    const amkId = gateway.gateway.services.ids.of('amk-groningen').show(recordId)!;
    const forged = `hh_${Buffer.from('y'.repeat(48)).toString('base64url')}`;
    for (const entityId of [amkId, forged, 'pe_AAAAAAAAAAAAAAAAAAAAAA', 'anything']) {
      const { body, page } = await trail({ first: 10, filter: { entityId } });
      expect(body.errors).toBeUndefined();
      expect(page).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    }
  });

  it('enters the reading of the trail with the record by pseudonym, never by the id the officer gave', async () => {
    await trail({ first: 1, filter: { entityId: household.id } });
    const reads = await trail({ first: 500, filter: { kind: 'AUDIT_QUERY' } });
    const terms = reads.page.edges.map((edge) => edge.node.searchTerms ?? []).filter((list) => list.some((term) => term.name === 'entityId'));
    expect(terms.length).toBeGreaterThan(0);
    for (const list of terms) expect(list.find((term) => term.name === 'entityId')?.value).toMatch(/^pe_|^no record/);
    expect(JSON.stringify(reads.page)).not.toContain(household.id);
  });
});
