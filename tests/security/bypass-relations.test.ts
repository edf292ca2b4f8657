/**
 * Regression suite, relations walked backwards (Report.household, Child.household,
 * ChildInvolvement.child, Referral.report, Referral.household, CaseStatus.household): from a record
 * the viewer may see, a relation never reaches one it may not. With the real covenants the relations
 * mostly lead to records the viewer sees anyway, or are withheld themselves; a test covenant grants
 * veilig-thuis-drenthe the relations without their targets, so the walks do meet records it may not see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER, identities, NEEDLES, own, S1, S2, S3, S5, S6, startBypass, type Bypass } from './support/bypass-fixtures.ts';
import { caseOf, expectAll, expectNone, harvestIds, idAs, text } from './support/scenario-values.ts';
import { AGENCIES, type SecurityCaller } from './support/security-gateway.ts';
import { writeTestCovenants, type TestCovenants } from './support/test-covenants.ts';
import { expectRefusedBySchema } from './support/refused-by-schema.ts';

const { ashg: ASHG, amk: AMK, politie: POLITIE, bjz: BJZ } = AGENCIES;
const { reporterOfS5, amkFileOfS1, notForAshgInS2 } = NEEDLES;

describe('relations walked backwards, with the real covenants', () => {
  let bypass: Bypass;
  beforeAll(async () => { bypass = await startBypass(); });
  afterAll(async () => bypass?.close());
  const ask = (caller: SecurityCaller, query: string, variables?: Record<string, unknown>) => bypass.ask(caller, query, variables);

  it("Report.household: the AMK's report shows to the ASHG, its household and file do not (scenario 2)", async () => {
    const [reportId] = (await harvestIds(bypass.gateway, AMK, S2)).reports;
    const query = `query($id: ID!) { report(id: $id) { phase household { members { name bsn } children { school situation }
      reports { narrative reporter { name } } referrals { reason } timeline { ... on Referral { reason } } } } }`;
    expectAll(await ask(own(AMK), query, { id: reportId }), notForAshgInS2.slice(0, 3));
    const response = await ask(CALLER.ashg, query, { id: idAs(bypass.gateway, AMK, CALLER.ashg.agencyId, reportId!) });
    expect(response.body.data?.report).toEqual({ phase: caseOf(S2, AMK).reports[0]!.phase, household: null });
    expectNone(response, notForAshgInS2);
  });

  it('Child.household: from a child the AMK may see, the reporter stays out of reach (scenario 5)', async () => {
    const [childId] = (await harvestIds(bypass.gateway, ASHG, S5)).children;
    const query = `query($id: ID!) { child(id: $id) { name household { reports { narrative reporter { name phone } restrictedInformation }
      children { household { reports { restrictedInformation } } } } } }`;
    expectAll(await ask(own(ASHG), query, { id: childId }), reporterOfS5);
    const response = await ask(CALLER.amk, query, { id: idAs(bypass.gateway, ASHG, CALLER.amk.agencyId, childId!) });
    expectNone(response, reporterOfS5);
    expectAll(response, text(S5.members[1]!.name, caseOf(S5, ASHG).reports[0]!.narrative));
  });

  it("ChildInvolvement.child: from the police's own report, not the AMK's school nor the ASHG's file (scenario 2)", async () => {
    const [reportId] = (await harvestIds(bypass.gateway, POLITIE, S2)).reports;
    const query = `query($id: ID!) { report(id: $id) { childInvolvement { role child { name school situation
      household { children { school situation } reports { narrative reporter { name phone } } } } } } }`;
    const hidden = text(caseOf(S2, AMK).children[0]!.school, caseOf(S2, AMK).children[0]!.situation, caseOf(S2, AMK).reports[0]!.narrative,
      caseOf(S2, ASHG).reports[0]!.narrative, caseOf(S2, ASHG).reports[0]!.reporter.name);
    const response = await ask(CALLER.politie, query, { id: reportId });
    expectAll(response, text(S2.members[2]!.name));
    expectNone(response, hidden);
  });

  it('Referral.report: the handover shows the AMK the report, never its reporter (scenario 5)', async () => {
    const [referralId] = (await harvestIds(bypass.gateway, ASHG, S5)).referrals;
    const query = `query($id: ID!) { referral(id: $id) { reason report { narrative reporter { name phone } restrictedInformation
      household { reports { restrictedInformation } } } } }`;
    expectAll(await ask(own(ASHG), query, { id: referralId }), reporterOfS5);
    const response = await ask(CALLER.amk, query, { id: idAs(bypass.gateway, ASHG, CALLER.amk.agencyId, referralId!) });
    expectNone(response, reporterOfS5);
    expectAll(response, text(caseOf(S5, ASHG).referrals[0]!.reason, caseOf(S5, ASHG).reports[0]!.narrative));
  });

  it("Referral.report and Referral.household: the police's feedback on Bureau Jeugdzorg stops at the outcome (scenario 3)", async () => {
    const [referralId] = (await harvestIds(bypass.gateway, BJZ, S3)).referrals;
    const query = `query($id: ID!) { referral(id: $id) { status reason report { id } household { children { school situation } } } }`;
    const hidden = text(caseOf(S3, BJZ).referrals[0]!.reason, caseOf(S3, BJZ).children[0]!.school, caseOf(S3, BJZ).children[0]!.situation);
    expectAll(await ask(own(BJZ), query, { id: referralId }), hidden);
    const response = await ask(CALLER.politie, query, { id: idAs(bypass.gateway, BJZ, CALLER.politie.agencyId, referralId!) });
    expect(response.body.data?.referral).toMatchObject({ status: caseOf(S3, BJZ).referrals[0]!.status, reason: null, report: null, household: null });
    expectNone(response, hidden);
  });

  it('CaseStatus.household: the wijkteam walks from involvement to nothing of the household (scenario 1)', async () => {
    const ids = await harvestIds(bypass.gateway, ASHG, S1);
    const query = `query($id: ID!) { caseStatus(householdId: $id) { involvements { agency { id } } household { id municipality
      members { name bsn } children { name household { members { bsn } } } reports { narrative } address { street } } } }`;
    const household = [...identities(S1), ...text(S1.address.street, caseOf(S1, ASHG).reports[0]!.narrative)];
    expectAll(await ask(own(ASHG), query, { id: ids.household }), household);
    // Its schema holds the walk to the household's id, and none of the household's contents.
    const wijkteamId = idAs(bypass.gateway, ASHG, CALLER.wijkteam.agencyId, ids.household);
    const response = await ask(CALLER.wijkteam, `query($id: ID!) { caseStatus(householdId: $id) { involvements { agency { id } } household { id } } }`, { id: wijkteamId });
    expect((response.body.data?.caseStatus as { involvements: unknown[] }).involvements.length).toBeGreaterThan(0);
    expectNone(response, [...household, ...amkFileOfS1]);
    const whole = await ask(CALLER.wijkteam, query, { id: wijkteamId });
    expectRefusedBySchema(whole, { type: 'Household', field: 'municipality' });
    expectNone(whole, [...household, ...amkFileOfS1]);
  });
});

/** Relations granted, their targets not: referrals without their report or household, ... */
const TEST_COVENANT = `# Test covenant of the security suite, not a real agreement.
id: relaties-zonder-doel
version: 1
title: Relaties zonder doel (testconvenant)
parties:
  - { agencyKind: VEILIG_THUIS, agencyId: veilig-thuis-drenthe, role: Testkijker }
  - { agencyKind: ASHG, agencyId: ashg-groningen, role: Ketenpartner }
  - { agencyKind: POLITIE, agencyId: politie-noord-nederland, role: Ketenpartner }
purposes: [child-abuse-assessment]
legalBasis:
  - { article: Testartikel, text: Alleen voor de beveiligingstests. }
regions: [nederland]
validFrom: 2015-01-01
validTo: null
tacitRenewal: null
supersedes: null
grants:
  # Every ASHG referral, with the relations to its report and household; no Household.id anywhere.
  - id: referrals-without-targets
    article: art. 1
    viewerKinds: [VEILIG_THUIS]
    ownerKinds: [ASHG]
    purposes: [child-abuse-assessment]
    coordinates: [Referral.id, Referral.reason, Referral.report, Referral.household]
    conditions: []
  # ASHG reports only where minors live, with the relations to household and children.
  - id: reports-with-minors
    article: art. 2
    viewerKinds: [VEILIG_THUIS]
    ownerKinds: [ASHG]
    purposes: [child-abuse-assessment]
    coordinates: [Report.id, Report.narrative, Report.household, Report.childInvolvement, ChildInvolvement.child, ChildInvolvement.role]
    conditions:
      - householdHasMinors: true
  # Children as the police registered them, with the relation to the household.
  - id: police-children
    article: art. 3
    viewerKinds: [VEILIG_THUIS]
    ownerKinds: [POLITIE]
    purposes: [child-abuse-assessment]
    coordinates: [Child.id, Child.name, Child.household]
    conditions: []
`;

