/**
 * The six DOMAIN scenarios end to end, for each viewer: exactly which fields of which agency's record
 * are released and which withheld, asserted on the audit trail (the accounting) and on the response
 * (what left the gateway). Each expectation is reasoned from DOMAIN section 4 and the covenants.
 */
import {
  buildClientSchema, getIntrospectionQuery, isInterfaceType, isObjectType, parse, print, TypeInfo, visit, visitWithTypeInfo,
  type GraphQLSchema, type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#src/audit/entry.ts';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';

const QUERY = `query($bsn: String!) { householdsOfPerson(bsn: $bsn) {
  id municipality hasMinors address { street }
  members { id name bsn }
  children { id name bsn school situation role }
  reports { id owner { id } narrative violenceTypes phase reporter { name } restrictedInformation }
  referrals { id owner { id } kind status reason }
  caseStatus { involvements { agency { id } phase phaseCategory since careProvider contact { name } } }
} }`;

type Fields = { released: string[]; withheld?: string[] };
const HOUSEHOLD_ALL: Fields = { released: ['Address.street', 'CaseStatus.involvements', 'Household.address', 'Household.caseStatus', 'Household.children', 'Household.hasMinors', 'Household.id', 'Household.members', 'Household.municipality', 'Household.referrals', 'Household.reports', 'HouseholdMember.bsn', 'HouseholdMember.id', 'HouseholdMember.name'] };
const CHILD_ALL: Fields = { released: ['Child.bsn', 'Child.id', 'Child.name', 'Child.role', 'Child.school', 'Child.situation'] };
const INVOLVEMENT_ALL: Fields = { released: ['Contact.name', 'Involvement.agency', 'Involvement.careProvider', 'Involvement.contact', 'Involvement.phase', 'Involvement.phaseCategory', 'Involvement.since'] };
/** Rule 6: that an agency is involved, the phase category, since when, whom to contact. */
const INVOLVEMENT_ONLY: Fields = { released: ['Contact.name', 'Involvement.agency', 'Involvement.contact', 'Involvement.phaseCategory', 'Involvement.since'], withheld: ['Involvement.careProvider', 'Involvement.phase'] };
const REPORT_ALL: Fields = { released: ['Report.id', 'Report.narrative', 'Report.owner', 'Report.phase', 'Report.reporter', 'Report.restrictedInformation', 'Report.violenceTypes', 'Reporter.name'] };
/** Rules 2/5 with rule 7: the content, never the reporter or what the reporter restricted. */
const REPORT_CONTENT: Fields = { released: ['Report.id', 'Report.narrative', 'Report.owner', 'Report.phase', 'Report.violenceTypes'], withheld: ['Report.reporter', 'Report.restrictedInformation'] };
/** Rules 3/4: the outcome, not the file. */
const REPORT_OUTCOME: Fields = { released: ['Report.id', 'Report.owner', 'Report.phase'], withheld: ['Report.narrative', 'Report.reporter', 'Report.restrictedInformation', 'Report.violenceTypes'] };
const REFERRAL_ALL: Fields = { released: ['Referral.id', 'Referral.kind', 'Referral.owner', 'Referral.reason', 'Referral.status'] };
const REFERRAL_OUTCOME: Fields = { released: ['Referral.id', 'Referral.kind', 'Referral.owner', 'Referral.status'], withheld: ['Referral.reason'] };
/** Rule 6 as a household: only that it exists. */
const HOUSEHOLD_EXISTS: Fields = { released: ['Household.id', 'CaseStatus.involvements', 'Household.caseStatus'], withheld: ['Household.address', 'Household.children', 'Household.hasMinors', 'Household.members', 'Household.municipality', 'Household.referrals', 'Household.reports'] };

const ASHG = 'ashg-groningen', AMK = 'amk-groningen', POL = 'politie-noord-nederland', BJZ = 'bjz-groningen', WIJK = 'wijkteam-groningen';
const VIEWERS = [
  { agencyId: AMK, purpose: 'child-abuse-assessment' },
  { agencyId: ASHG, purpose: 'case-conference' },
  { agencyId: POL, purpose: 'zorgmelding-feedback' },
  { agencyId: BJZ, purpose: 'early-intervention' },
  { agencyId: WIJK, purpose: 'neighbourhood-support' },
] as const;

/** scenario -> viewer -> `owner/EntityType` -> fields; a missing viewer sees nothing at all. */
const EXPECTED: Record<number, Partial<Record<string, Record<string, Fields>>>> = {
  // 1. ASHG handed over to the AMK: the AMK reads the ASHG's file (rule 2); the ASHG learns the outcome (rule 3).
  1: {
    [AMK]: { [`${AMK}/Household`]: HOUSEHOLD_ALL, [`${AMK}/Child`]: CHILD_ALL, [`${AMK}/Involvement`]: INVOLVEMENT_ALL, [`${AMK}/Report`]: REPORT_ALL, [`${ASHG}/Report`]: REPORT_CONTENT, [`${ASHG}/Referral`]: REFERRAL_ALL },
    [ASHG]: { [`${ASHG}/Household`]: HOUSEHOLD_ALL, [`${ASHG}/Child`]: CHILD_ALL, [`${ASHG}/Involvement`]: INVOLVEMENT_ALL, [`${ASHG}/Report`]: REPORT_ALL, [`${ASHG}/Referral`]: REFERRAL_ALL, [`${AMK}/Involvement`]: INVOLVEMENT_ALL, [`${AMK}/Report`]: REPORT_OUTCOME },
    [WIJK]: { [`${AMK}/Household`]: HOUSEHOLD_EXISTS, [`${AMK}/Involvement`]: INVOLVEMENT_ONLY, [`${ASHG}/Involvement`]: INVOLVEMENT_ONLY },
  },
  // 2. Police straight to the AMK while the ASHG has a report: case status shows the ASHG the AMK (rule 3);
  //    the police get feedback (rule 4); BJZ gets nothing (not referred to it); Midden-Groningen is not the wijkteam's.
  //    The ASHG chairs the case conference: it sees that the police are on the case too (casusoverleg v2 art. 3, S4).
  2: {
    [AMK]: { [`${AMK}/Household`]: HOUSEHOLD_ALL, [`${AMK}/Child`]: CHILD_ALL, [`${AMK}/Involvement`]: INVOLVEMENT_ALL, [`${AMK}/Report`]: REPORT_ALL },
    [ASHG]: {
      [`${ASHG}/Household`]: HOUSEHOLD_ALL, [`${ASHG}/Child`]: CHILD_ALL, [`${ASHG}/Involvement`]: INVOLVEMENT_ALL, [`${ASHG}/Report`]: REPORT_ALL,
      [`${AMK}/Involvement`]: INVOLVEMENT_ALL, [`${AMK}/Report`]: REPORT_OUTCOME, [`${POL}/Involvement`]: INVOLVEMENT_ALL,
    },
    [POL]: { [`${POL}/Household`]: HOUSEHOLD_ALL, [`${POL}/Child`]: CHILD_ALL, [`${POL}/Involvement`]: INVOLVEMENT_ALL, [`${POL}/Report`]: REPORT_ALL, [`${POL}/Referral`]: REFERRAL_ALL, [`${AMK}/Involvement`]: INVOLVEMENT_ALL, [`${AMK}/Report`]: REPORT_OUTCOME },
  },
  // 3. A 15-year-old referred by the police to BJZ under the 0-18 covenant (rule 5); police feedback (rule 4).
  3: {
    [POL]: { [`${POL}/Household`]: HOUSEHOLD_ALL, [`${POL}/Child`]: CHILD_ALL, [`${POL}/Involvement`]: INVOLVEMENT_ALL, [`${POL}/Report`]: REPORT_ALL, [`${POL}/Referral`]: REFERRAL_ALL, [`${BJZ}/Involvement`]: INVOLVEMENT_ALL, [`${BJZ}/Referral`]: REFERRAL_OUTCOME },
    [BJZ]: { [`${BJZ}/Household`]: HOUSEHOLD_ALL, [`${BJZ}/Child`]: CHILD_ALL, [`${BJZ}/Involvement`]: INVOLVEMENT_ALL, [`${BJZ}/Referral`]: REFERRAL_ALL, [`${POL}/Report`]: REPORT_CONTENT, [`${POL}/Referral`]: REFERRAL_ALL },
    [WIJK]: { [`${BJZ}/Household`]: HOUSEHOLD_EXISTS, [`${BJZ}/Involvement`]: INVOLVEMENT_ONLY, [`${POL}/Involvement`]: INVOLVEMENT_ONLY },
  },
  // 4. Assen, out of the Groningen covenants' region: the AMK gets nothing despite the (mistaken) handover (rule 9).
  4: {
    [ASHG]: { [`${ASHG}/Household`]: HOUSEHOLD_ALL, [`${ASHG}/Child`]: CHILD_ALL, [`${ASHG}/Involvement`]: INVOLVEMENT_ALL, [`${ASHG}/Report`]: REPORT_ALL, [`${ASHG}/Referral`]: REFERRAL_ALL },
  },
  // 5. Anonymity promised: the AMK reads the report, never the reporter or the restricted information (rule 7).
  5: {
    [AMK]: {
      [`${ASHG}/Household`]: { released: HOUSEHOLD_ALL.released.filter((c) => !c.startsWith('CaseStatus') && c !== 'Household.caseStatus'), withheld: ['Household.caseStatus'] },
      [`${ASHG}/Child`]: { released: ['Child.bsn', 'Child.id', 'Child.name', 'Child.role'], withheld: ['Child.school', 'Child.situation'] },
      [`${ASHG}/Report`]: REPORT_CONTENT, [`${ASHG}/Referral`]: REFERRAL_ALL,
    },
    [ASHG]: { [`${ASHG}/Household`]: HOUSEHOLD_ALL, [`${ASHG}/Child`]: CHILD_ALL, [`${ASHG}/Involvement`]: INVOLVEMENT_ALL, [`${ASHG}/Report`]: REPORT_ALL, [`${ASHG}/Referral`]: REFERRAL_ALL },
  },
  // 6. Adults only: nothing reaches the AMK (rule 2: only households with minors).
  6: {
    [ASHG]: { [`${ASHG}/Household`]: HOUSEHOLD_ALL, [`${ASHG}/Involvement`]: INVOLVEMENT_ALL, [`${ASHG}/Report`]: REPORT_ALL, [`${ASHG}/Referral`]: REFERRAL_ALL },
  },
};

let gateway: TestGateway;
beforeAll(async () => { gateway = await startTestGateway(); });
afterAll(async () => gateway?.close());

const world = createWorld();

async function entriesOf(response: GraphQLResponse): Promise<AuditEntry[]> {
  const requestId = response.headers['x-request-id'];
  const all: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await gateway.gateway.services.audit.query({}, { first: 500, ...(after ? { after } : {}) });
    all.push(...page.entries);
    if (!page.hasNextPage || !page.endCursor) break;
    after = page.endCursor;
  }
  return all.filter((entry) => entry.operationId === requestId);
}

