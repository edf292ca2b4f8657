/**
 * Query.replayDecision: a logged decision re-decided under another version of the Groningen ASHG-AMK
 * protocol, from what the trail recorded. Under another version the answer can change (v1 had no
 * art. 5: the ASHG learns nothing of the AMK's case), under the same version it does not; the facts
 * are the recorded ones even after the world moved on (the children grew up); and an officer of an
 * agency that was neither viewer nor owner gets null, as for an unknown decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { SCENARIO_NOW, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const scenario1 = createWorld().households[0]!;
const officer = (agencyId: string) => ({ agencyId, purpose: 'privacy-audit', role: 'privacy-officer' });
const REPLAY = `query($id: ID!, $version: String!) { replayDecision(id: $id, agreementVersion: $version) {
  decisionId at coordinate purpose viewer { id } owner { id } agreementVersion replacedVersion versions differs
  original { effect reason agreement { key article } ruleId failedCondition }
  replayed { effect reason agreement { key article } ruleId failedCondition }
  facts { status recorded { householdHasMinors subjectIsMinor viewerInvolved referrals { fromAgencyId toAgencyId kind status } } } } }`;
const DECISIONS = `query($viewer: ID!) { auditEntries(filter: { viewerAgencyId: $viewer, kind: ACCESS }, first: 200) {
  edges { node { entityType decisions { id coordinate effect agreementKey } } } } }`;

interface Basis { effect: string; reason: string; agreement: { key: string; article: string } | null; ruleId: string | null; failedCondition: string | null }
interface Replay {
  decisionId: string; coordinate: string; agreementVersion: string; replacedVersion: string | null; versions: string[]; differs: boolean;
  original: Basis; replayed: Basis; facts: { status: string; recorded: { householdHasMinors: boolean; referrals: unknown[] } | null };
}

let clockAt = SCENARIO_NOW;
let gateway: TestGateway;
/** The ASHG reading the AMK's phase of scenario 1 for the case conference: released by art. 5.1 of v2. */
let phaseDecision: string;
/** The AMK reading the ASHG's narrative after the handover: released by art. 4.1 (minors, handover, region). */
let narrativeDecision: string;

async function decisionOf(viewer: string, coordinate: string, effect: string, agreementKey: string | null): Promise<string> {
  const response = await gateway.query(officer(viewer), DECISIONS, { viewer });
  if (!response.body.data) throw new Error(JSON.stringify(response.body));
  const entries = (response.body.data?.auditEntries as { edges: { node: { decisions: { id: string; coordinate: string; effect: string; agreementKey: string | null }[] } }[] }).edges;
  const decision = entries.flatMap((edge) => edge.node.decisions).find((candidate) => candidate.coordinate === coordinate && candidate.effect === effect && candidate.agreementKey === agreementKey);
  expect(decision, `${viewer} ${coordinate} in ${JSON.stringify(entries.flatMap((edge) => edge.node.decisions))}`).toBeDefined();
  return decision!.id;
}

async function replay(as: string, id: string, version: string): Promise<Replay | null> {
  const response = await gateway.query(officer(as), REPLAY, { id, version });
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.replayDecision as Replay | null;
}

beforeAll(async () => {
  gateway = await startTestGateway({ clock: () => clockAt });
  const bsn = scenario1.members[0]!.bsn;
  const asAshg = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' },
    'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { caseStatus { involvements { agency { id } phase } } } }', { bsn });
  expect(JSON.stringify(asAshg.body.data)).toContain('INVESTIGATION');
  const asAmk = await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' },
    'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { owner { id } narrative } } }', { bsn });
  expect(JSON.stringify(asAmk.body.data)).toContain('Moeder meldt');
  phaseDecision = await decisionOf('ashg-groningen', 'Involvement.phase', 'ALLOW', 'groningen-ashg-amk@2');
  narrativeDecision = await decisionOf('amk-groningen', 'Report.narrative', 'ALLOW', 'groningen-ashg-amk@2');
});
afterAll(async () => gateway?.close());

