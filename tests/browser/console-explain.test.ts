/**
 * The privacy console's explanation as the path a decision took, and the access request report that
 * answers the privacy officer's third question ("who saw what about this person, and why") on its own.
 * On 15 March 2027 (groningen-ashg-amk@3 in force, @1 and @2 superseded) the AMK reads scenario 1 for
 * child-abuse-assessment, the reporter's identity among it, and the ASHG reads the family's reports for
 * case-conference. The ASHG's officer (the reports are the ASHG's) explains the AMK's released read,
 * the withheld reporter and the ASHG's own refused read, then makes the child's report for March.
 * Screenshots go to reports/console/; axe-core finds no serious or critical violation on any view.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { checkAccessReport } from '#src/audit/access-report-check.ts';
import { chromiumAvailable, POLL, requireChromium, startConsoleBrowser, BROWSER_TIMEOUT, type ConsoleBrowser } from '../support/console-browser.ts';

requireChromium();

const NOW = new Date('2027-03-15T10:00:00+01:00');
const scenario1 = createWorld().households[0]!;
const child = scenario1.members.find((member) => member.role === 'CHILD')!;
const officer = (agencyId: string) => ({ agencyId, purpose: 'privacy-audit', role: 'privacy-officer' });

interface TrailDecision { id: string; coordinate: string; effect: string; reason: string; agreementKey: string | null }

describe.skipIf(!chromiumAvailable)('the explanation as a path, and the access request report', BROWSER_TIMEOUT, () => {
  let console_: ConsoleBrowser;
  let decisions: TrailDecision[];

  beforeAll(async () => {
    console_ = await startConsoleBrowser({ now: NOW }, async (gateway) => {
      const bsn = scenario1.members[0]!.bsn;
      const amk = await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' },
        'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id children { name school role } reports { narrative reporter { name } } } }', { bsn });
      expect(amk.body.errors).toBeUndefined();
      const ashg = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' },
        'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { narrative } caseStatus { involvements { agency { id } phase } } } }', { bsn });
      expect(ashg.body.errors).toBeUndefined();
    });
    // The decision ids, from the trail as the ASHG's officer sees it.
    const trail = await console_.gateway.query(officer('ashg-groningen'), `{ auditEntries(first: 200) {
      edges { node { viewer { agencyId } decisions { id coordinate effect reason agreementKey } } } } }`);
    expect(trail.body.errors).toBeUndefined();
    decisions = (trail.body.data?.auditEntries as { edges: { node: { viewer: { agencyId: string }; decisions: TrailDecision[] } }[] }).edges
      .flatMap((edge) => edge.node.decisions.map((decision) => ({ ...decision, viewer: edge.node.viewer.agencyId })));
  }, 120_000);

  afterAll(async () => console_?.close());

  const decision = (predicate: (d: TrailDecision & { viewer?: string }) => boolean) => {
    const found = decisions.find(predicate);
    expect(found).toBeDefined();
    return found!.id;
  };

  async function explain(id: string): Promise<void> {
    const { page } = console_;
    await console_.openView('Explain a decision');
    await page.getByLabel('Decision id', { exact: true }).fill(id);
    await page.locator('#explain-form').getByRole('button', { name: 'Explain' }).click();
    await expect.poll(() => page.locator('#explain-output dd').first().textContent(), POLL).toBe(id);
  }

  const stepState = (step: string) => console_.page.locator(`#explain-step-${step}`).getAttribute('class');
  const stepText = (step: string) => console_.page.locator(`#explain-step-${step}`).textContent();

  it('shows the sign-in page without serious accessibility violations', async () => {
    const { page, base } = console_;
    await page.goto(`${base}/privacy`);
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible(), POLL).toBe(true);
    expect(await console_.seriousViolations()).toEqual([]);
    await console_.shot('signin');
  });

  it('explains a released field of another organisation\'s record: the grant, its article, its conditions held', async () => {
    const { page } = console_;
    await console_.signIn('ashg-groningen');
    await explain(decision((d) => d.viewer === 'amk-groningen' && d.coordinate === 'Report.narrative' && d.reason === 'GRANT'));
    expect(await page.locator('#explain-summary').textContent()).toContain('under groningen-ashg-amk@3 art. 4.1');
    // The path: not public, not the AMK's own record, not owner-only, then the agreements, where it was decided.
    for (const step of ['public', 'own', 'owner-only', 'agreements']) expect(await stepState(step), step).toContain('passed');
    expect(await stepText('own')).toContain('no: the record is');
    expect(await stepState('grants')).toContain('decided');
    expect(await stepText('grants')).toContain('decided here');
    const decisive = page.locator('#explain-grants li.grant.decisive');
    expect(await decisive.count()).toBe(1);
    expect(await decisive.textContent()).toContain('groningen-ashg-amk@3 art. 4.1 (amk-reads-ashg-reports) - decisive: applies');
    const conditions = await decisive.locator('li.condition').allTextContents();
    expect(conditions.length).toBeGreaterThanOrEqual(3);
    for (const condition of conditions) expect(condition).toMatch(/^holds: /);
    expect(conditions).toContain('holds: the household has minor children');
    // The facts as the decision evaluated them, or "not evaluated", never a default.
    const facts = await page.locator('#explain-facts li').allTextContents();
    expect(facts).toContain('minors in the household: yes');
    expect(facts).toContain('the viewer agency holds a record in the household: not evaluated');
    expect(await stepText('outcome')).toContain('released under groningen-ashg-amk@3 art. 4.1');
    // Only the versions in force were walked: the superseded ones are folded away, named, not set out as a grid.
    expect(await page.locator('#explain-output table').count()).toBe(0);
    expect(await page.locator('#explain-grants').textContent()).not.toMatch(/groningen-ashg-amk@[12]/);
    const folded = page.locator('#explain-not-in-force');
    expect(await folded.evaluate((element) => (element as unknown as { open: boolean }).open)).toBe(false);
    expect(await folded.locator('summary').textContent()).toMatch(/^\d+ agreement version\(s\) not in force on 2027-03-15/);
    expect(await folded.locator('li').allTextContents()).toContain('groningen-ashg-amk@2: superseded by groningen-ashg-amk@3 from 2027-03-01');
    expect(await folded.locator('li').first().isVisible()).toBe(false);
    expect(await page.locator('#explain-path').evaluate((element) => element.tagName)).toBe('OL');
    expect(await page.locator('#explain-path svg[aria-hidden="true"]').count()).toBe(5);
    expect(await console_.seriousViolations()).toEqual([]);
    await console_.shot('explain');
    // And printed: the path alone, every step still there.
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header.top', '#views', '#explain-form']) expect(await page.locator(selector).isVisible(), selector).toBe(false);
    expect(await page.locator('#explain-path > li').count()).toBe(6);
    await console_.shot('explain-print');
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('explains a withheld field: where the path stopped, and why', async () => {
    // The reporter's identity: owner-only, decided before any agreement is looked at.
    await explain(decision((d) => d.viewer === 'amk-groningen' && d.coordinate === 'Report.reporter'));
    expect(await console_.page.locator('#explain-summary').textContent()).toMatch(/^withheld: /);
    expect(await stepState('owner-only')).toContain('decided');
    expect(await stepText('owner-only')).toContain('yes: it never leaves');
    for (const step of ['agreements', 'grants']) {
      expect(await stepState(step), step).toContain('not-reached');
      expect(await stepText(step), step).toContain('not reached');
    }
    expect(await stepText('outcome')).toContain('withheld: owner only (DOMAIN rule 7)');
    await console_.shot('explain-owner-only');

    // The ASHG's own read of the AMK's report for case-conference: no agreement in force grants it.
    await explain(decision((d) => d.viewer === 'ashg-groningen' && d.coordinate === 'Report.narrative' && d.effect === 'DENY'));
    expect(await stepState('grants')).toContain('decided');
    expect(await stepText('grants')).toContain('none fits this viewer, owner and purpose');
    expect(await stepText('outcome')).toMatch(/withheld: (no agreement in force grants it|no grant in force holds for the purpose)/);
    expect(await console_.page.locator('#explain-output table').count()).toBe(0);
  }, 60_000);

  it('answers "who saw what about this person, and why" from the access request report alone', async () => {
    const { page } = console_;
    await console_.openView('Access request');
    await page.getByLabel("Person's BSN", { exact: true }).fill(child.bsn);
    await page.getByLabel('Period from (day)', { exact: true }).fill('2027-03-01');
    await page.getByLabel('Period to (day, inclusive)', { exact: true }).fill('2027-03-31');
    await page.getByRole('button', { name: 'Make the report' }).click();
    await expect.poll(() => page.locator('#access-count').textContent(), POLL).toMatch(/^[1-9]\d* entr/);
    // The summary at the top: who saw the person's data, for which purposes, in which period.
    const summary = await page.locator('#access-summary').textContent();
    expect(summary).toContain('AMK Groningen (Veilig Thuis Groningen) (amk-groningen)');
    expect(summary).not.toContain('(amk-groningen): its own records only');
    expect(summary).toContain('child-abuse-assessment');
    expect(summary).toMatch(/1 Mar 2027.*31 Mar 2027/s);
    // Who, when, for what purpose, on which agreement version and article.
    const rows = await page.locator('#access-table tbody tr').allTextContents();
    const amkRead = rows.find((row) => row.includes('amk-groningen') && row.includes('Report.narrative'));
    expect(amkRead).toBeDefined();
    expect(amkRead).toContain('AMK Groningen');
    expect(amkRead).toContain('15 Mar 2027');
    expect(amkRead).toContain('child-abuse-assessment');
    expect(amkRead).toContain('groningen-ashg-amk@3 art. 4.1');
    expect(amkRead).toMatch(/Report\.reporter: withheld, owner only/);
    expect(await page.locator('body').textContent()).not.toContain(child.bsn);
    expect(await console_.seriousViolations()).toEqual([]);
    await console_.shot('access-request-summary');

    // And the proof of every entry holds: the report's own JSON, checked as an outsider checks it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#access-download').click()]);
    const saved = join(await download.path(), '..', 'explain-report.json');
    await download.saveAs(saved);
    const report = JSON.parse(readFileSync(saved, 'utf8')) as { anchor: { seq: number; hash: string }; entries: { viewer: { agencyId: string }; purpose: string; decisions: { agreementKey: string | null; article: string | null }[] }[] };
    const check = checkAccessReport(report, report.anchor);
    expect(check.ok && check.verdicts.length).toBe(rows.length);
    expect(check.ok && check.verdicts.every((verdict) => verdict.status === 'holds')).toBe(true);
    expect(report.entries.some((entry) => entry.viewer.agencyId === 'amk-groningen' && entry.purpose === 'child-abuse-assessment'
      && entry.decisions.some((d) => d.agreementKey === 'groningen-ashg-amk@3' && d.article === 'art. 4.1'))).toBe(true);
    expect(console_.elsewhere).toEqual([]);
  }, 60_000);
});
