/**
 * The privacy console's access request (AVG article 15) in headless Chromium, against the whole gateway
 * on a loopback port: an officer makes the report of one child for February 2027 with the keyboard only,
 * prints it (print styles: the report alone) and downloads it as JSON, which audit:check-proof's check
 * holds entry by entry; another organisation's officer gets its own scope. Nothing is fetched from
 * elsewhere, the BSN is neither kept nor shown, and no emoji. Screenshots go to reports/console/.
 * Without chromium the suite is skipped with the reason, except under CI=true, where that fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { checkAccessReport } from '#src/audit/access-report-check.ts';
import { BROWSER_TIMEOUT } from '../support/console-browser.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

interface PageGlobals { readonly document: { readonly activeElement: { readonly id: string; readonly textContent: string | null; readonly tagName: string } | null } }

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = join(process.cwd(), 'reports', 'console');
const available = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
if (!available) console.warn(`tests/browser: ${CHROMIUM} not found (apt-get install -y chromium); ${inCi ? 'failing, CI=true' : 'skipping the browser tests'}`);

const NOW = new Date('2027-02-15T10:00:00+01:00');
const scenario1 = createWorld().households[0]!;
const child = scenario1.members.find((member) => member.role === 'CHILD')!;

if (!available && inCi) {
  describe('chromium', () => {
    it('is installed (CI=true requires the browser tests to run)', () => {
      expect.fail(`${CHROMIUM} is missing; install it with apt-get install -y chromium`);
    });
  });
}

describe.skipIf(!available)('the access request in the privacy console', BROWSER_TIMEOUT, () => {
  let gateway: TestGateway;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway({ now: NOW });
    for (const [as, query] of [
      [{ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id children { name school } reports { narrative } } }'],
      [{ agencyId: 'ashg-groningen', purpose: 'case-conference' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { narrative } caseStatus { involvements { agency { id } phase } } } }'],
    ] as const) expect((await gateway.query(as, query, { bsn: scenario1.members[0]!.bsn })).body.errors).toBeUndefined();
    base = (await gateway.gateway.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    mkdirSync(SCREENSHOTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'ketenpoort-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, locale: 'en-US', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
    page = await context.newPage();
    page.on('request', (request) => { if (!request.url().startsWith(base) && !request.url().startsWith('blob:')) elsewhere.push(request.url()); });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await gateway?.close();
  });

  const focused = () => page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    return document.activeElement?.id || document.activeElement?.textContent?.trim() || document.activeElement?.tagName;
  });

  async function signIn(agencyId: string): Promise<void> {
    await page.goto(`${base}/privacy`);
    await page.getByLabel('Privacy-officer token').fill(await gateway.token({ agencyId, role: 'privacy-officer', purposes: ['privacy-audit'] }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 20_000 }).toContain(agencyId);
  }

  /** The form, by keyboard only: the view's button, then Tab from field to field. */
  async function makeReport(bsn: string): Promise<string[]> {
    await page.getByRole('button', { name: 'Access request' }).focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('access-title');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('access-bsn');
    await page.keyboard.type(bsn);
    await page.keyboard.press('Tab');
    for (const [field, typed] of [['access-from', '02012027'], ['access-to', '02282027']] as const) {
      expect(await focused()).toBe(field);
      await page.keyboard.type(typed);
      // A date field has three parts; Tab walks through them before it leaves the field.
      while ((await focused()) === field) await page.keyboard.press('Tab');
    }
    expect(await focused()).toBe('access-anchor');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Make the report');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#access-count').textContent(), { timeout: 20_000 }).toMatch(/^[1-9]\d* entr/);
    expect(await focused()).toBe('access-report-title');
    return page.locator('#access-table tbody tr').allTextContents();
  }

  it('makes the AMK\'s report of a child, printable and checkable, by keyboard', async () => {
    await signIn('amk-groningen');
    const rows = await makeReport(child.bsn);
    expect(rows.every((row) => row.includes('amk-groningen'))).toBe(true);
    const text = rows.join('\n');
    expect(text).toContain('about the person\'s household');
    expect(text).toContain('about the person\n'.trim());
    expect(text).toContain('groningen-ashg-amk@2 art. 4.1');
    expect(text).toContain('child-abuse-assessment');
    expect(await page.locator('#access-report').textContent()).toContain(gateway.gateway.services.pseudonymize(child.bsn));
    expect(await page.locator('body').textContent()).not.toContain(child.bsn);
    expect(await page.locator('#access-bsn').inputValue()).toBe('');
    expect(await page.locator('#access-view').textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
    await page.screenshot({ path: join(SCREENSHOTS, 'access-request.png'), fullPage: true });

    // Printed: the report alone.
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header.top', '#views', '#access-form', '#access-download']) expect(await page.locator(selector).isVisible(), selector).toBe(false);
    expect(await page.locator('#access-table').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'access-request-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Downloaded: the JSON the outsider's check holds, entry by entry, and a changed one it does not.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#access-download').click()]);
    const saved = join(profile, 'report.json');
    await download.saveAs(saved);
    const report = JSON.parse(readFileSync(saved, 'utf8')) as { anchor: { seq: number; hash: string }; entries: { viewer: { agencyId: string } }[] };
    expect(JSON.stringify(report)).not.toContain(child.bsn);
    const check = checkAccessReport(report, report.anchor);
    expect(check.ok && check.verdicts.length).toBe(rows.length);
    expect(check.ok && check.verdicts.every((verdict) => verdict.status === 'holds')).toBe(true);
    report.entries[0]!.viewer.agencyId = 'wijkteam-groningen';
    const changed = checkAccessReport(report, report.anchor);
    expect(changed.ok && changed.verdicts[0]).toMatchObject({ status: 'fails' });
    expect(elsewhere).toEqual([]);
  }, 60_000);

  it('gives the ASHG\'s officer the ASHG\'s scope', async () => {
    await signIn('ashg-groningen');
    const rows = await makeReport(child.bsn);
    expect(rows.every((row) => row.includes('ashg-groningen'))).toBe(true);
    expect(rows.some((row) => row.includes('case-conference'))).toBe(true);
  }, 60_000);
});
