/**
 * The trail is exact end to end (issue "The trail, second edition", item 4): every entry of a request is
 * about a record whose data the response holds (released) or shows redacted (withheld); each member and
 * child in the response has its own PERSON entry with its own fields; no entry for a household the
 * response does not hold: not for the households past a page, nor for a lookup that finds nothing or
 * finds what the viewer may not see. (On the old main such lookups left "withheld" household entries
 * that named nothing.)
 */
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import { writeTestCovenants, type TestCovenants } from '../security/support/test-covenants.ts';
import { patientUpstreams, probeTrail, type TrailProbe, type TrailRequest } from '../security/support/trail-probe.ts';

const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const ASHG = { agencyId: 'ashg-groningen', purpose: 'case-conference' };
const world = createWorld();
const [scenario1, scenario2, , scenario4, , scenario6] = world.households;
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const HOUSEHOLD = `id municipality hasMinors address { street city } members { id name birthDate role } children { id name school situation }
  reports { id narrative violenceTypes reporter { name } childInvolvement { role child { name } } } referrals { id reason status }
  caseStatus { involvements { phase contact { name } } }`;

let gateway: TestGateway;
beforeAll(async () => { gateway = await startTestGateway({ env: { KETENPOORT_NOT_FOUND_FLOOR_MS: '0' }, configure: patientUpstreams }); });
afterAll(async () => gateway?.close());

async function probe(as: typeof AMK, request: TrailRequest): Promise<TrailProbe> {
  const result = await probeTrail(gateway, schema, as.agencyId, (sent) => gateway.query(as, sent.query, sent.variables), request);
  expect(result.response.body.errors).toBeUndefined();
  expect(result.check.violations).toEqual([]);
  return result;
}

/** The household ids of a viewer as the gateway's record ids. */
async function recordIdOf(as: typeof AMK, bsn: string): Promise<string> {
  const response = await gateway.query(as, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id } }', { bsn });
  const [found] = response.body.data?.householdsOfPerson as { id: string }[];
  return gateway.gateway.services.ids.of(as.agencyId).take('household', found!.id)!;
}

describe('a page of households', () => {
  const page = (where: string) => `query($after: String) { households(${where}, first: 2, after: $after) {
    edges { node { ${HOUSEHOLD} } } pageInfo { hasNextPage endCursor } } }`;

  it.each([
    ['the ASHG', ASHG, 'municipality: "Groningen"'], ['the AMK', AMK, 'region: "groningen"'],
  ])('as %s, enters the households on the page and nothing of the ones after it', async (_name, as, where) => {
    const first = await probe(as, { query: page(where) });
    const connection = first.response.body.data?.households as { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(connection.edges).toHaveLength(2);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    const households = new Set(first.shown.filter((record) => record.typeName === 'Household').map((record) => record.identity.entityId));
    expect(households.size).toBe(2);
    const entered = new Set(first.entries.filter((entry) => entry.entityType === 'Household' || entry.entityType === 'Involvement').map((entry) => entry.entityId));
    expect(entered).toEqual(households);
    expect(first.check.released).toBeGreaterThan(10);

    const second = await probe(as, { query: page(where), variables: { after: connection.pageInfo.endCursor } });
    for (const entry of second.entries) expect(households.has(entry.entityId ?? '')).toBe(false);
  });
});

describe('lookups that find nothing the viewer may see', () => {
  const forged = `hh_${Buffer.from('z'.repeat(48)).toString('base64url')}`;
  const cases: [string, () => Promise<TrailRequest>][] = [
    ['a household that does not exist', async () => ({ query: `query($id: ID!) { household(id: $id) { ${HOUSEHOLD} } }`, variables: { id: forged } })],
    ['the case status of a household that does not exist', async () => ({ query: 'query($id: ID!) { caseStatus(householdId: $id) { involvements { phase } } }', variables: { id: forged } })],
    ["a household out of the AMK's region", async () => {
      const id = gateway.gateway.services.ids.of(AMK.agencyId).show(await recordIdOf(ASHG, scenario4!.members[0]!.bsn));
      return { query: `query($id: ID!) { household(id: $id) { ${HOUSEHOLD} } caseStatus(householdId: $id) { involvements { phase } } }`, variables: { id } };
    }],
    ['a household without minors, by a member', async () => ({ query: `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { ${HOUSEHOLD} } }`, variables: { bsn: scenario6!.members[0]!.bsn } })],
  ];

  it.each(cases)('enter no record for %s, only the search', async (_name, request) => {
    const { entries, response } = await probe(AMK, await request());
    expect(Object.values(response.body.data ?? {}).every((value) => value === null || (Array.isArray(value) && value.length === 0))).toBe(true);
    expect(entries.filter((entry) => entry.kind === 'access')).toEqual([]);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry).toMatchObject({ kind: 'search', outcome: 'not-found', entityId: null });
  });
});