describe('relations walked backwards to records the viewer may not see (test covenant, as veilig-thuis-drenthe)', () => {
  let bypass: Bypass;
  let covenants: TestCovenants;
  beforeAll(async () => {
    covenants = writeTestCovenants({ 'relaties-zonder-doel.v1.yaml': TEST_COVENANT });
    bypass = await startBypass({ covenantsDir: covenants.dir });
  });
  afterAll(async () => {
    await bypass?.close();
    covenants?.remove();
  });
  const viewer = CALLER.vtDrenthe;

  it('Referral.report and Referral.household: the referral shows, a report it may not see and the household do not (scenario 6)', async () => {
    const [referralId] = (await harvestIds(bypass.gateway, ASHG, S6)).referrals;
    const query = `query($id: ID!) { referral(id: $id) { reason report { id narrative } household { id members { name bsn } } } }`;
    const response = await bypass.ask(viewer, query, { id: idAs(bypass.gateway, ASHG, viewer.agencyId, referralId!) });
    expect(response.body.data?.referral).toEqual({ reason: caseOf(S6, ASHG).referrals[0]!.reason, report: null, household: null });
    expectNone(response, [...text(caseOf(S6, ASHG).reports[0]!.narrative), ...identities(S6)]);
    // Where minors live the same walk does reach the report: the relation itself works.
    const [withMinors] = (await harvestIds(bypass.gateway, ASHG, S1)).referrals;
    expectAll(await bypass.ask(viewer, query, { id: idAs(bypass.gateway, ASHG, viewer.agencyId, withMinors!) }), text(caseOf(S1, ASHG).reports[0]!.narrative));
  });

  it('Report.household and ChildInvolvement.child: the report shows, its household and children do not (scenario 1)', async () => {
    const [reportId] = (await harvestIds(bypass.gateway, ASHG, S1)).reports;
    const response = await bypass.ask(viewer, `query($id: ID!) { report(id: $id) { narrative household { id members { name } }
      childInvolvement { role child { id name household { id } } } } }`, { id: idAs(bypass.gateway, ASHG, viewer.agencyId, reportId!) });
    const report = response.body.data?.report as { narrative: string; household: unknown; childInvolvement: { child: unknown }[] };
    expect(report.narrative).toBe(caseOf(S1, ASHG).reports[0]!.narrative);
    expect(report.household).toBeNull();
    expect(report.childInvolvement.map((involvement) => involvement.child)).toEqual([null, null]);
    expectNone(response, [...identities(S1), ...amkFileOfS1]);
  });

  it('ChildInvolvement.child and Child.household: a child the police registered shows, its household does not (scenario 2)', async () => {
    const [reportId] = (await harvestIds(bypass.gateway, ASHG, S2)).reports;
    const noah = S2.members[2]!;
    const response = await bypass.ask(viewer, `query($id: ID!) { report(id: $id) { childInvolvement { child { name household { id members { name bsn } } } } } }`, { id: idAs(bypass.gateway, ASHG, viewer.agencyId, reportId!) });
    expect(response.body.data?.report).toEqual({ childInvolvement: [{ child: { name: noah.name, household: null } }] });
    expectNone(response, [...identities(S2, [noah.bsn]), ...notForAshgInS2]);
    const [childId] = (await harvestIds(bypass.gateway, POLITIE, S2)).children;
    const child = await bypass.ask(viewer, `query($id: ID!) { child(id: $id) { name household { id members { name bsn } reports { narrative } } } }`, { id: idAs(bypass.gateway, POLITIE, viewer.agencyId, childId!) });
    expect(child.body.data?.child).toEqual({ name: noah.name, household: null });
    expectNone(child, [...identities(S2, [noah.bsn]), ...notForAshgInS2]);
  });
});
