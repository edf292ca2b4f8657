/**
 * The covenant diff, by enumeration: what each version of the ASHG-AMK protocol changed (as its YAML
 * header says), across folders with the days it takes effect, and that rewriting a covenant without
 * changing its meaning changes nothing while narrowing one condition does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffPolicies } from '#src/workbench/diff.ts';
import { diffToText } from '#src/workbench/diff-format.ts';
import { diffVersions } from '#src/workbench/diff-versions.ts';
import { compileFolder } from '../../scripts/policy-source.ts';
import { compileReal, COVENANTS_DIR, covenantsWith, testAgencies } from './fixtures.ts';

const { policy } = await compileReal();
const agencies = testAgencies([]);
const cleanups: (() => void)[] = [];
afterAll(() => { for (const cleanup of cleanups) cleanup(); });

async function policyWith(files: Record<string, string | null>) {
  const copy = covenantsWith(files);
  cleanups.push(copy.cleanup);
  return (await compileFolder(copy.dir)).policy;
}
const v3Text = readFileSync(join(COVENANTS_DIR, 'groningen-ashg-amk.v3.yaml'), 'utf8');

describe('groningen-ashg-amk, version by version', () => {
  test('v1 -> v2: the ASHG gains the outcome of the AMK\'s case (art. 5.1) for the case conference, and nothing is lost', () => {
    const diff = diffVersions(policy, 'groningen-ashg-amk@1', 'groningen-ashg-amk@2', { agencies });
    expect(diff.changes.map((change) => change.change)).toEqual(['GAINED']);
    const [gain] = diff.changes;
    expect(gain).toMatchObject({
      viewerKind: 'ASHG', ownerKind: 'AMK', purpose: 'case-conference', before: null,
      after: { reason: 'GRANT', agreement: { key: 'groningen-ashg-amk@2', article: 'art. 5.1' }, ruleId: 'ashg-learns-amk-outcome' },
      viewerAgencies: ['ashg-groningen'], ownerAgencies: ['amk-groningen'],
    });
    // categories case-outcome, involvement and involvement-detail, as art. 5.1 names them.
    expect(gain!.coordinates).toEqual([
      'CaseStatus.household', 'CaseStatus.involvements', 'Contact.email', 'Contact.name', 'Contact.phone', 'Household.caseStatus', 'Household.id',
      'Household.reports', 'Involvement.agency', 'Involvement.careProvider', 'Involvement.contact', 'Involvement.phase', 'Involvement.phaseCategory',
      'Involvement.since', 'Report.id', 'Report.owner', 'Report.phase', 'Report.phaseCategory', 'Report.receivingCareProvider',
    ]);
    // Outcome, not the file (DOMAIN rule 3).
    expect(gain!.coordinates).not.toContain('Report.narrative');
    // Only for households the ASHG works with, in the protocol's region.
    expect(gain!.regions).toEqual(['groningen']);
    expect(gain!.conditions).toEqual([
      'the viewer agency holds a record of its own in the same household',
      "the household's municipality lies in the covenant's regions",
      "the household's municipality lies in the viewer agency's region",
    ]);
    expect(gain!.example).toContain('the viewer has a record of its own there');
  });

  test('v1 -> v2: the AMK may give the ASHG feedback on a case the ASHG handed it (art. 5.1), and no act is lost', () => {
    const { actChanges } = diffVersions(policy, 'groningen-ashg-amk@1', 'groningen-ashg-amk@2', { agencies });
    expect(actChanges).toEqual([{
      change: 'GAINED', act: 'GIVE_FEEDBACK', senderKind: 'AMK', receiverKind: 'ASHG', referralKind: null, purpose: 'case-conference',
      before: [],
      after: [{
        agreement: { id: 'groningen-ashg-amk', version: 2, key: 'groningen-ashg-amk@2', article: 'art. 5.1' }, grantId: 'amk-gives-ashg-feedback',
        conditions: ['the household has a referral from the receiver to the sender, of kind HANDOVER_ASHG_TO_AMK', "the household's municipality lies in the covenant's regions"],
        senders: ['amk-groningen'], receivers: ['ashg-groningen'],
      }],
      // Status and who took over, never care content (DOMAIN rule 4).
      coordinatesAdded: ['Involvement.phaseCategory', 'Report.receivingCareProvider'], coordinatesRemoved: [], periods: [],
    }]);
  });

  test('v2 -> v3: the AMK gains the children\'s school (art. 4.1), and nothing else changes', () => {
    const diff = diffVersions(policy, 'groningen-ashg-amk@2', 'groningen-ashg-amk@3', { agencies });
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({
      change: 'GAINED', viewerKind: 'AMK', ownerKind: 'ASHG', purpose: 'child-abuse-assessment', coordinates: ['Child.school'],
      before: null, after: { agreement: { key: 'groningen-ashg-amk@3', article: 'art. 4.1' } },
      viewerAgencies: ['amk-groningen'], ownerAgencies: ['ashg-groningen'],
    });
    // Only for households of the protocol's region: all of it, and nothing outside it.
    expect(diff.changes[0]!.regions).toEqual(['groningen']);
    // Not the ASHG (the v3 header: that would hand it part of the AMK's file).
    expect(diff.changes.some((change) => change.viewerKind === 'ASHG')).toBe(false);
    expect(diff.situationsChecked).toBeGreaterThan(1000);
    // The school travels with the handover too; the answer and the feedback are unchanged.
    expect(diff.actChanges.map((change) => [change.change, change.act, change.coordinatesAdded, change.coordinatesRemoved, change.after[0]?.agreement.article])).toEqual([
      ['CHANGED', 'HAND_OVER_CASE', ['Child.school'], [], 'art. 4'],
    ]);
  });

  test('v3 -> v2, the other way round: the school is lost', () => {
    const diff = diffVersions(policy, 'groningen-ashg-amk@3', 'groningen-ashg-amk@2', { agencies });
    expect(diff.changes.map((change) => [change.change, change.coordinates])).toEqual([['LOST', ['Child.school']]]);
    expect(diff.changes[0]!.before?.agreement?.key).toBe('groningen-ashg-amk@3');
    expect(diff.actChanges.map((change) => [change.change, change.act, change.coordinatesRemoved])).toEqual([['CHANGED', 'HAND_OVER_CASE', ['Child.school']]]);
  });

  test('an unknown version is refused', () => {
    expect(() => diffVersions(policy, 'groningen-ashg-amk@9', 'groningen-ashg-amk@2')).toThrow(/no agreement version/);
  });
});

describe('folders, over time', () => {
  test('the same covenants: no change', () => {
    expect(diffPolicies(policy, policy, { agencies })).toMatchObject({ changes: [], actChanges: [] });
  });

  test('v3 taking effect on 1 March 2027 instead of 1 January 2028: the school is gained in between, and only then', async () => {
    const later = await policyWith({ 'groningen-ashg-amk.v3.yaml': v3Text.replace('validFrom: 2027-03-01', 'validFrom: 2028-01-01') });
    const diff = diffPolicies(later, policy, { agencies });
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({ change: 'GAINED', coordinates: ['Child.school'], periods: [{ from: '2027-03-01', to: '2027-12-31' }] });
    expect(diffToText(diff, { before: 'v3 from 2028', after: 'covenants' })).toContain('GAINED: AMK reads ASHG for child-abuse-assessment, 2027-03-01..2027-12-31');
    // The handover carries the school in between, under version 3 instead of version 2.
    expect(diff.actChanges).toEqual([expect.objectContaining({
      change: 'CHANGED', act: 'HAND_OVER_CASE', senderKind: 'ASHG', receiverKind: 'AMK', coordinatesAdded: ['Child.school'], coordinatesRemoved: [],
      periods: [{ from: '2027-03-01', to: '2027-12-31' }],
    })]);
    expect(diffToText(diff, { before: 'v3 from 2028', after: 'covenants' })).toMatch(
      /ACT CHANGED: ASHG -> AMK HAND_OVER_CASE \(HANDOVER_ASHG_TO_AMK\) for child-abuse-assessment, 2027-03-01\.\.2027-12-31\n {2}before: groningen-ashg-amk@2#art\. 4 .*\n {2}after: groningen-ashg-amk@3#art\. 4 .*\n {2}fields added: Child\.school\n/,
    );
  });

  test('a covenant without its acts loses them, with the articles they rested on', async () => {
    const terugkoppeling = readFileSync(join(COVENANTS_DIR, 'politie-terugkoppeling.v1.yaml'), 'utf8');
    const withoutActs = parse(terugkoppeling) as Record<string, unknown>;
    delete withoutActs['acts'];
    delete withoutActs['actExamples'];
    const diff = diffPolicies(policy, await policyWith({ 'politie-terugkoppeling.v1.yaml': stringify(withoutActs) }), { agencies });
    expect(diff.changes).toEqual([]);
    expect(diff.actChanges.map((change) => `${change.change} ${change.senderKind} -> ${change.receiverKind} ${change.act} ${change.before[0]?.agreement.key}#${change.before[0]?.agreement.article}`)).toEqual([
      'LOST AMK -> POLITIE ANSWER_REFERRAL politie-terugkoppeling@1#art. 3',
      'LOST BJZ -> POLITIE ANSWER_REFERRAL politie-terugkoppeling@1#art. 3',
      'LOST AMK -> POLITIE GIVE_FEEDBACK politie-terugkoppeling@1#art. 3',
      'LOST BJZ -> POLITIE GIVE_FEEDBACK politie-terugkoppeling@1#art. 3',
    ]);
    expect(diff.actChanges.find((change) => change.act === 'GIVE_FEEDBACK')!.coordinatesRemoved).toEqual(['Involvement.phaseCategory', 'Report.receivingCareProvider']);
  });

  test('writing v3 differently without changing what it grants (categories spelled out, fields reordered) changes nothing', async () => {
    const categories = (parse(readFileSync(join(COVENANTS_DIR, 'data-categories.yaml'), 'utf8')) as { categories: { name: string; coordinates: string[] }[] }).categories;
    const v3 = parse(v3Text) as { grants: { coordinates: string[] }[]; acts?: { coordinates: string[] }[] };
    // Act grants too, so no category is left anywhere: the acts compare by what travels, not by how it is written.
    for (const grant of [...v3.grants, ...(v3.acts ?? [])]) {
      // Categories may share a coordinate (Household.timeline); spelled out, each is written once.
      grant.coordinates = [...new Set(grant.coordinates.flatMap((entry) => (entry.startsWith('category:') ? categories.find((c) => `category:${c.name}` === entry)!.coordinates : [entry])))].reverse();
    }
    const rewritten = stringify(v3);
    expect(rewritten).not.toContain('category:');
    const diff = diffPolicies(policy, await policyWith({ 'groningen-ashg-amk.v3.yaml': rewritten }), { agencies });
    expect(diff.changes).toEqual([]);
    expect(diff.actChanges).toEqual([]);
  });

  test('narrowing one condition of v3 (handover ACCEPTED only) loses the running and completed handovers from 1 March 2027', async () => {
    const narrowed = v3Text.replace('statuses: [ACCEPTED, RUNNING, COMPLETED]', 'statuses: [ACCEPTED]');
    const diff = diffPolicies(policy, await policyWith({ 'groningen-ashg-amk.v3.yaml': narrowed }), { agencies });
    expect(diff.changes.length).toBeGreaterThan(0);
    for (const change of diff.changes) {
      expect(change).toMatchObject({ change: 'LOST', viewerKind: 'AMK', ownerKind: 'ASHG', periods: [{ from: '2027-03-01', to: null }] });
      expect(change.example).toMatch(/referral ashg-groningen -> amk-groningen (RUNNING|COMPLETED)|(RUNNING|COMPLETED)/);
    }
    const lostFields = diff.changes.flatMap((change) => change.coordinates);
    expect(lostFields).toEqual(expect.arrayContaining(['Report.narrative', 'Child.school', 'Referral.reason', 'HouseholdMember.bsn']));
  });
});
