/**
 * The privacy officer's second question, answered from the console alone in headless Chromium: what
 * changes with the next covenant version? The agreements timeline shows every version of the Groningen
 * ASHG-AMK protocol over the days it grants (tacit renewal, supersession, today) and the Drenthe merger
 * of 2015; the comparison of two versions still works, also from a click on the timeline; a gateway
 * rehearsing a draft of the protocol (art. 5.1 no longer gives the ASHG the exact phase of the AMK's
 * case) counts, after live accesses, what the draft would withhold, with samples; a sample replayed
 * under version 1 shows the decision it would have been. axe-core finds nothing serious on any of it.
 * Screenshots: reports/console/agreements-timeline.png, rehearsal.png, replay.png.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { POLL, requireChromium, chromiumAvailable, startConsoleBrowser, BROWSER_TIMEOUT, type ConsoleBrowser } from '../support/console-browser.ts';

requireChromium();

// The accesses are made in mid-February 2027 (version 2 renewed tacitly, version 3 from 1 March).
const NOW = new Date('2027-02-15T10:00:00+01:00');
const COVENANTS = new URL('../../covenants/', import.meta.url).pathname;
const scenario1 = createWorld().households[0]!;
const bsn = scenario1.members[0]!.bsn;

describe.skipIf(!chromiumAvailable)('what changes with the next covenant version', BROWSER_TIMEOUT, () => {
  const draft = mkdtempSync(join(tmpdir(), 'ketenpoort-console-draft-'));
  let browser: ConsoleBrowser;

  beforeAll(async () => {
    // The draft: art. 5.1 of version 2 keeps that the AMK is involved, no longer its exact phase or care provider.
    cpSync(COVENANTS, draft, { recursive: true });
    const v2 = join(draft, 'groningen-ashg-amk.v2.yaml');
    const grant = '    coordinates: [category:case-outcome, category:involvement, category:involvement-detail]';
    const text = readFileSync(v2, 'utf8');
    expect(text).toContain(grant);
    writeFileSync(v2, text.replace(grant, '    coordinates: [category:case-outcome, category:involvement]'));
    browser = await startConsoleBrowser({ now: NOW, env: { KETENPOORT_SHADOW_COVENANTS: draft } }, async (gateway) => {
      // Live accesses: the ASHG learns the AMK's phase for the case conference; the AMK reads the ASHG's reports.
      for (const [as, query] of [
        [{ agencyId: 'ashg-groningen', purpose: 'case-conference' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { caseStatus { involvements { agency { id } phase careProvider } } } }'],
        [{ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { children { name school } reports { narrative } } }'],
      ] as const) expect((await gateway.query(as, query, { bsn })).body.errors).toBeUndefined();
      await gateway.gateway.services.shadow!.idle();
    });
    // The browser's today is the gateway's: the timeline's today line and the policy agree. (A fixed
    // time, setFixedTime, stops the console's sign-in: its clock must run.)
    await browser.page.clock.install({ time: NOW });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(draft, { recursive: true, force: true });
  }, 60_000);

  it('shows every version of the ASHG-AMK protocol over the days it grants, and the Drenthe merger', async () => {
    const { page } = browser;
    await browser.signIn('ashg-groningen');
    await browser.openView('Agreement versions');
    const picture = page.locator('#timeline-svg');
    await expect.poll(() => picture.getAttribute('aria-label'), POLL).toContain('today 2027-02-15');
    expect(await picture.getAttribute('role')).toBe('img');
    expect(await picture.getAttribute('aria-label')).toContain('groningen-ashg-amk@2');
    const title = (selector: string) => page.locator(`#timeline-svg ${selector} > title`).textContent();
    expect(await title('[data-key="groningen-ashg-amk@1"]')).toBe('groningen-ashg-amk@1: valid 2019-01-01 to 2025-12-31; superseded by groningen-ashg-amk@2 from 2026-01-01');
    expect(await title('.version[data-key="groningen-ashg-amk@2"]')).toBe('groningen-ashg-amk@2: valid 2026-01-01 to 2026-12-31; '
      + 'renewed tacitly by 12 months at a time from 2027-01-01 to 2027-02-28; superseded by groningen-ashg-amk@3 from 2027-03-01; in force today');
    expect(await title('.version[data-key="groningen-ashg-amk@3"]')).toBe('groningen-ashg-amk@3: valid 2027-03-01 to 2028-12-31; '
      + 'renewed tacitly by 12 months at a time from 2029-01-01, until superseded');
    // Version 2's renewal is drawn dashed, up to where version 3 supersedes it (a marker with its own title).
    expect(await page.locator('#timeline-svg .version[data-key="groningen-ashg-amk@2"] rect.renewal').count()).toBe(1);
    expect(await title('.supersession[data-key="groningen-ashg-amk@3"]')).toBe('groningen-ashg-amk@3 supersedes groningen-ashg-amk@2 from 2027-03-01');
    expect(await title('.today')).toBe('Today: 2027-02-15');
    // The merger of 2015: Veilig Thuis Drenthe takes over the ASHG's and the AMK's records.
    expect(await title('.succession[data-successor="veilig-thuis-drenthe"]'))
      .toBe('On 2015-01-01 Advies- en Steunpunt Huiselijk Geweld Drenthe and AMK Drenthe (Bureau Jeugdzorg Drenthe) handed their records and tasks to Veilig Thuis Drenthe');
    // The same in the tables under the picture.
    await page.getByText('The timeline as tables').click();
    const v2 = await page.locator('#timeline-table tbody tr', { has: page.locator('th', { hasText: 'groningen-ashg-amk@2' }) }).locator('td').allTextContents();
    expect(v2).toEqual(['Samenwerkingsprotocol ASHG en AMK Groningen', '2026-01-01', '2026-12-31', '2027-01-01 to 2027-02-28, by 12 months',
      'by groningen-ashg-amk@3 from 2027-03-01', 'in force', 'Show what groningen-ashg-amk@2 changed']);
    expect(await page.locator('#timeline-organisations tr', { hasText: 'ashg-drenthe' }).locator('td').allTextContents())
      .toEqual(['ASHG', 'before any record', '2014-12-31', 'Veilig Thuis Drenthe, from 2015-01-01']);
    expect(await browser.seriousViolations()).toEqual([]);
    await page.getByText('The timeline as tables').click();
    await browser.shot('agreements-timeline');
    // Around today: 2025 to 2029, version 2's renewal wide enough to read.
    await page.getByLabel('Period shown').selectOption('recent');
    await expect.poll(() => picture.getAttribute('aria-label'), POLL).toContain('2025 to 2029');
    expect(await page.locator('#timeline-svg .version[data-key="groningen-ashg-amk@2"] .renewal-label').textContent()).toBe('tacit');
    await page.getByLabel('Period shown').selectOption('all');
  }, 60_000);

  it('compares two versions, from the form and from a click on the timeline', async () => {
    const { page } = browser;
    await page.getByLabel('Agreement', { exact: true }).selectOption('groningen-ashg-amk');
    await page.getByLabel('From version', { exact: true }).selectOption('1');
    await page.getByLabel('To version', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect.poll(() => page.locator('#diff-heading').textContent(), POLL).toBe('What groningen-ashg-amk@2 changes against groningen-ashg-amk@1');
    expect(await page.locator('#diff-output').textContent()).toContain('Gained: ASHG reads AMK for case-conference');
    // Version 3 on the picture: against version 2.
    await page.locator('#timeline-svg .version[data-key="groningen-ashg-amk@3"] rect.bar').click();
    await expect.poll(() => page.locator('#diff-heading').textContent(), POLL).toBe('What groningen-ashg-amk@3 changes against groningen-ashg-amk@2');
    expect(await page.getByLabel('From version', { exact: true }).inputValue()).toBe('2');
    expect(await page.getByLabel('To version', { exact: true }).inputValue()).toBe('3');
    expect(await page.locator('#diff-output').textContent()).toContain('Child.school');
    expect(await browser.seriousViolations()).toEqual([]);
  }, 60_000);

  it('rehearses the draft: what it would withhold of what was released, per field, with samples', async () => {
    const { page } = browser;
    await browser.openView('Rehearsal');
    await expect.poll(() => page.locator('#rehearsal-count').textContent(), POLL).toMatch(/^\d+ fields? it would decide otherwise/);
    expect(await page.locator('#rehearsal-covenants tbody tr').allTextContents()).toEqual([expect.stringContaining('groningen-ashg-amk@2')]);
    expect(await page.locator('#rehearsal-covenants tbody td').last().textContent()).toBe('changed: the draft says something else');
    const phase = await page.locator('#rehearsal-differences tbody tr', { has: page.locator('th', { hasText: /^Involvement\.phase$/ }) }).locator('td').allTextContents();
    expect(phase.slice(0, 3)).toEqual(['ASHG Groningen (Veilig Thuis Groningen)', 'AMK Groningen (Veilig Thuis Groningen)', 'case-conference']);
    expect(Number(phase[3])).toBeGreaterThan(0);
    expect(phase[4]).toBe('0');
    expect(Number(phase[6])).toBeGreaterThan(0);
    // The chart says the same, as one image with its numbers in the label.
    expect(await page.locator('#rehearsal-chart').getAttribute('aria-label')).toContain(`Involvement.phase: ashg-groningen reads amk-groningen (case-conference), ${phase[3]} released live would be withheld, 0 withheld live would be released`);
    const samples = page.getByRole('region', { name: 'Samples: Involvement.phase: ashg-groningen reads amk-groningen (case-conference)' }).locator('li');
    expect(await samples.count()).toBeGreaterThan(0);
    expect(await samples.first().textContent()).toContain('live released under groningen-ashg-amk@2 art. 5.1; the shadow policy: withheld (no grant)');
    expect(await browser.seriousViolations()).toEqual([]);
    await browser.shot('rehearsal');
    // A sample explained: the decision of the trail, released under art. 5.1.
    await samples.first().getByRole('button', { name: 'Explain' }).click();
    await expect.poll(() => page.locator('#explain-summary').textContent(), POLL).toContain('groningen-ashg-amk@2 art. 5.1');
  }, 60_000);

  it('replays a sample under another version: what version 1 would have decided', async () => {
    const { page } = browser;
    await browser.openView('Rehearsal');
    const samples = page.getByRole('region', { name: 'Samples: Involvement.phase: ashg-groningen reads amk-groningen (case-conference)' }).locator('li');
    await expect.poll(() => samples.count(), POLL).toBeGreaterThan(0);
    const decisionId = (await samples.first().locator('code').textContent())!;
    // Replay: under the next version (3, which keeps art. 5.1) by default: the same.
    await samples.first().getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => page.locator('#replay-heading').textContent(), POLL).toBe(`Decision ${decisionId} replayed under groningen-ashg-amk@3`);
    expect(await page.getByLabel('Logged decision id').inputValue()).toBe(decisionId);
    expect(await page.locator('#replay-summary').textContent()).toContain('The same: released as logged');
    // Under version 1, which had no art. 5: withheld.
    await page.getByLabel('Under agreement version').selectOption('groningen-ashg-amk@1');
    await page.getByRole('button', { name: 'Replay the decision' }).click();
    await expect.poll(() => page.locator('#replay-heading').textContent(), POLL).toBe(`Decision ${decisionId} replayed under groningen-ashg-amk@1`);
    expect(await page.locator('#replay-summary').textContent()).toBe('Differs: released as logged, groningen-ashg-amk@1 would withhold it.');
    const rows = await page.locator('#replay-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    expect(rows).toEqual([
      ['Outcome', 'released', 'withheld (differs)'],
      ['Reason', 'GRANT', 'NO_GRANT (differs)'],
      ['Grant cited', 'groningen-ashg-amk@2 art. 5.1', 'none (differs)'],
      ['Rule', 'ashg-learns-amk-outcome', 'none (differs)'],
      ['First condition that failed', 'none', 'none'],
    ]);
    expect(await page.locator('#replay-table thead').textContent()).toContain('As logged (groningen-ashg-amk@2 in force)');
    expect(await page.locator('#replay-result').textContent()).toContain('Version replacedgroningen-ashg-amk@2');
    expect(await browser.seriousViolations()).toEqual([]);
    // From the top: a table's sticky header would stand over its rows in a page scrolled down.
    await page.evaluate('window.scrollTo(0, 0)');
    await browser.shot('replay');
    expect(browser.elsewhere).toEqual([]);
  }, 60_000);
});