/** The viewer's own schema (each caller kind gets one: src/graph/schema-variants.ts), as introspection shows it. */
const schemas = new Map<string, Promise<GraphQLSchema>>();
function schemaOf(viewer: (typeof VIEWERS)[number]): Promise<GraphQLSchema> {
  if (!schemas.has(viewer.agencyId)) {
    schemas.set(viewer.agencyId, gateway.query(viewer, getIntrospectionQuery()).then((response) => buildClientSchema(response.body.data as unknown as IntrospectionQuery)));
  }
  return schemas.get(viewer.agencyId)!;
}

function holds(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, field] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  return (isObjectType(type) || isInterfaceType(type)) && field in type.getFields();
}

/** The query as the viewer can ask it: the fields its schema holds (the rest it could not even name). */
function within(schema: GraphQLSchema, query: string): string {
  const info = new TypeInfo(schema);
  const pruned = visit(parse(query), visitWithTypeInfo(info, {
    Field: {
      enter(node) {
        const parent = info.getParentType();
        return parent && (isObjectType(parent) || isInterfaceType(parent)) && !(node.name.value in parent.getFields()) ? null : undefined;
      },
      leave(node) {
        return node.selectionSet && node.selectionSet.selections.length === 0 ? null : undefined;
      },
    },
  }));
  return print(pruned);
}

