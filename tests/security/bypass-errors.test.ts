/**
 * Regression suite, error messages: bad ids, wrong variable types, invalid filter values, refused
 * limits, upstream agencies that fail or answer garbage. Whatever goes wrong, an error carries a code
 * and a message that holds no record value at all (not even one the caller may read elsewhere), and
 * the rest of the body nothing the policy withholds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_ERROR_CODES } from '#domain/errors.ts';
import type { GraphQLResponse } from '../support/test-gateway.ts';
import { CALLER, own, S2, S5, startBypass, type Bypass } from './support/bypass-fixtures.ts';
import { createNeedleIndex, findLeaks } from './support/leak-scan.ts';
import { caseOf, expectAll, expectNone, forgeId, harvestIds, reporterNeedles, text } from './support/scenario-values.ts';
import { AGENCIES } from './support/security-gateway.ts';

const KNOWN_CODES = new Set<string>(GATEWAY_ERROR_CODES);
const reporterOfS5 = reporterNeedles(caseOf(S5, AGENCIES.ashg));

/** Errors present, each with a known code, and not one world value in any of them. */
function expectCleanErrors(bypass: Bypass, response: GraphQLResponse, codes?: readonly string[]): void {
  const errors = response.body.errors ?? [];
  expect(errors.length, JSON.stringify(response.body)).toBeGreaterThan(0);
  for (const error of errors) expect(KNOWN_CODES.has(String(error.extensions?.code)), error.message).toBe(true);
  if (codes) expect(errors.map((error) => error.extensions?.code)).toEqual(expect.arrayContaining([...codes]));
  const everything = createNeedleIndex([...bypass.oracle.values.values()].map(({ value, kind }) => ({ value, kind })));
  expect(findLeaks(errors, everything).leaks).toEqual([]);
}

describe('with every agency answering', () => {
  let bypass: Bypass;
  beforeAll(async () => { bypass = await startBypass(); });
  afterAll(async () => bypass?.close());

  it('bad ids (forged, of another kind, of nothing) answer null and tell nothing', async () => {
    const ids = await harvestIds(bypass.gateway, AGENCIES.ashg, S5);
    const query = `{
      forged: report(id: "${forgeId(ids.reports[0]!)}") { narrative }
      referralAsReport: report(id: "${ids.referrals[0]}") { narrative }
      householdAsChild: child(id: "${ids.household}") { name }
      reportAsHousehold: household(id: "${ids.reports[0]}") { id }
      reportAsCaseStatus: caseStatus(householdId: "${ids.reports[0]}") { involvements { phase } }
      garbage: referral(id: "rf_${'x'.repeat(600)}") { reason }
      empty: household(id: "") { id }
    }`;
    for (const caller of [CALLER.amk, own(AGENCIES.ashg)]) {
      const response = await bypass.ask(caller, query);
      expect(response.body.errors).toBeUndefined();
      expect(Object.values(response.body.data ?? {}).every((value) => value === null)).toBe(true);
    }
  });

  it.each([
    { name: 'a number for a BSN', query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id } }', variables: { bsn: 123456782 } },
    { name: 'a list for an id', query: 'query($id: ID!) { report(id: $id) { narrative } }', variables: { id: ['rp_x', 'rp_y'] } },
    { name: 'text for a page size', query: 'query($first: Int) { households(municipality: "Westerkwartier", first: $first) { edges { node { id } } } }', variables: { first: 'ten' } },
    { name: 'an unknown violence type', query: 'query($bsn: String!, $filter: ReportFilter) { householdsOfPerson(bsn: $bsn) { reports(filter: $filter) { narrative } } }', variables: { bsn: S5.members[0]!.bsn, filter: { violenceType: 'physical' } } },
    { name: 'a date-time that is none', query: 'query($bsn: String!, $after: DateTime) { householdsOfPerson(bsn: $bsn) { reports(filter: { receivedAfter: $after }) { narrative } } }', variables: { bsn: S5.members[0]!.bsn, after: 'yesterday' } },
    { name: 'a missing required variable', query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { narrative } } }', variables: {} },
  ])('wrong variable types are refused with messages that carry no record values: $name', async ({ query, variables }) => {
    for (const caller of [CALLER.amk, own(AGENCIES.ashg)]) {
      const response = await bypass.ask(caller, query, variables);
      expectCleanErrors(bypass, response);
      expect(response.body.data ?? null).toBeNull();
    }
  });

  it.each([
    '(filter: { violenceType: NARRATIVE })',
    '(filter: { receivedAfter: "yesterday" })',
    '(filter: { receivedAfter: "2026-13-45T00:00:00Z" })',
    '(filter: { phaseCategory: 5 })',
    '(orderBy: NAME)',
    '(filter: { narrative: "Kind" })',
  ])('invalid filter values are refused with messages that carry no record values: reports%s', async (args) => {
    for (const caller of [CALLER.amk, own(AGENCIES.ashg)]) {
      const response = await bypass.ask(caller, `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports${args} { narrative reporter { name } } } }`, { bsn: S5.members[0]!.bsn });
      expectCleanErrors(bypass, response);
      expect(response.body.data ?? null).toBeNull();
    }
  });

  it('an error beside released data: the message holds none of it, the rest withholds what it must (scenario 5 as the AMK)', async () => {
    const query = `query($bsn: String!) {
      ok: householdsOfPerson(bsn: $bsn) { reports { narrative reporter { name phone } restrictedInformation } }
      explained: explainDecision(id: "dc_unknown") { coordinate }
      explainedAccess: explainAccess(input: { viewerAgencyId: "amk-groningen", purpose: "child-abuse-assessment", coordinate: "Reporter.name", recordId: "rp_x" }) { effect }
    }`;
    // An AMK privacy officer at casework: the explain queries are in its schema, and refused for the purpose.
    const response = await bypass.ask({ ...CALLER.amk, role: 'privacy-officer' }, query, { bsn: S5.members[0]!.bsn });
    expectCleanErrors(bypass, response, ['FORBIDDEN']);
    expectAll(response, text(caseOf(S5, AGENCIES.ashg).reports[0]!.narrative));
    expectNone(response, reporterOfS5);
    // A caseworker's schema has no explain queries: the whole document fails validation, and releases nothing.
    const caseworker = await bypass.ask(CALLER.amk, query, { bsn: S5.members[0]!.bsn });
    expect(caseworker.status).toBe(400);
    expectCleanErrors(bypass, caseworker, ['GRAPHQL_VALIDATION_FAILED']);
    expect(caseworker.body.data ?? null).toBeNull();
    expectNone(caseworker, [...reporterOfS5, ...text(caseOf(S5, AGENCIES.ashg).reports[0]!.narrative)]);
  });

  it('an argument error on a non-null root nulls the whole answer and tells nothing', async () => {
    const query = `query($bsn: String!) {
      ok: householdsOfPerson(bsn: $bsn) { reports { narrative reporter { name phone } restrictedInformation } }
      both: households(municipality: "Westerkwartier", region: "groningen") { edges { node { id } } }
      badBsn: householdsOfPerson(bsn: "123") { id }
    }`;
    for (const caller of [CALLER.amk, own(AGENCIES.ashg)]) {
      const response = await bypass.ask(caller, query, { bsn: S5.members[0]!.bsn });
      expectCleanErrors(bypass, response, ['BAD_USER_INPUT']);
      expect(response.body.data ?? null).toBeNull();
    }
  });

  it('refused limits (depth, aliases, tokens) tell nothing', async () => {
    let deep = 'id';
    for (let level = 0; level < 7; level++) deep = `children { household { ${deep} } }`;
    const queries = {
      QUERY_TOO_DEEP: `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { narrative } ${deep} } }`,
      TOO_MANY_ALIASES: `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { ${Array.from({ length: 40 }, (_unused, i) => `n${i}: reports { narrative reporter { name } }`).join(' ')} } }`,
      TOO_MANY_TOKENS: `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { ${'narrative '.repeat(3500)} } } }`,
    };
    for (const [code, query] of Object.entries(queries)) {
      const response = await bypass.ask(CALLER.amk, query, { bsn: S5.members[0]!.bsn });
      expectCleanErrors(bypass, response, [code]);
      expect(response.body.data ?? null, code).toBeNull();
    }
  });
});

