/**
 * Who may see what at a date, from the console alone (headless Chromium against the whole gateway): the
 * picture of who shares with whom names the AMK Groningen reading the ASHG Groningen's children and
 * their school from 1 March 2027 (by the SVG's titles and the list that says it in words, not pixels);
 * the matrix by data category opens to Child.school under groningen-ashg-amk@3 art. 4.1; the CSV
 * download says the same; printing shows the table alone; Drenthe shows its ASHG and AMK in 2014 and
 * Veilig Thuis in 2026. No serious accessibility violation, no emoji, nothing fetched from elsewhere.
 * Screenshots: reports/console/matrix.png (the table), sharing.png (the picture), matrix-print.png (the printout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, POLL, requireChromium, SCREENSHOTS, startConsoleBrowser, BROWSER_TIMEOUT, type ConsoleBrowser } from '../support/console-browser.ts';

requireChromium();

const NOW = new Date('2027-02-15T10:00:00+01:00');
const AMK = 'AMK Groningen (Veilig Thuis Groningen)';
const ASHG = 'ASHG Groningen (Veilig Thuis Groningen)';

describe.skipIf(!chromiumAvailable)('who may see what at a date, in the privacy console', BROWSER_TIMEOUT, () => {
  let console_: ConsoleBrowser;
  const page = () => console_.page;

  beforeAll(async () => {
    console_ = await startConsoleBrowser({ now: NOW });
  }, 120_000);

  afterAll(async () => { await console_?.close(); });

  async function show(date: string, region = '', purpose = ''): Promise<void> {
    await page().getByLabel('Date', { exact: true }).fill(date);
    await page().getByLabel('Household region', { exact: true }).selectOption(region);
    await page().getByLabel('Purpose', { exact: true }).selectOption(purpose);
    await page().getByRole('button', { name: 'Show the matrix' }).click();
    const words = `on ${date}, ${region ? `region ${region}` : 'any region'}, ${purpose ? `purpose ${purpose}` : 'any purpose'}`;
    await expect.poll(() => page().locator('#sharing-svg-title').textContent(), POLL).toBe(`Who shares with whom, ${words}`);
  }

  const arrow = (owner: string, viewer: string) => page().locator(`#sharing-svg g.edge[data-owner="${owner}"][data-viewer="${viewer}"] > title`);

  it('the picture: from 1 March 2027 the AMK Groningen may see the ASHG Groningen\'s children and their school', async () => {
    await console_.signIn('amk-groningen');
    await show('2027-03-01');
    const svg = page().locator('#sharing-svg');
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await page().locator('#sharing-svg-desc').textContent()).toMatch(/^\d+ organisations and \d+ arrows, each from an organisation to one that may read some of its records, on 2027-03-01/);
    const title = await arrow('ashg-groningen', 'amk-groningen').textContent();
    expect(title).toContain(`${AMK} may see categories`);
    expect(title).toContain('child-identity');
    expect(title).toContain('and field Child.school');
    expect(title).toContain(`of ${ASHG}'s records`);
    expect(title).toContain('groningen-ashg-amk@3 art. 4.1');
    expect(title).toContain('child-abuse-assessment');
    // Nodes by name, the text alternative says the same arrow in words.
    expect(await page().locator('#sharing-svg g.node[data-id="amk-groningen"] > title').textContent()).toBe(`${AMK} (AMK)`);
    const list = await page().locator('#sharing-list li').allTextContents();
    expect(list.some((item) => item.startsWith(`${AMK} may see`) && item.includes('Child.school') && item.includes(`of ${ASHG}'s records`))).toBe(true);
    expect(list).toHaveLength(await page().locator('#sharing-svg g.edge').count());
    // The day before, under version 2, the school is not on the arrow.
    await show('2027-02-28');
    expect(await arrow('ashg-groningen', 'amk-groningen').textContent()).not.toContain('Child.school');
    // The purpose filter: for the case conference the AMK reads nothing of the ASHG's children; the ASHG learns the AMK's outcome.
    await show('2027-03-01', 'groningen', 'case-conference');
    expect(await arrow('ashg-groningen', 'amk-groningen').textContent()).not.toContain('child-identity');
    expect(await arrow('amk-groningen', 'ashg-groningen').textContent()).toContain('case-outcome');
    await show('2027-03-01', 'groningen');
    await page().locator('#sharing').screenshot({ path: join(SCREENSHOTS, 'sharing.png') });
  });

  it('the matrix by data category opens to Child.school under groningen-ashg-amk@3 art. 4.1, columns named by organisation', async () => {
    await show('2027-03-01');
    const table = page().locator('#matrix-table');
    expect(await table.locator('caption').textContent()).toContain('on 2027-03-01, any region, any purpose');
    const headers = await table.locator('thead th .pair').allTextContents();
    const column = headers.indexOf('AMK reads ASHG');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(await table.locator('thead th').nth(column + 1).locator('.orgs').textContent()).toBe(`${AMK} reads ${ASHG}`);

    // A row per category: the children's identity wholly allowed to the AMK, by article 4.1.
    const childIdentity = table.locator('tr.category', { has: page().getByRole('button', { name: 'child-identity' }) });
    expect(await childIdentity.locator('td').nth(column).textContent()).toMatch(/allowed: all \d+.*groningen-ashg-amk@3 art\. 4\.1/);
    // The school is in no category: under other fields, closed until opened.
    const other = page().getByRole('button', { name: 'other fields' });
    const school = table.locator('tr.field', { has: page().locator('th', { hasText: /^Child\.school$/ }) });
    expect(await other.getAttribute('aria-expanded')).toBe('false');
    expect(await school.isVisible()).toBe(false);
    await other.press('Enter');
    expect(await other.getAttribute('aria-expanded')).toBe('true');
    expect(await school.isVisible()).toBe(true);
    expect((await other.getAttribute('aria-controls'))?.split(' ')).toContain(await school.getAttribute('id'));
    const cells = await school.locator('td').allTextContents();
    expect(cells[column]).toContain('allowed');
    expect(cells[column]).toContain('groningen-ashg-amk@3 art. 4.1');
    expect(cells.filter((_text, i) => i !== column).every((text) => text.includes('denied'))).toBe(true);
    // Owner only, with a symbol every font has.
    expect(await table.locator('tr.field', { has: page().locator('th', { hasText: /^Reporter\.name$/ }) }).locator('td').first().textContent()).toBe('\u2298 owner only');
    expect(await page().locator('body').textContent()).not.toMatch(/\p{Emoji_Presentation}/u);

    expect(await console_.seriousViolations('#matrix-view')).toEqual([]);
    // The table's section as the README shows it: the top of the table, other fields open.
    await page().locator('#matrix-table').evaluate((element: { parentElement: { scrollTop: number } | null }) => { if (element.parentElement) element.parentElement.scrollTop = 0; });
    await page().locator('#matrix-by-category').screenshot({ path: join(SCREENSHOTS, 'matrix.png') });
  }, 90_000);

  it('downloads the matrix as shown as CSV, made in the page', async () => {
    const [download] = await Promise.all([page().waitForEvent('download'), page().locator('#matrix-csv').click()]);
    expect(download.suggestedFilename()).toBe('access-matrix-2027-03-01.csv');
    expect(download.url()).toMatch(/^blob:/);
    const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(lines[0]).toBe('day,region,purpose,category,coordinate,viewer_kind,owner_kind,viewer_organisations,owner_organisations,status,articles,grants');
    expect(lines).toContain(`2027-03-01,,,other fields,Child.school,AMK,ASHG,${AMK},${ASHG},allowed,groningen-ashg-amk@3 art. 4.1,groningen-ashg-amk@3#amk-reads-ashg-reports`);
    expect(lines).toContain(`2027-03-01,,,child-identity,Child.bsn,AMK,ASHG,${AMK},${ASHG},allowed,groningen-ashg-amk@3 art. 4.1,groningen-ashg-amk@3#amk-reads-ashg-reports`);
    expect(lines.some((line) => line.startsWith('2027-03-01,,,other fields,Reporter.name,AMK,ASHG,') && line.includes(',owner-only,'))).toBe(true);
    // One line per category, field and column.
    const fields = await page().locator('#matrix-table tr.field').count();
    const columns = await page().locator('#matrix-table thead th .pair').count();
    expect(lines.filter((line) => line !== '')).toHaveLength(1 + fields * columns);
    expect(console_.elsewhere).toEqual([]);
  });

  it('prints the table alone, every category open, without sideways scroll', async () => {
    // The button asks the browser to print (the dialog itself is the browser's).
    await page().evaluate(() => { const w = globalThis as unknown as { print(): void; printed?: boolean }; w.print = () => { w.printed = true; }; });
    await page().locator('#matrix-print').click();
    expect(await page().evaluate(() => (globalThis as unknown as { printed?: boolean }).printed)).toBe(true);
    await page().emulateMedia({ media: 'print' });
    try {
      expect(await page().locator('#matrix-form').isVisible()).toBe(false);
      expect(await page().locator('#sharing').isVisible()).toBe(false);
      expect(await page().locator('#matrix-acts').isVisible()).toBe(false);
      expect(await page().locator('nav#views').isVisible()).toBe(false);
      expect(await page().locator('#matrix-table').isVisible()).toBe(true);
      expect(await page().locator('#matrix-table tr.field', { has: page().locator('th', { hasText: /^Child\.bsn$/ }) }).isVisible()).toBe(true);
      const overflow = await page().locator('#matrix-table').evaluate((table: { scrollWidth: number; parentElement: { clientWidth: number } | null }) => table.scrollWidth - (table.parentElement?.clientWidth ?? 0));
      expect(overflow).toBeLessThanOrEqual(1);
      // The first page's worth (the whole printout is some 15,000 pixels tall).
      await page().evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await page().screenshot({ path: join(SCREENSHOTS, 'matrix-print.png') });
    } finally {
      await page().emulateMedia({ media: 'screen' });
    }
    expect(await page().locator('#matrix-form').isVisible()).toBe(true);
  });

  it('Drenthe over time: its ASHG and AMK in 2014, Veilig Thuis, which controls their records, in 2026', async () => {
    const nodes = () => page().locator('#sharing-svg g.node').evaluateAll((elements: { getAttribute(name: string): string | null }[]) => elements.map((element) => element.getAttribute('data-id')));
    await show('2014-06-01', 'drenthe');
    const before = await nodes();
    expect(before).toEqual(expect.arrayContaining(['ashg-drenthe', 'amk-drenthe']));
    expect(before).not.toContain('veilig-thuis-drenthe');
    await show('2026-06-01', 'drenthe');
    const after = await nodes();
    expect(after).toContain('veilig-thuis-drenthe');
    expect(after).not.toContain('ashg-drenthe');
    expect(after).not.toContain('amk-drenthe');
    const successions = await page().locator('#sharing-successions').textContent();
    expect(successions).toContain('Veilig Thuis Drenthe controls the records');
    expect(successions).toContain('AMK Drenthe');
    expect(await page().locator('#sharing-svg g.node[data-id="veilig-thuis-drenthe"] > title').textContent()).toContain('controls the records');
    expect(await arrow('veilig-thuis-drenthe', 'raad-voor-de-kinderbescherming').textContent()).toContain('report-content');
    expect(await console_.seriousViolations('#matrix-view')).toEqual([]);
  }, 90_000);
});
