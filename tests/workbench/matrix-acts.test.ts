/**
 * The access matrix's acts (issue 13): which organisation may hand over, refer, answer or give feedback
 * to which on a day, what travels and under which article, read from the compiled act grants; and
 * that the matrix agrees with decideAct on every row it lists.
 */
import { describe, expect, test } from 'vitest';
import { decideAct, NO_FACTS } from '#src/policy/index.ts';
import { buildAccessMatrix } from '#src/workbench/matrix.ts';
import { matrixToCsv } from '#src/workbench/matrix-csv.ts';
import { matrixToHtml } from '#src/workbench/matrix-html.ts';
import { matrixToMarkdown } from '#src/workbench/matrix-markdown.ts';
import { compileReal, permissiveFacts } from './fixtures.ts';

const { policy } = await compileReal();
const groningen = buildAccessMatrix(policy, { at: '2026-11-23', region: 'groningen' });
const handover = (matrix: typeof groningen) => matrix.acts.find((act) => act.act === 'HAND_OVER_CASE' && act.senderId === 'ashg-groningen');

describe('the acts of the access matrix', () => {
  test('on 23 November 2026 in Groningen the ASHG hands cases to the AMK under art. 4 of version 2, households with minors only (scenario 6)', () => {
    const row = handover(groningen)!;
    expect(row).toMatchObject({
      senderKind: 'ASHG', receiverId: 'amk-groningen', receiverKind: 'AMK', referralKind: 'HANDOVER_ASHG_TO_AMK', purpose: 'child-abuse-assessment',
    });
    expect(row.grants.map((grant) => [grant.agreement.key, grant.agreement.article, grant.ruleId])).toEqual([['groningen-ashg-amk@2', 'art. 4', 'ashg-hands-case-to-amk']]);
    expect(row.grants[0]!.conditionTexts).toEqual(['the household has minor children', "the household's municipality lies in the covenant's regions"]);
    expect(row.coordinates).toEqual(expect.arrayContaining(['Report.narrative', 'Child.name', 'Address.street']));
    // Version 3 adds the school from 1 March 2027.
    expect(row.coordinates).not.toContain('Child.school');
    expect(handover(buildAccessMatrix(policy, { at: '2027-03-01', region: 'groningen' }))!.coordinates).toContain('Child.school');
  });

  test('no handover before the protocol, nor for another purpose', () => {
    expect(handover(buildAccessMatrix(policy, { at: '2018-06-01', region: 'groningen' }))).toBeUndefined();
    expect(handover(buildAccessMatrix(policy, { at: '2026-11-23', region: 'groningen', purpose: 'case-conference' }))).toBeUndefined();
  });

  test('answers carry nothing, feedback the phase category and the receiving care provider only, their conditions in the act\'s words', () => {
    const answer = groningen.acts.find((act) => act.act === 'ANSWER_REFERRAL' && act.senderId === 'amk-groningen' && act.receiverId === 'ashg-groningen')!;
    expect(answer.coordinates).toEqual([]);
    expect(answer.grants[0]!.conditionTexts).toEqual(['the household has a referral from the receiver to the sender, of kind HANDOVER_ASHG_TO_AMK']);
    const feedback = groningen.acts.filter((act) => act.act === 'GIVE_FEEDBACK');
    expect(feedback.map((act) => `${act.senderId} -> ${act.receiverId} ${act.purpose} ${act.grants[0]!.agreement.key}#${act.grants[0]!.agreement.article}`)).toEqual([
      'amk-groningen -> ashg-groningen case-conference groningen-ashg-amk@2#art. 5.1',
      'amk-groningen -> politie-noord-nederland zorgmelding-feedback politie-terugkoppeling@1#art. 3',
      'bjz-groningen -> politie-noord-nederland zorgmelding-feedback politie-terugkoppeling@1#art. 3',
    ]);
    for (const act of feedback) expect(act.coordinates).toEqual(['Involvement.phaseCategory', 'Report.receivingCareProvider']);
  });

  test('a national referral goes to the bureau of the household\'s region only; organisations that no longer exist make none', () => {
    const referrals = (at: string, region: string, kind = 'POLICE_TO_BJZ') => buildAccessMatrix(policy, { at, region }).acts
      .filter((act) => act.act === 'REFER_ZORGMELDING' && act.referralKind === kind).map((act) => `${act.senderId} -> ${act.receiverId}`);
    expect(referrals('2026-11-23', 'groningen')).toEqual(['politie-amsterdam -> bjz-groningen', 'politie-noord-nederland -> bjz-groningen']);
    expect(referrals('2013-03-01', 'drenthe')).toEqual(['politie-amsterdam -> bjz-drenthe', 'politie-noord-nederland -> bjz-drenthe']);
    expect(referrals('2026-11-23', 'drenthe')).toEqual([]);
    // Since 2015 the police's zorgmeldingen about a household in Drenthe go to Veilig Thuis Drenthe, from either
    // unit (a household's region decides, not where the incident was); before, no Veilig Thuis existed.
    expect(referrals('2026-11-23', 'drenthe', 'POLICE_TO_VEILIG_THUIS')).toEqual(['politie-amsterdam -> veilig-thuis-drenthe', 'politie-noord-nederland -> veilig-thuis-drenthe']);
    expect(referrals('2013-03-01', 'drenthe', 'POLICE_TO_VEILIG_THUIS')).toEqual([]);
  });

  test('the reporter and restricted information travel with no act', () => {
    for (const at of ['2013-03-01', '2020-01-01', '2026-11-23', '2027-03-01']) {
      for (const act of buildAccessMatrix(policy, { at }).acts) {
        expect(act.coordinates.filter((coordinate) => coordinate.startsWith('Reporter.') || coordinate === 'Report.reporter' || coordinate === 'Report.restrictedInformation')).toEqual([]);
      }
    }
  });

  test('every act listed is one decideAct allows, for some household, with what the row says travels', () => {
    const matrix = buildAccessMatrix(policy, { at: '2026-11-23' });
    expect(matrix.acts.length).toBeGreaterThan(10);
    for (const row of matrix.acts) {
      const sender = policy.organisations.get(row.senderId)!;
      const decisions = ['Groningen', 'Assen', 'Amsterdam'].map((municipality) => decideAct(policy, {
        act: row.act, referralKind: row.referralKind, purpose: row.purpose, at: new Date('2026-11-23T12:00:00Z'),
        facts: { ...NO_FACTS, ...permissiveFacts(row.senderId, row.receiverId, municipality) },
        sender: { agencyId: row.senderId, kind: row.senderKind, region: sender.homeRegion }, receiver: { agencyId: row.receiverId, kind: row.receiverKind },
      })).filter((decision) => decision.allowed);
      expect(decisions.length, `${row.act} ${row.senderId} -> ${row.receiverId}`).toBeGreaterThan(0);
      for (const decision of decisions) expect([...decision.coordinates].sort()).toEqual(row.coordinates);
    }
  });

  test('md, csv and html show the acts with their article', () => {
    const markdown = matrixToMarkdown(groningen);
    expect(markdown).toContain('## Acts');
    expect(markdown).toMatch(/\| HAND_OVER_CASE \(HANDOVER_ASHG_TO_AMK\) \| ashg-groningen \(ASHG\) -> amk-groningen \(AMK\) \| child-abuse-assessment \| [^|]*Report\.narrative[^|]* \| groningen-ashg-amk@2#art\. 4 \(ashg-hands-case-to-amk\) \| the household has minor children; and /);
    expect(matrixToHtml(groningen)).toContain('<td>groningen-ashg-amk@2#art. 4 (ashg-hands-case-to-amk)</td>');
    const csv = matrixToCsv(groningen).split('\n');
    expect(csv[0]).toMatch(/,act,referral_kind,sender,receiver$/);
    expect(csv).toContainEqual(expect.stringMatching(/^2026-11-23,groningen,,ASHG,AMK,Report\.narrative,travels,groningen-ashg-amk@2,art\. 4,ashg-hands-case-to-amk,child-abuse-assessment,groningen,ashg-groningen,amk-groningen,.*,HAND_OVER_CASE,HANDOVER_ASHG_TO_AMK,ashg-groningen,amk-groningen$/));
    expect(matrixToMarkdown(buildAccessMatrix(policy, { at: '2006-06-01', region: 'groningen' }))).toContain('No act between organisations on 2006-06-01');
  });
});