describe('with an agency that fails', () => {
  let bypass: Bypass;
  beforeAll(async () => {
    bypass = await startBypass({
      // Quick failures, and no breaker memory from one knob to the next.
      configure: (config) => ({
        ...config,
        agencies: config.agencies.map((agency) => (agency.upstream
          ? { ...agency, upstream: { ...agency.upstream, resilience: { timeoutMs: 300, retries: 1, backoffBaseMs: 5, backoffMaxMs: 20, breakerThreshold: 1000 } } }
          : agency)),
      }),
    });
  });
  afterAll(async () => bypass?.close());

  const amkFileOfS2 = text(caseOf(S2, AGENCIES.amk).reports[0]!.narrative, caseOf(S2, AGENCIES.amk).children[0]!.school, caseOf(S2, AGENCIES.amk).children[0]!.situation);
  const query = `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { members { name } children { school situation }
    reports { narrative reporter { name } } caseStatus { involvements { agency { id } phase } } } }`;

  it.each([{ errorRate: 1 }, { malformedRate: 1 }])('the error names the agency and holds none of its values (AMK knobs %o, scenario 2)', async (knobs) => {
    const mock = bypass.gateway.test.mocks.get(AGENCIES.amk)!;
    mock.setKnobs(knobs);
    try {
      for (const caller of [CALLER.ashg, own(AGENCIES.amk), own(AGENCIES.ashg)]) {
        const response = await bypass.ask(caller, query, { bsn: S2.members[0]!.bsn });
        expectCleanErrors(bypass, response);
        expect(response.body.errors?.some((error) => error.extensions?.agency === AGENCIES.amk)).toBe(true);
        expectNone(response, amkFileOfS2);
      }
    } finally {
      mock.setKnobs({});
    }
    // With the AMK back, its owner reads its file through the same query.
    expectAll(await bypass.ask(own(AGENCIES.amk), query, { bsn: S2.members[0]!.bsn }), amkFileOfS2);
  });
});