describe('replayDecision', () => {
  it('under version 1 in place of version 2: what art. 5.1 released, version 1 withholds', async () => {
    const replayed = await replay('ashg-groningen', phaseDecision, 'groningen-ashg-amk@1');
    expect(replayed).toMatchObject({
      decisionId: phaseDecision, coordinate: 'Involvement.phase', agreementVersion: 'groningen-ashg-amk@1', replacedVersion: 'groningen-ashg-amk@2', differs: true,
      original: { effect: 'ALLOW', reason: 'GRANT', agreement: { key: 'groningen-ashg-amk@2', article: 'art. 5.1' }, ruleId: 'ashg-learns-amk-outcome' },
      replayed: { effect: 'DENY', reason: 'NO_GRANT', agreement: null, ruleId: null },
    });
    // Every other agreement as in force then; the replayed one instead of its version then.
    expect(replayed!.versions).toContain('groningen-ashg-amk@1');
    expect(replayed!.versions).toContain('casusoverleg-groningen@2');
    expect(replayed!.versions).not.toContain('groningen-ashg-amk@2');
  });

  it('under the version in force then: the same decision', async () => {
    for (const [as, id] of [['ashg-groningen', phaseDecision], ['amk-groningen', narrativeDecision]] as const) {
      const replayed = await replay(as, id, 'groningen-ashg-amk@2');
      expect(replayed!.differs).toBe(false);
      expect(replayed!.replayed).toEqual(replayed!.original);
    }
  });

  it('decides from the facts recorded then, though the world has moved on', async () => {
    // 2045: scenario 1's children are adults. Decided afresh, the AMK gets nothing of the ASHG's report
    clockAt = new Date('2045-06-01T10:00:00+02:00');
    try {
      const now = await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' },
        'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { owner { id } narrative } } }', { bsn: scenario1.members[0]!.bsn });
      // (the ASHG's report is not even shown: its visibility, Report.id, has the same conditions).
      const reports = (now.body.data?.householdsOfPerson as { reports: { owner: { id: string } }[] }[]).flatMap((household) => household.reports);
      expect(reports.map((report) => report.owner.id)).toEqual(['amk-groningen']);
      // Replayed under version 3 (in force in 2045 too), from the facts of 2026: the condition on minors holds.
      const replayed = await replay('ashg-groningen', narrativeDecision, 'groningen-ashg-amk@3');
      expect(replayed).toMatchObject({
        differs: false, replacedVersion: 'groningen-ashg-amk@2',
        replayed: { effect: 'ALLOW', reason: 'GRANT', agreement: { key: 'groningen-ashg-amk@3', article: 'art. 4.1' }, ruleId: 'amk-reads-ashg-reports' },
        facts: { status: 'RECORDED', recorded: { householdHasMinors: true } },
      });
      expect(replayed!.facts.recorded!.referrals).toContainEqual({ fromAgencyId: 'ashg-groningen', toAgencyId: 'amk-groningen', kind: 'HANDOVER_ASHG_TO_AMK', status: 'ACCEPTED' });
    } finally {
      clockAt = SCENARIO_NOW;
    }
  });

  it('shows the recorded facts to the owner\'s officer only', async () => {
    const asViewer = await replay('amk-groningen', narrativeDecision, 'groningen-ashg-amk@3');
    expect(asViewer).toMatchObject({ replayed: { effect: 'ALLOW' }, facts: { status: 'RECORDED', recorded: null } });
    const denied = await replay('ashg-groningen', phaseDecision, 'groningen-ashg-amk@1');
    // The ASHG was the viewer here, the AMK the owner: the ASHG's officer gets no facts of the AMK's record.
    expect(denied!.facts).toEqual({ status: 'RECORDED', recorded: null });
    const asOwner = await replay('amk-groningen', phaseDecision, 'groningen-ashg-amk@1');
    expect(asOwner!.facts).toMatchObject({ status: 'RECORDED', recorded: { viewerInvolved: true } });
  });

  it('says so when the entry holds no facts: the viewer\'s own record', async () => {
    await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' },
      'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { owner { id } narrative } } }', { bsn: scenario1.members[0]!.bsn });
    const own = await decisionOf('ashg-groningen', 'Report.narrative', 'ALLOW', null);
    const replayed = await replay('ashg-groningen', own, 'groningen-ashg-amk@1');
    expect(replayed).toMatchObject({ differs: false, original: { reason: 'OWNER' }, replayed: { reason: 'OWNER' }, facts: { status: 'NOT_EVALUATED', recorded: null } });
  });

  it('answers an uninvolved agency\'s officer as for a decision the trail does not hold', async () => {
    expect(await replay('bjz-groningen', phaseDecision, 'groningen-ashg-amk@1')).toBeNull();
    expect(await replay('ashg-groningen', 'dc_no-such-decision.0', 'groningen-ashg-amk@1')).toBeNull();
  });

  it('refuses a version it does not know, and caseworkers', async () => {
    for (const version of ['groningen-ashg-amk@9', 'groningen-ashg-amk', 'v3']) {
      const response = await gateway.query(officer('ashg-groningen'), REPLAY, { id: phaseDecision, version });
      expect(response.body.errors?.[0]?.extensions?.code, version).toBe('BAD_USER_INPUT');
    }
    const caseworker = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'privacy-audit', role: 'caseworker' }, REPLAY, { id: phaseDecision, version: 'groningen-ashg-amk@1' });
    expect(caseworker.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('enters the replay in the trail', async () => {
    const response = await gateway.query(officer('amk-groningen'), `query { auditEntries(filter: { kind: EXPLAIN }, first: 500) { edges { node { searchTerms { name value } outcome } } } }`);
    const terms = (response.body.data?.auditEntries as { edges: { node: { searchTerms: { name: string; value: string }[] } }[] }).edges.map((edge) => edge.node.searchTerms);
    expect(terms).toContainEqual(expect.arrayContaining([{ name: 'replayDecision', value: phaseDecision }, { name: 'agreementVersion', value: 'groningen-ashg-amk@1' }]));
  });
});