describe('aliases and fragments', () => {
  it('hold the entries to the fields under the names the response gives them', async () => {
    const { check } = await probe(AMK, {
      query: `query($bsn: String!, $no: Boolean!) { h: householdsOfPerson(bsn: $bsn) { ...household k: children { n: name ... on Child { s: school } } } }
        fragment household on Household { i: id r: reports { ... on CaseRecord { id } x: reporter { name } y: narrative z: narrative @skip(if: $no) } }`,
      variables: { bsn: scenario1!.members[0]!.bsn, no: true },
    });
    expect(check.withheld).toBeGreaterThan(0);
    expect(check.released).toBeGreaterThan(5);
  });
});

describe('persons', () => {
  it('gives each member and child in the response an entry of its own, under its own subject, with its own fields', async () => {
    const { shown, entries } = await probe(AMK, {
      query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id members { id name birthDate } children { id name school } } }',
      variables: { bsn: scenario1!.members[0]!.bsn },
    });
    const persons = shown.filter((record) => record.typeName === 'HouseholdMember' || record.typeName === 'Child');
    expect(persons.length).toBeGreaterThanOrEqual(scenario1!.members.length);
    for (const person of persons) {
      const own = entries.filter((entry) => entry.entityType === person.typeName && entry.entityId === person.identity.entityId);
      expect(own.length).toBeGreaterThan(0);
      for (const entry of own) {
        expect(entry).toMatchObject({ subjectType: 'person', subject: person.identity.subject, relatedSubjects: [] });
        for (const coordinate of entry.fieldsReleased) expect(coordinate.startsWith(`${person.typeName}.`)).toBe(true);
      }
    }
    for (const entry of entries.filter((candidate) => candidate.entityType === 'Household')) {
      expect(entry.subjectType).toBe('household');
      expect(entry.fieldsReleased.every((coordinate) => coordinate.startsWith('Household.'))).toBe(true);
    }
  });
});

/** A viewer that may see a household only from the last of its records' owners: the police. */
const SEEN_FROM_THE_POLICE = `# Test covenant of the audit suite, not a real agreement.
id: alleen-via-politie
version: 1
title: Alleen via de politie (testconvenant)
parties:
  - { agencyKind: VEILIG_THUIS, agencyId: veilig-thuis-drenthe, role: Testkijker }
  - { agencyKind: POLITIE, agencyId: politie-noord-nederland, role: Ketenpartner }
purposes: [child-abuse-assessment]
legalBasis:
  - { article: Testartikel, text: Alleen voor de audittests. }
regions: [nederland]
validFrom: 2015-01-01
validTo: null
tacitRenewal: null
supersedes: null
grants:
  - id: household-from-the-police
    article: art. 1
    viewerKinds: [VEILIG_THUIS]
    ownerKinds: [POLITIE]
    purposes: [child-abuse-assessment]
    coordinates: [Household.id, HouseholdMember.id, HouseholdMember.name]
    conditions: []
`;

describe('a household shown from one agency\'s record while another agency\'s comes first', () => {
  const DRENTHE = { agencyId: 'veilig-thuis-drenthe', purpose: 'child-abuse-assessment' };
  let covenants: TestCovenants;
  let shared: TestGateway;
  beforeAll(async () => {
    covenants = writeTestCovenants({ 'alleen-via-politie.v1.yaml': SEEN_FROM_THE_POLICE });
    shared = await startTestGateway({ env: { KETENPOORT_NOT_FOUND_FLOOR_MS: '0', KETENPOORT_COVENANTS_DIR: covenants.dir }, configure: patientUpstreams });
  });
  afterAll(async () => {
    await shared?.close();
    covenants?.remove();
  });

  // Scenario 2: the AMK of Groningen, the ASHG and the police hold it; veilig-thuis-drenthe may see it from the
  // police's record only. A field every record withholds was redacted citing the first record's decision
  // (the AMK of Groningen's, first by agency id), a record the viewer was not shown and which is therefore
  // not entered: explainDecision found nothing for the id the caller was given.
  it('enters the decision a redaction cites, and the viewer\'s officer can explain it', async () => {
    const request = { query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id municipality members { id name birthDate } } }', variables: { bsn: scenario2!.members[0]!.bsn } };
    const result = await probeTrail(shared, schema, DRENTHE.agencyId, (sent) => shared.query(DRENTHE, sent.query, sent.variables), request);
    const redactions = result.response.body.extensions?.redactions ?? [];
    expect(redactions.map((redaction) => redaction.coordinate)).toContain('Household.municipality');
    expect(result.check.violations).toEqual([]);
    const officer = { ...DRENTHE, purpose: 'privacy-audit', role: 'privacy-officer' };
    for (const redaction of redactions) {
      const explained = await shared.query(officer, 'query($id: ID!) { explainDecision(id: $id) { coordinate owner { id } } }', { id: redaction.decisionId });
      expect(explained.body.data?.explainDecision, `${redaction.coordinate} cites ${redaction.decisionId}`).toEqual({ coordinate: redaction.coordinate, owner: { id: 'politie-noord-nederland' } });
    }
  });
});
