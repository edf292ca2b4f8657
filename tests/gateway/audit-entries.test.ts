/**
 * auditEntries through HTTP, as a privacy officer pages it (issue "The trail, second edition", item
 * 4): every cursor the trail hands out continues after its entry and anything else is BAD_USER_INPUT,
 * never an internal error; the largest documented page with every field fits the cost limit.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '#src/audit/cursor.ts';
import { MAX_AUDIT_PAGE } from '#src/audit/store.ts';
import { loadConfig } from '#src/config/config.ts';
import { ITEM_COSTS } from '#src/gateway/plugins/measure-operation.ts';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'case-conference' };
const OFFICER = { agencyId: 'ashg-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };
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
interface Entry { seq: string }

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

async function trail<Node = Entry>(variables: Record<string, unknown>, selection = 'seq'): Promise<GraphQLResponse & { page: Page<Node> }> {
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
