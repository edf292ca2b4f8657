/**
 * evaluate, one row per case: every rule of DOMAIN.md section 4 and every reason code, with facts
 * built by hand, on days before, inside and after each validity window (tacit renewal, supersession).
 */
import { describe, expect, test } from 'vitest';
import { describeCondition } from '#src/policy/conditions.ts';
import { DECISION_REASONS, type Decision, type DecisionReason, type Viewer } from '#src/policy/decision.ts';
import { agreementOf, failedConditionOf, ruleIdOf } from '#src/policy/decision.ts';
import { evaluate } from '#src/policy/evaluate.ts';
import type { RecordFacts } from '#src/policy/facts.ts';
import type { OwnerTag } from '#domain/records.ts';
import { AGENCY as A, facts, loadRealPolicy, onDay, referral } from './fixtures.ts';

const { policy } = await loadRealPolicy();

// The scenarios of DOMAIN.md section 6, as the facts a decision sees.
const S1 = facts({ municipality: 'Groningen', householdHasMinors: true, viewerInvolved: true, referrals: [
  referral(A.ashg.agencyId, null, 'VOLUNTARY_CARE', 'RETURNED_UNSAFE'),
  referral(A.ashg.agencyId, A.amk.agencyId, 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED')] });
const S1_BEFORE_HANDOVER = facts({ municipality: 'Groningen', householdHasMinors: true, referrals: [referral(A.ashg.agencyId, null, 'VOLUNTARY_CARE', 'RUNNING')] });
const S1_OFFERED = facts({ ...S1, referrals: [referral(A.ashg.agencyId, A.amk.agencyId, 'HANDOVER_ASHG_TO_AMK', 'OFFERED')] });
const S1_TO_OTHER_AMK = facts({ ...S1, referrals: [referral(A.ashg.agencyId, A.amkDrenthe.agencyId, 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED')] });
const S2 = facts({ municipality: 'Midden-Groningen', householdHasMinors: true, viewerInvolved: true, referrals: [referral(A.politie.agencyId, A.amk.agencyId, 'POLICE_TO_AMK', 'ACCEPTED')] });
const S3 = facts({ municipality: 'Groningen', householdHasMinors: true, viewerInvolved: true, referrals: [referral(A.politie.agencyId, A.bjz.agencyId, 'POLICE_TO_BJZ', 'RUNNING')] });
const S4 = facts({ municipality: 'Assen', householdHasMinors: true, referrals: [referral(A.ashg.agencyId, A.amk.agencyId, 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED')] });
const S5 = facts({ municipality: 'Westerkwartier', householdHasMinors: true, referrals: [referral(A.ashg.agencyId, A.amk.agencyId, 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED')] });
const S6 = facts({ municipality: 'Eemsdelta', householdHasMinors: false, referrals: [referral(A.ashg.agencyId, null, 'VOLUNTARY_CARE', 'RUNNING')] });

const HANDOVER = describeCondition({ kind: 'referral', from: 'owner', to: 'viewer', kinds: null, statuses: ['ACCEPTED', 'RUNNING', 'COMPLETED'] });
const MINORS = describeCondition({ kind: 'householdHasMinors', value: true });
const COVENANT_REGION = describeCondition({ kind: 'inCovenantRegion' });
const VIEWER_REGION = describeCondition({ kind: 'inViewerRegion' });
const INVOLVED = describeCondition({ kind: 'viewerInvolved' });
const REFERRED_BY_VIEWER = describeCondition({ kind: 'referral', from: 'viewer', to: 'owner', kinds: null, statuses: null });
const SUBJECT_MINOR = describeCondition({ kind: 'subjectIsMinor' });

interface Row {
  readonly rule: number;
  readonly name: string;
  readonly viewer: Viewer;
  readonly owner: OwnerTag;
  readonly purpose: string;
  readonly coordinate: string;
  readonly facts: RecordFacts;
  readonly day: string | Date;
  readonly effect: 'allow' | 'deny';
  readonly reason: DecisionReason;
  /** `key art` of the agreement the decision must name, or null for none. */
  readonly agreement?: string | null;
  readonly ruleId?: string;
  readonly failedCondition?: string;
}

const row = (rule: number, name: string, viewer: Viewer, owner: OwnerTag, purpose: string, coordinate: string, f: RecordFacts, day: string | Date,
  expected: Pick<Row, 'effect' | 'reason' | 'agreement' | 'ruleId' | 'failedCondition'>): Row => ({ rule, name, viewer, owner, purpose, coordinate, facts: f, day, ...expected });
const GRANT = (agreement: string, ruleId: string) => ({ effect: 'allow', reason: 'GRANT', agreement, ruleId }) as const;
const NOT_MET = (agreement: string, ruleId: string, failedCondition: string) => ({ effect: 'deny', reason: 'CONDITIONS_NOT_MET', agreement, ruleId, failedCondition }) as const;
const NO_GRANT = { effect: 'deny', reason: 'NO_GRANT', agreement: null } as const;
const PURPOSE = { effect: 'deny', reason: 'PURPOSE_NOT_COVERED', agreement: null } as const;
const OWNER_ONLY = { effect: 'deny', reason: 'OWNER_ONLY', agreement: null, ruleId: 'owner-only' } as const;
const AMK_REPORTS = 'amk-reads-ashg-reports';

const rows: Row[] = [
  // Rule 1: deny by default.
  row(1, 'the Raad reads nothing of an ASHG report', A.raad, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1, '2026-07-01', NO_GRANT),
  row(1, 'a coordinate the schema does not have is granted by nothing', A.amk, A.ashg, 'child-abuse-assessment', 'Report.secretField', S1, '2026-07-01', NO_GRANT),
  row(1, 'public organisational data needs no covenant', A.raad, A.ashg, 'privacy-audit', 'Agency.name', S1, '2000-01-01', { effect: 'allow', reason: 'PUBLIC', agreement: null, ruleId: 'public-field' }),
  // Household.id decides whether a household is shown at all: public, it would be an existence oracle.
  row(1, 'the household id is not public', A.raad, A.ashg, 'privacy-audit', 'Household.id', S6, '2026-07-01', NO_GRANT),
  row(2, 'scenario 1: the AMK may know the household after the handover', A.amk, A.ashg, 'child-abuse-assessment', 'Household.id', S1, '2026-07-01', GRANT('groningen-ashg-amk@2 art. 4.3', 'amk-reads-household')),
  row(1, 'the household municipality is not', A.raad, A.ashg, 'privacy-audit', 'Household.municipality', S6, '2026-07-01', NO_GRANT),
  // Rule 2: the AMK reads the ASHG's reports after a handover.
  row(2, 'scenario 1: narrative after the handover', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1, '2026-07-01', GRANT('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS)),
  row(2, 'scenario 1: violence types', A.amk, A.ashg, 'child-abuse-assessment', 'Report.violenceTypes', S1, '2026-07-01', GRANT('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS)),
  row(2, 'scenario 1: child involvement', A.amk, A.ashg, 'child-abuse-assessment', 'ChildInvolvement.role', S1, '2026-07-01', GRANT('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS)),
  row(2, "scenario 1: the children's BSN", A.amk, A.ashg, 'child-abuse-assessment', 'Child.bsn', S1, '2026-07-01', GRANT('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS)),
  row(2, 'scenario 1: the referral to voluntary care that stalled', A.amk, A.ashg, 'child-abuse-assessment', 'Referral.reason', S1, '2026-07-01', GRANT('groningen-ashg-amk@2 art. 4.2', 'amk-reads-ashg-referrals')),
  row(2, 'scenario 1: the household address', A.amk, A.ashg, 'child-abuse-assessment', 'Address.street', S1, '2026-07-01', GRANT('groningen-ashg-amk@2 art. 4.3', 'amk-reads-household')),
  row(2, 'scenario 1 before the handover', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1_BEFORE_HANDOVER, '2026-04-01', NOT_MET('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS, HANDOVER)),
  row(2, 'a handover only offered, not accepted', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1_OFFERED, '2026-07-01', NOT_MET('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS, HANDOVER)),
  row(2, 'a handover to another AMK', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1_TO_OTHER_AMK, '2026-07-01', NOT_MET('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS, HANDOVER)),
  row(2, 'scenario 6: no minors, nothing reaches the AMK', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S6, '2026-05-01', NOT_MET('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS, MINORS)),
  row(2, 'the school is not granted in 2026', A.amk, A.ashg, 'child-abuse-assessment', 'Child.school', S1, '2026-07-01', NO_GRANT),
  row(2, 'the AMK reads nothing of the police under this protocol', A.amk, A.politie, 'child-abuse-assessment', 'Report.narrative', S2, '2026-09-20', NO_GRANT),
  // Rule 3: the ASHG learns the outcome, not the file.
  row(3, 'scenario 2: the ASHG sees the AMK is involved', A.ashg, A.amk, 'case-conference', 'Involvement.agency', S2, '2026-09-20', GRANT('groningen-ashg-amk@2 art. 5.1', 'ashg-learns-amk-outcome')),
  row(3, "scenario 2: the AMK case's phase", A.ashg, A.amk, 'case-conference', 'Report.phase', S2, '2026-09-20', GRANT('groningen-ashg-amk@2 art. 5.1', 'ashg-learns-amk-outcome')),
  row(3, 'scenario 2: the receiving care provider', A.ashg, A.amk, 'case-conference', 'Report.receivingCareProvider', S2, '2026-09-20', GRANT('groningen-ashg-amk@2 art. 5.1', 'ashg-learns-amk-outcome')),
  row(3, "scenario 2: not the AMK's narrative", A.ashg, A.amk, 'case-conference', 'Report.narrative', S2, '2026-09-20', NO_GRANT),
  row(3, "not the AMK's file on the children", A.ashg, A.amk, 'case-conference', 'Child.situation', S2, '2026-09-20', NO_GRANT),
  row(3, 'not for a household the ASHG does not work with', A.ashg, A.amk, 'case-conference', 'Involvement.agency', { ...S2, viewerInvolved: false }, '2026-09-20', NOT_MET('groningen-ashg-amk@2 art. 5.1', 'ashg-learns-amk-outcome', INVOLVED)),
  row(3, 'version 1 had no article 5', A.ashg, A.amk, 'case-conference', 'Involvement.agency', S2, '2020-06-01', NO_GRANT),
  // Rule 4: the police see feedback on their own zorgmeldingen.
  row(4, 'scenario 3: the status at Bureau Jeugdzorg', A.politie, A.bjz, 'zorgmelding-feedback', 'Referral.status', S3, '2026-10-20', GRANT('politie-terugkoppeling@1 art. 3', 'politie-sees-feedback')),
  row(4, 'scenario 3: the receiving care provider', A.politie, A.bjz, 'zorgmelding-feedback', 'Referral.toCareProvider', S3, '2026-10-20', GRANT('politie-terugkoppeling@1 art. 3', 'politie-sees-feedback')),
  row(4, "scenario 2: the AMK case's phase", A.politie, A.amk, 'zorgmelding-feedback', 'Involvement.phase', S2, '2026-09-20', GRANT('politie-terugkoppeling@1 art. 3', 'politie-sees-feedback')),
  row(4, 'nothing of the care content', A.politie, A.bjz, 'zorgmelding-feedback', 'Referral.reason', S3, '2026-10-20', NO_GRANT),
  row(4, "nothing of the AMK's report", A.politie, A.amk, 'zorgmelding-feedback', 'Report.narrative', S2, '2026-09-20', NO_GRANT),
  row(4, 'not on cases the police did not refer', A.politie, A.amk, 'zorgmelding-feedback', 'Involvement.phase', S1, '2026-07-01', NOT_MET('politie-terugkoppeling@1 art. 3', 'politie-sees-feedback', REFERRED_BY_VIEWER)),
  row(4, 'not before the agreement (2023)', A.politie, A.bjz, 'zorgmelding-feedback', 'Referral.status', S3, '2023-12-31', NO_GRANT),
  // Rule 5: Bureau Jeugdzorg reads police zorgmeldingen about minors.
  row(5, 'scenario 3: the zorgmelding', A.bjz, A.politie, 'early-intervention', 'Report.narrative', S3, '2026-10-06', GRANT('vroegsignalering-0-18@1 art. 3', 'bjz-reads-zorgmeldingen')),
  row(5, "scenario 3: the child's situation", A.bjz, A.politie, 'early-intervention', 'Child.situation', S3, '2026-10-06', GRANT('vroegsignalering-0-18@1 art. 3', 'bjz-reads-zorgmeldingen')),
  row(5, "scenario 3: the minor's name", A.bjz, A.politie, 'early-intervention', 'HouseholdMember.name', { ...S3, subjectIsMinor: true }, '2026-10-06', GRANT('vroegsignalering-0-18@1 art. 4.2', 'bjz-reads-minor-identity')),
  row(5, "scenario 3: not the father's name", A.bjz, A.politie, 'early-intervention', 'HouseholdMember.name', { ...S3, subjectIsMinor: false }, '2026-10-06', NOT_MET('vroegsignalering-0-18@1 art. 4.2', 'bjz-reads-minor-identity', SUBJECT_MINOR)),
  row(5, 'no minors in the household', A.bjz, A.politie, 'early-intervention', 'Report.narrative', { ...S3, householdHasMinors: false }, '2026-10-06', NOT_MET('vroegsignalering-0-18@1 art. 3', 'bjz-reads-zorgmeldingen', MINORS)),
  row(5, 'on the covenant start day', A.bjz, A.politie, 'early-intervention', 'Report.narrative', S3, '2007-01-01', GRANT('vroegsignalering-0-18@1 art. 3', 'bjz-reads-zorgmeldingen')),
  row(5, 'the day before the covenant', A.bjz, A.politie, 'early-intervention', 'Report.narrative', S3, '2006-12-31', NO_GRANT),
  row(5, 'not the ASHG report', A.bjz, A.ashg, 'early-intervention', 'Report.narrative', S1, '2026-07-01', NO_GRANT),
  // Rule 6: the wijkteam sees involvement only, in its own municipality.
  row(6, 'scenario 1: the phase category of the AMK', A.wijkteam, A.amk, 'neighbourhood-support', 'Involvement.phaseCategory', S1, '2026-07-01', GRANT('wijkteam-betrokkenheid@1 art. 2', 'wijkteam-sees-involvement')),
  row(6, 'scenario 1: the contact desk', A.wijkteam, A.ashg, 'neighbourhood-support', 'Contact.phone', S1, '2026-07-01', GRANT('wijkteam-betrokkenheid@1 art. 2', 'wijkteam-sees-involvement')),
  row(6, 'not the exact phase', A.wijkteam, A.amk, 'neighbourhood-support', 'Involvement.phase', S1, '2026-07-01', NO_GRANT),
  row(6, 'not the content', A.wijkteam, A.ashg, 'neighbourhood-support', 'Report.narrative', S1, '2026-07-01', NO_GRANT),
  row(6, 'scenario 2: Midden-Groningen is not its municipality', A.wijkteam, A.amk, 'neighbourhood-support', 'Involvement.agency', S2, '2026-09-20', NOT_MET('wijkteam-betrokkenheid@1 art. 2', 'wijkteam-sees-involvement', COVENANT_REGION)),
  row(6, 'before the agreement (2014)', A.wijkteam, A.amk, 'neighbourhood-support', 'Involvement.agency', S1, '2014-12-31', NO_GRANT),
  // Rule 7: reporter and restricted information never leave the owner.
  row(7, 'scenario 5: the reporter promised anonymity, every condition holding', A.amk, A.ashg, 'child-abuse-assessment', 'Report.reporter', S5, '2026-07-10', OWNER_ONLY),
  row(7, "scenario 5: the reporter's name", A.amk, A.ashg, 'child-abuse-assessment', 'Reporter.name', S5, '2026-07-10', OWNER_ONLY),
  row(7, 'scenario 5: restricted information', A.amk, A.ashg, 'child-abuse-assessment', 'Report.restrictedInformation', S5, '2026-07-10', OWNER_ONLY),
  row(7, 'the police officer stays with the police', A.bjz, A.politie, 'early-intervention', 'Reporter.phone', S3, '2026-10-06', OWNER_ONLY),
  // Rule 8: purpose binding.
  row(8, 'the AMK may not read the ASHG file for a case conference', A.amk, A.ashg, 'case-conference', 'Report.narrative', S1, '2026-07-01', PURPOSE),
  row(8, 'nor for early intervention', A.amk, A.ashg, 'early-intervention', 'Report.narrative', S1, '2026-07-01', PURPOSE),
  row(8, 'the ASHG may not learn the outcome for assessing abuse', A.ashg, A.amk, 'child-abuse-assessment', 'Involvement.agency', S2, '2026-09-20', PURPOSE),
  row(8, 'the police get feedback only as feedback', A.politie, A.bjz, 'case-conference', 'Referral.status', S3, '2026-10-20', PURPOSE),
  // Rule 9: validity and region.
  row(9, 'before protocol version 1', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1, '2018-12-31', NO_GRANT),
  row(9, 'first day of version 1', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1, '2019-01-01', GRANT('groningen-ashg-amk@1 art. 4.1', AMK_REPORTS)),
  row(9, 'last day of version 1', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1, '2025-12-31', GRANT('groningen-ashg-amk@1 art. 4.1', AMK_REPORTS)),
  row(9, 'version 2 supersedes it at midnight, Amsterdam time', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1, new Date('2025-12-31T23:30:00Z'), GRANT('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS)),
  row(9, 'last day of version 2', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1, '2026-12-31', GRANT('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS)),
  row(9, 'version 2 renewed tacitly', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1, '2027-01-01', GRANT('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS)),
  row(9, 'the day before version 3', A.amk, A.ashg, 'child-abuse-assessment', 'Child.school', S1, '2027-02-28', NO_GRANT),
  row(9, 'version 3 supersedes version 2', A.amk, A.ashg, 'child-abuse-assessment', 'Child.school', S1, '2027-03-01', GRANT('groningen-ashg-amk@3 art. 4.1', AMK_REPORTS)),
  row(9, 'version 3 renewed tacitly', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1, '2031-06-01', GRANT('groningen-ashg-amk@3 art. 4.1', AMK_REPORTS)),
  row(9, 'the police agreement renewed tacitly', A.politie, A.bjz, 'zorgmelding-feedback', 'Referral.status', S3, '2025-12-31', GRANT('politie-terugkoppeling@1 art. 3', 'politie-sees-feedback')),
  row(9, 'scenario 4: Assen lies outside the Groningen protocol', A.amk, A.ashg, 'child-abuse-assessment', 'Report.violenceTypes', S4, '2026-06-01', NOT_MET('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS, COVENANT_REGION)),
  row(9, 'an AMK of another region is no party to the protocol', A.amkDrenthe, A.ashg, 'child-abuse-assessment', 'Report.narrative', S1_TO_OTHER_AMK, '2026-07-01', NO_GRANT),
  row(9, "a bureau reads only its own region's households", A.bjzDrenthe, A.politie, 'early-intervention', 'Report.narrative', S3, '2013-10-06', NOT_MET('vroegsignalering-0-18@1 art. 3', 'bjz-reads-zorgmeldingen', VIEWER_REGION)),
  // covenants/organisations.yaml: Bureau Jeugdzorg Drenthe ended on 2014-12-31; from then on it is granted nothing at all.
  row(9, 'an organisation that no longer exists reads nothing', A.bjzDrenthe, A.politie, 'early-intervention', 'Report.narrative', S3, '2026-10-06', NO_GRANT),
  row(9, 'an unknown municipality lies in no region', A.amk, A.ashg, 'child-abuse-assessment', 'Report.narrative', { ...S1, municipality: null }, '2026-07-01', NOT_MET('groningen-ashg-amk@2 art. 4.1', AMK_REPORTS, COVENANT_REGION)),
  // Rule 10: the owner sees its own records in full, whatever the purpose or date.
  row(10, 'the ASHG reads its own narrative', A.ashg, A.ashg, 'own-records', 'Report.narrative', S1, '2026-07-01', { effect: 'allow', reason: 'OWNER', agreement: null, ruleId: 'owner-access' }),
  row(10, 'the owner reads its own reporter (rule 7 does not bind the owner)', A.ashg, A.ashg, 'own-records', 'Reporter.name', S5, '2026-07-10', { effect: 'allow', reason: 'OWNER', agreement: null }),
  row(10, 'the owner reads without any covenant in force', A.politie, A.politie, 'own-records', 'Report.narrative', S3, '2000-01-01', { effect: 'allow', reason: 'OWNER', agreement: null }),
];

function dateOf(day: string | Date): Date {
  return typeof day === 'string' ? onDay(day) : day;
}

function agreementText(decision: Decision): string | null {
  const agreement = agreementOf(decision);
  return agreement ? `${agreement.key} ${agreement.article}` : null;
}

describe('evaluate, by DOMAIN rule', () => {
  test.each(rows.map((r) => [`rule ${r.rule}: ${r.name}`, r] as const))('%s', (_name, r) => {
    const decision = evaluate(policy, { viewer: r.viewer, owner: r.owner, purpose: r.purpose, coordinate: r.coordinate, facts: r.facts, at: dateOf(r.day) });
    expect(decision.effect).toBe(r.effect);
    expect(decision.reason).toBe(r.reason);
    expect(decision.coordinate).toBe(r.coordinate);
    if (r.agreement !== undefined) expect(agreementText(decision)).toBe(r.agreement);
    if (r.ruleId !== undefined) expect(ruleIdOf(decision)).toBe(r.ruleId);
    expect(failedConditionOf(decision) ?? undefined).toBe(r.failedCondition);
  });

  test('the table covers every rule of DOMAIN section 4 and every reason code', () => {
    expect([...new Set(rows.map((r) => r.rule))].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...new Set(rows.map((r) => r.reason))].sort()).toEqual([...DECISION_REASONS].sort());
  });
});