describe.each([1, 2, 3, 4, 5, 6])('DOMAIN scenario %i', (scenario) => {
  const household = world.households[scenario - 1]!;
  it.each(VIEWERS)('as $agencyId ($purpose)', async (viewer) => {
    const schema = await schemaOf(viewer);
    const response = await gateway.query(viewer, within(schema, QUERY), { bsn: household.members[0]!.bsn });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const households = response.body.data?.householdsOfPerson as unknown[];
    const expected = EXPECTED[scenario]?.[viewer.agencyId];
    const entries = await entriesOf(response);
    const access = entries.filter((entry) => entry.kind === 'access');

    if (!expected) {
      expect(households).toEqual([]);
      expect(access).toEqual([]);
      expect(response.body.extensions?.redactions ?? []).toEqual([]);
    } else {
      expect(households).toHaveLength(1);
      const actual: Record<string, Fields> = {};
      for (const entry of access) {
        // A member's fields come from the owner's household record but are entered per person: each
        // member its own entry about that person. The expectations list them with the household record.
        if (entry.entityType === 'HouseholdMember') expect(entry.subjectType).toBe('person');
        const key = `${entry.owner}/${entry.entityType === 'HouseholdMember' ? 'Household' : entry.entityType}`;
        const fields = actual[key] ?? { released: [], withheld: [] };
        fields.released = [...new Set([...fields.released, ...entry.fieldsReleased])].sort();
        fields.withheld = [...new Set([...(fields.withheld ?? []), ...entry.fieldsWithheld])].filter((c) => !fields.released.includes(c)).sort();
        actual[key] = fields;
      }
      // What the policy withholds from the viewer is either withheld in the answer or, where no covenant
      // version could ever release it, not in the viewer's schema at all (so never asked, never entered).
      for (const fields of Object.values(expected)) for (const coordinate of fields.released) expect(holds(schema, coordinate), coordinate).toBe(true);
      const normalised = Object.fromEntries(Object.entries(expected).map(([key, fields]) => [key, {
        released: [...fields.released].sort(), withheld: (fields.withheld ?? []).filter((coordinate) => holds(schema, coordinate)).sort(),
      }]));
      expect(actual).toEqual(normalised);
    }

    // Every withheld path the caller was told about is accounted for in the trail under its decision id,
    // and every released field has its legal basis: the owner's own access, or an agreement and article.
    const decisions = new Map(entries.flatMap((entry) => entry.decisions.map((decision) => [decision.id, decision] as const)));
    for (const redaction of response.body.extensions?.redactions ?? []) {
      const decision = decisions.get(redaction.decisionId);
      expect(decision?.effect, `${redaction.coordinate} at ${redaction.path.join('.')}`).toBe('deny');
      expect(decision?.coordinate).toBe(redaction.coordinate);
    }
    for (const entry of access) {
      for (const coordinate of entry.fieldsReleased) {
        const basis = entry.decisions.find((decision) => decision.coordinate === coordinate && decision.effect === 'allow');
        expect(basis, `${entry.owner}/${coordinate}`).toBeDefined();
        if (basis?.reason === 'GRANT') expect(basis.agreementKey && basis.article, `${coordinate}`).toBeTruthy();
        else expect(basis?.reason === 'OWNER' && entry.owner === viewer.agencyId || basis?.reason === 'PUBLIC').toBe(true);
      }
      expect(entry.subject ?? '').toMatch(/^(ps_[A-Za-z0-9_-]{43})?$/);
    }
    // The search itself is entered, with its BSN pseudonymised.
    const search = entries.find((entry) => entry.kind === 'search');
    expect(search?.searchTerms?.subject).toMatch(/^ps_/);
    expect(JSON.stringify(entries)).not.toContain(household.members[0]!.bsn);
  });
});

it('the AMK reads exactly the ASHG narrative of scenario 1, and never the reporter of scenario 5', async () => {
  const amk = VIEWERS[0];
  const s1 = await gateway.query(amk, QUERY, { bsn: world.households[0]!.members[0]!.bsn });
  const narrative = world.households[0]!.cases[ASHG]!.reports[0]!.narrative;
  expect(JSON.stringify(s1.body)).toContain(narrative);
  const s5 = await gateway.query(amk, QUERY, { bsn: world.households[4]!.members[0]!.bsn });
  const report = world.households[4]!.cases[ASHG]!.reports[0]!;
  const text = JSON.stringify(s5.body);
  expect(text).toContain(report.narrative);
  expect(text).not.toContain(report.reporter.name!);
  expect(text).not.toContain(report.reporter.phone!);
  expect(text).not.toContain(report.restrictedInformation!);
  const reasons = (s5.body.extensions?.redactions ?? []).filter((r) => r.coordinate === 'Report.reporter' || r.coordinate === 'Report.restrictedInformation');
  expect(reasons.map((r) => r.reason)).toEqual(['OWNER_ONLY', 'OWNER_ONLY']);
});
