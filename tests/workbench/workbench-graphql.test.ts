/**
 * The workbench through GraphQL, the whole gateway in-process: privacy officers only, the matrix and the
 * diff as the console asks for them (its own query texts), inputs checked.
 */
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';

const queries = (await import(pathToFileURL('src/web/assets/queries.js').href)) as Record<'OPTIONS_QUERY' | 'MATRIX_QUERY' | 'DIFF_QUERY' | 'AUDIT_QUERY' | 'AUDIT_SUMMARY_QUERY' | 'EXPLAIN_QUERY', string>;
const OFFICER = { agencyId: 'amk-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };

interface Matrix {
  day: string;
  columns: { viewerKind: string; ownerKind: string }[];
  rows: { coordinate: string; ownerOnly: boolean; cells: { viewerKind: string; ownerKind: string; grantIds: string[] }[] }[];
  grants: { id: string; agreement: { key: string; article: string }; conditions: string[]; parties: { kind: string; agencyIds: string[] | null }[] }[];
  agreements: { key: string; examples: { name: string; expected: string; coordinate: string }[] }[];
  publicCoordinates: string[];
  ownerOnlyCoordinates: string[];
}

describe('workbench queries', () => {
  let gateway: TestGateway;
  beforeAll(async () => { gateway = await startTestGateway(); });
  afterAll(async () => gateway?.close());

  const code = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code;

  it.each([
    ['a caseworker', { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment', role: 'caseworker' }],
    ['a team lead', { agencyId: 'ashg-groningen', purpose: 'case-conference', role: 'team-lead' }],
  ])('%s has no workbench queries in its schema: refused at validation, no data, no suggestion', async (_who, as) => {
    for (const [query, variables] of [[queries.MATRIX_QUERY, { at: '2027-03-01' }], [queries.DIFF_QUERY, { from: 'groningen-ashg-amk@1', to: 'groningen-ashg-amk@2' }]] as const) {
      const response = await gateway.query(as, query, variables);
      expect(response.status).toBe(400);
      expect(code(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.body.errors?.[0]?.message).toMatch(/^Cannot query field "(accessMatrix|covenantDiff)" on type "Query"\.$/);
      expect(response.body.data ?? null).toBeNull();
    }
  });

  it('a privacy officer for another purpose gets FORBIDDEN and no data', async () => {
    const as = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment', role: 'privacy-officer' };
    for (const [query, variables] of [[queries.MATRIX_QUERY, { at: '2027-03-01' }], [queries.DIFF_QUERY, { from: 'groningen-ashg-amk@1', to: 'groningen-ashg-amk@2' }]] as const) {
      const response = await gateway.query(as, query, variables);
      expect(code(response)).toBe('FORBIDDEN');
      expect(response.body.data ?? null).toBeNull();
    }
  });

  it('answers, as the console asks, which agency may see a child\'s school on 1 March 2027 and under which article', async () => {
    const response = await gateway.query(OFFICER, queries.MATRIX_QUERY, { at: '2027-03-01', region: null, purpose: null });
    expect(response.body.errors).toBeUndefined();
    const matrix = response.body.data!.accessMatrix as Matrix;
    expect(matrix.day).toBe('2027-03-01');
    const school = matrix.rows.find((row) => row.coordinate === 'Child.school')!;
    expect(school.cells.map((cell) => `${cell.viewerKind} reads ${cell.ownerKind}`)).toEqual(['AMK reads ASHG']);
    const grant = matrix.grants.find((candidate) => candidate.id === school.cells[0]!.grantIds[0])!;
    expect(grant.agreement).toEqual({ key: 'groningen-ashg-amk@3', article: 'art. 4.1' });
    expect(grant.parties).toEqual(expect.arrayContaining([{ kind: 'AMK', agencyIds: ['amk-groningen'] }, { kind: 'ASHG', agencyIds: ['ashg-groningen'] }]));
    expect(matrix.rows.find((row) => row.coordinate === 'Reporter.name')).toMatchObject({ ownerOnly: true, cells: [] });
    expect(matrix.ownerOnlyCoordinates).toContain('Report.restrictedInformation');
    expect(matrix.publicCoordinates).toContain('Agreement.title');
    // The examples each agreement carries, shown with it.
    const v3 = matrix.agreements.find((agreement) => agreement.key === 'groningen-ashg-amk@3')!;
    expect(v3.examples).toContainEqual(expect.objectContaining({ coordinate: 'Child.school', expected: 'allow' }));
  });

  it('filters by region and purpose', async () => {
    // Before the merger Bureau Jeugdzorg Drenthe read the police's zorgmeldingen under the national 0-18
    // covenant; since 2015 no Bureau Jeugdzorg serves Drenthe, so in Drenthe that column is gone.
    const drenthe2013 = (await gateway.query(OFFICER, queries.MATRIX_QUERY, { at: '2013-03-01', region: 'drenthe' })).body.data!.accessMatrix as Matrix;
    expect(drenthe2013.columns.map((c) => `${c.viewerKind} reads ${c.ownerKind}`)).toEqual(['BJZ reads POLITIE']);
    const drenthe = (await gateway.query(OFFICER, queries.MATRIX_QUERY, { at: '2027-03-01', region: 'drenthe' })).body.data!.accessMatrix as Matrix;
    expect(drenthe.columns.map((c) => `${c.viewerKind} reads ${c.ownerKind}`)).not.toContain('BJZ reads POLITIE');
    // Drenthe's chain as it is today; the national 0-18 covenant binds no Bureau Jeugdzorg there any more.
    expect(drenthe.columns.map((c) => `${c.viewerKind} reads ${c.ownerKind}`)).toEqual([
      'VEILIG_THUIS reads POLITIE', 'VEILIG_THUIS reads CERTIFIED_INSTITUTION', 'POLITIE reads VEILIG_THUIS',
      'WIJKTEAM reads VEILIG_THUIS', 'WIJKTEAM reads POLITIE', 'WIJKTEAM reads CERTIFIED_INSTITUTION', 'RAAD reads VEILIG_THUIS',
      'CERTIFIED_INSTITUTION reads VEILIG_THUIS',
    ]);
    const feedback = (await gateway.query(OFFICER, queries.MATRIX_QUERY, { at: '2027-03-01', purpose: 'zorgmelding-feedback' })).body.data!.accessMatrix as Matrix;
    expect(feedback.grants.map((grant) => grant.agreement.key)).toEqual(['politie-terugkoppeling@1', 'politie-terugkoppeling-veilig-thuis@1']);
  });

  it('says who exists on the day and who controls whose records, before and after the merger (S8)', async () => {
    const query = 'query Organisations($at: Date!) { accessMatrix(at: $at) { organisations { agency { id validTo successor { id } } exists controller { id } } } }';
    type Row = { agency: { id: string; validTo: string | null; successor: { id: string } | null }; exists: boolean; controller: { id: string } };
    const on = async (at: string) => new Map(((await gateway.query(OFFICER, query, { at })).body.data!.accessMatrix as { organisations: Row[] }).organisations.map((row) => [row.agency.id, row]));
    const [before, after] = [await on('2014-06-01'), await on('2026-06-01')];
    expect(before.get('amk-drenthe')).toMatchObject({ exists: true, controller: { id: 'amk-drenthe' }, agency: { validTo: '2014-12-31', successor: { id: 'veilig-thuis-drenthe' } } });
    expect(before.get('veilig-thuis-drenthe')?.exists).toBe(false);
    expect(after.get('amk-drenthe')).toMatchObject({ exists: false, controller: { id: 'veilig-thuis-drenthe' } });
    expect(after.get('veilig-thuis-drenthe')).toMatchObject({ exists: true, controller: { id: 'veilig-thuis-drenthe' } });
  });

  it('answers what version 2 of the ASHG-AMK protocol changed', async () => {
    const response = await gateway.query(OFFICER, queries.DIFF_QUERY, { from: 'groningen-ashg-amk@1', to: 'groningen-ashg-amk@2' });
    expect(response.body.errors).toBeUndefined();
    const diff = response.body.data!.covenantDiff as { from: { key: string }; to: { key: string }; changes: Record<string, unknown>[]; situationsChecked: number };
    expect([diff.from.key, diff.to.key]).toEqual(['groningen-ashg-amk@1', 'groningen-ashg-amk@2']);
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({
      change: 'GAINED', viewerKind: 'ASHG', ownerKind: 'AMK', purpose: 'case-conference', beforeReason: null, before: null,
      afterReason: 'GRANT', after: { key: 'groningen-ashg-amk@2', article: 'art. 5.1' }, regions: ['groningen'],
      viewerAgencies: ['ashg-groningen'], ownerAgencies: ['amk-groningen'],
    });
    expect(diff.changes[0]!.coordinates).toEqual(expect.arrayContaining(['Report.phase', 'Involvement.careProvider']));
  });

  it('shows the acts beside the reads: the ASHG hands cases to the AMK on 23 November 2026, under art. 4 of version 2', async () => {
    const query = `query Acts($at: Date!, $region: ID) { accessMatrix(at: $at, region: $region) { acts {
      act sender { id kind } receiver { id kind } referralKind purpose coordinates
      grants { id basis agreement { key article } ruleId coordinates conditions validity } } } }`;
    type Act = { act: string; sender: { id: string; kind: string }; receiver: { id: string }; referralKind: string | null; purpose: string; coordinates: string[];
      grants: { id: string; basis: string; agreement: { key: string; article: string }; conditions: string[]; validity: string }[] };
    const acts = async (at: string) => ((await gateway.query(OFFICER, query, { at, region: 'groningen' })).body.data!.accessMatrix as { acts: Act[] }).acts;
    const handover = (await acts('2026-11-23')).find((act) => act.act === 'HAND_OVER_CASE' && act.sender.id === 'ashg-groningen')!;
    expect(handover).toMatchObject({ sender: { kind: 'ASHG' }, receiver: { id: 'amk-groningen' }, referralKind: 'HANDOVER_ASHG_TO_AMK', purpose: 'child-abuse-assessment' });
    expect(handover.grants).toEqual([expect.objectContaining({
      id: 'groningen-ashg-amk@2#ashg-hands-case-to-amk', basis: 'groningen-ashg-amk@2#art. 4', validity: 'IN_FORCE',
      conditions: ['the household has minor children', "the household's municipality lies in the covenant's regions"],
    })]);
    expect(handover.coordinates).toContain('Report.narrative');
    expect(handover.coordinates).not.toContain('Report.reporter');
    expect((await acts('2018-06-01')).some((act) => act.act === 'HAND_OVER_CASE')).toBe(false);
  });

  it('says which act version 2 of the ASHG-AMK protocol added', async () => {
    const query = `query ActChanges($from: ID!, $to: ID!) { covenantDiff(from: $from, to: $to) { actChanges {
      change act senderKind receiverKind referralKind purpose coordinatesAdded coordinatesRemoved
      before { grantId } after { agreement { key article } grantId conditions senders receivers } } } }`;
    const response = await gateway.query(OFFICER, query, { from: 'groningen-ashg-amk@1', to: 'groningen-ashg-amk@2' });
    expect(response.body.errors).toBeUndefined();
    expect((response.body.data!.covenantDiff as { actChanges: unknown[] }).actChanges).toEqual([{
      change: 'GAINED', act: 'GIVE_FEEDBACK', senderKind: 'AMK', receiverKind: 'ASHG', referralKind: null, purpose: 'case-conference',
      coordinatesAdded: ['Involvement.phaseCategory', 'Report.receivingCareProvider'], coordinatesRemoved: [], before: [],
      after: [{
        agreement: { key: 'groningen-ashg-amk@2', article: 'art. 5.1' }, grantId: 'amk-gives-ashg-feedback', senders: ['amk-groningen'], receivers: ['ashg-groningen'],
        conditions: ['the household has a referral from the receiver to the sender, of kind HANDOVER_ASHG_TO_AMK', "the household's municipality lies in the covenant's regions"],
      }],
    }]);
  });

  it.each([
    ['a date that is not a day', queries.MATRIX_QUERY, { at: '2027-02-30' }],
    ['an unknown region', queries.MATRIX_QUERY, { at: '2027-03-01', region: 'atlantis' }],
    ['an unknown purpose', queries.MATRIX_QUERY, { at: '2027-03-01', purpose: 'curiosity' }],
    ['an unknown version', queries.DIFF_QUERY, { from: 'groningen-ashg-amk@1', to: 'groningen-ashg-amk@7' }],
  ])('refuses %s with BAD_USER_INPUT', async (_what, query, variables) => {
    const response = await gateway.query(OFFICER, query, variables);
    expect(code(response)).toBe('BAD_USER_INPUT');
  });

  it('every console query validates and stays within the query limits', async () => {
    const runs: [string, Record<string, unknown>][] = [
      [queries.OPTIONS_QUERY, {}], [queries.MATRIX_QUERY, { at: '2026-11-23' }],
      [queries.DIFF_QUERY, { from: 'groningen-ashg-amk@2', to: 'groningen-ashg-amk@3' }],
      [queries.AUDIT_QUERY, { filter: { agreementKey: 'groningen-ashg-amk@2' } }], [queries.EXPLAIN_QUERY, { id: 'no-such-decision' }],
      // The audit view's CSV export reads pages of the largest size; its summary comes with every search.
      [queries.AUDIT_QUERY, { filter: {}, first: 500 }], [queries.AUDIT_SUMMARY_QUERY, { filter: { kind: 'ACCESS' } }],
    ];
    for (const [query, variables] of runs) {
      const response = await gateway.query(OFFICER, query, variables);
      expect({ query: query.slice(0, 40), status: response.status, errors: response.body.errors ?? [] }).toEqual({ query: query.slice(0, 40), status: 200, errors: [] });
    }
  });
});
