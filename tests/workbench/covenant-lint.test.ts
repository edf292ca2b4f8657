/**
 * Each lint rule, triggered by a copy of covenants/ with one thing broken; and the real covenants,
 * which must pass without errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { lintCovenants, lintSummary, type LintFinding, type LintRule } from '#src/workbench/lint.ts';
import { compileFolder } from '../../scripts/policy-source.ts';
import { compileReal, COVENANTS_DIR, covenantsWith } from './fixtures.ts';

const TODAY = '2026-11-23';
const cleanups: (() => void)[] = [];
afterAll(() => { for (const cleanup of cleanups) cleanup(); });

const text = (name: string) => readFileSync(join(COVENANTS_DIR, name), 'utf8');
function edit(name: string, from: string, to: string): Record<string, string> {
  const before = text(name);
  if (!before.includes(from)) throw new Error(`${name} no longer contains ${JSON.stringify(from)}; update the test`);
  return { [name]: before.replace(from, to) };
}

async function lint(files: Record<string, string | null>): Promise<LintFinding[]> {
  const copy = covenantsWith(files);
  cleanups.push(copy.cleanup);
  const { loaded, policy, schema } = await compileFolder(copy.dir);
  return lintCovenants({ loaded, policy, schema, today: TODAY });
}

const V1 = 'groningen-ashg-amk.v1.yaml';
const V3 = 'groningen-ashg-amk.v3.yaml';
const EXTRA_GRANT = (conditions: string) => `grants:
  - id: amk-reads-school
    article: art. 9
    viewerKinds: [AMK]
    ownerKinds: [ASHG]
    purposes: [child-abuse-assessment]
    coordinates: [Child.school]
    conditions: ${conditions}
`;

const CASES: { rule: LintRule; severity: LintFinding['severity']; name: string; files: () => Record<string, string | null>; message: RegExp }[] = [
  {
    rule: 'owner-only-grant', severity: 'error', name: 'a grant names the reporter',
    files: () => edit(V3, 'coordinates: [category:report-content, category:child-identity, Child.school]', 'coordinates: [category:report-content, category:child-identity, Child.school, Report.reporter]'),
    message: /grants Report\.reporter, which never leaves its owner/,
  },
  {
    rule: 'public-grant', severity: 'warning', name: 'a grant names a public field',
    files: () => edit(V3, 'coordinates: [category:report-content, category:child-identity, Child.school]', 'coordinates: [category:report-content, category:child-identity, Child.school, Agreement.title]'),
    message: /grants Agreement\.title, which is public anyway/,
  },
  {
    rule: 'contradicting-grants', severity: 'error', name: 'a second grant releases the school with fewer conditions',
    files: () => edit(V3, 'grants:\n', EXTRA_GRANT('[{ householdHasMinors: true }]')),
    message: /amk-reads-school\) releases Child\.school .* without requiring "the household has a referral from the record's owner to the viewer agency/,
  },
  {
    rule: 'overlapping-grants', severity: 'warning', name: 'a second grant releases the school under other conditions',
    files: () => edit(V3, 'grants:\n', EXTRA_GRANT('[{ subjectIsMinor: true }]')),
    message: /both release Child\.school .* under different conditions/,
  },
  {
    rule: 'validity-gap', severity: 'error', name: 'v1 ends half a year before v2 starts',
    files: () => edit(V1, 'validTo: 2025-12-31', 'validTo: 2025-06-30'),
    message: /expired on 2025-06-30 without tacit renewal: nothing of groningen-ashg-amk is in force from 2025-07-01 to 2025-12-31/,
  },
  {
    rule: 'unlinked-versions', severity: 'warning', name: 'v3 does not say it supersedes v2',
    files: () => edit(V3, 'supersedes: groningen-ashg-amk@2', 'supersedes: null'),
    message: /groningen-ashg-amk@3 does not supersede groningen-ashg-amk@2/,
  },
  {
    rule: 'expired-unreplaced', severity: 'warning', name: 'the police feedback agreement is no longer renewed and nothing replaces it',
    files: () => edit('politie-terugkoppeling.v1.yaml', 'tacitRenewal: { periodMonths: 12 }', 'tacitRenewal: null'),
    message: /politie-terugkoppeling@1 expired on 2025-12-31, is not renewed tacitly and is superseded by nothing/,
  },
  {
    rule: 'party-without-grant', severity: 'warning', name: 'the Raad is a party but no grant names it',
    files: () => edit('wijkteam-betrokkenheid.v1.yaml', 'parties:\n', 'parties:\n  - agencyKind: RAAD\n    role: Raad voor de Kinderbescherming\n'),
    message: /party every RAAD \(RAAD\) neither reads nor is read under any grant/,
  },
  {
    rule: 'unused-purpose', severity: 'warning', name: 'v3 lists a purpose no grant of it is for',
    files: () => edit(V3, 'purposes: [child-abuse-assessment, case-conference]', 'purposes: [child-abuse-assessment, case-conference, early-intervention]'),
    message: /groningen-ashg-amk@3 lists purpose early-intervention, but no grant of it is for that purpose/,
  },
  {
    rule: 'unused-category', severity: 'warning', name: 'a data category no grant uses',
    files: () => ({ 'data-categories.yaml': `${text('data-categories.yaml')}\n  - name: school-only\n    description: The school.\n    coordinates: [Child.school]\n` }),
    message: /data category school-only is used by no grant/,
  },
  {
    rule: 'party-outside-validity', severity: 'warning', name: 'a covenant in force after 2015 names the AMK Drenthe, which ended with the merger',
    files: () => edit('politie-terugkoppeling.v1.yaml', '  - agencyKind: BJZ\n', '  - agencyKind: AMK\n    agencyId: amk-drenthe\n    role: Ontvangt zorgmeldingen (Drenthe)\n  - agencyKind: BJZ\n'),
    message: /politie-terugkoppeling@1 is in force from 2024-01-01 on, but its party amk-drenthe exists only until 2014-12-31: after that it is granted nothing; its records are decided on as veilig-thuis-drenthe's, which the covenant does not name/,
  },
  {
    rule: 'region-kind-fallback', severity: 'note', name: 'a covenant of police units asks for the AMK\'s region, which it has only of other kinds',
    files: () => edit(V3, 'regions: [groningen]', 'regions: [noord-nederland]'),
    message: /groningen-ashg-amk@3 covers police-unit regions, but amk-groningen has none in organisations.yaml: "the viewer agency's region" is its home region groningen/,
  },
  {
    rule: 'act-receiver-without-system', severity: 'warning', name: 'Veilig Thuis may give the Ouder- en Kindteam feedback, which has no system to receive it',
    files: () => edit('kindroute-amsterdam-amstelland.v1.yaml', '\nacts:\n', `\nacts:
  - id: veilig-thuis-tells-team
    article: art. 4
    act: GIVE_FEEDBACK
    senderKinds: [VEILIG_THUIS]
    receiverKinds: [WIJKTEAM]
    purposes: [voluntary-help]
    coordinates: [Involvement.phaseCategory]
`),
    message: /kindroute-amsterdam-amstelland@1 art\. 4 \(veilig-thuis-tells-team\) lets GIVE_FEEDBACK go to WIJKTEAM, but no WIJKTEAM party has a record system/,
  },
];

describe('covenant lint', () => {
  test('the real covenants pass without errors or warnings', async () => {
    const { loaded, policy, schema } = await compileReal();
    const findings = lintCovenants({ loaded, policy, schema, today: TODAY });
    expect(findings.filter((finding) => finding.severity !== 'note')).toEqual([]);
    // Purposes for the gateway itself are noted, not warned about.
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'note', rule: 'purpose-no-grant-uses', message: expect.stringContaining('privacy-audit') }));
  });

  test.each(CASES)('$rule ($severity): $name', async ({ rule, severity, files, message }) => {
    const findings = await lint(files());
    const hits = findings.filter((finding) => finding.rule === rule);
    expect(hits.length, JSON.stringify(findings.map((f) => `${f.rule}: ${f.message}`), null, 1)).toBeGreaterThan(0);
    expect(hits[0]!.severity).toBe(severity);
    expect(hits.map((hit) => hit.message).join('\n')).toMatch(message);
    expect(hits[0]!.where).toMatch(/\.yaml:\d+$/);
    // Errors fail CI; a set that only warns does not.
    expect(lintSummary(findings).errors > 0).toBe(severity === 'error');
  });

  // report-content and referral-file both name Household.timeline (it lists reports and referrals), so
  // art. 4.1 and 4.2 both open it; that released nothing twice, yet was warned about as an overlap.
  test('two grants sharing only a link to records (Household.timeline) do not overlap', async () => {
    const { loaded, policy, schema } = await compileReal();
    const shared = policy.grantsByCoordinate.get('Household.timeline') ?? [];
    expect(shared.map((grant) => grant.grant.id)).toEqual(expect.arrayContaining(['amk-reads-ashg-reports', 'amk-reads-ashg-referrals']));
    const findings = lintCovenants({ loaded, policy, schema, today: TODAY });
    expect(findings.filter((finding) => finding.message.includes('Household.timeline'))).toEqual([]);
  });

  test('a link shared along with a field that holds data is reported for that field', async () => {
    const findings = await lint(edit(V3, 'grants:\n', EXTRA_GRANT('[{ subjectIsMinor: true }]').replace('coordinates: [Child.school]', 'coordinates: [Household.timeline, Child.school]')));
    const hits = findings.filter((finding) => finding.rule === 'overlapping-grants' && finding.message.includes('amk-reads-school'));
    expect(hits.map((hit) => hit.message)).toEqual([expect.stringMatching(/both release Child\.school \(/)]);
  });

  test('tacit renewal bridges what would otherwise be a gap', async () => {
    const findings = await lint(edit(V1, 'validTo: 2025-12-31\ntacitRenewal: null', 'validTo: 2024-06-30\ntacitRenewal: { periodMonths: 12 }'));
    expect(findings.filter((finding) => finding.rule === 'validity-gap')).toEqual([]);
  });
});
