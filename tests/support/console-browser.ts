/**
 * The privacy console in a real headless browser, for the browser suites (tests/browser/console-*.test.ts):
 * Debian's chromium driven by playwright-core against the whole gateway on a loopback port. It signs an
 * officer in, saves a screenshot per view under reports/console/ (the README shows them), runs axe-core
 * on the page (serious and critical violations fail), and records any request that leaves the gateway.
 * Without chromium a suite skips with the reason, except under CI=true, where that fails.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from './test-gateway.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = join(process.cwd(), 'reports', 'console');
export const chromiumAvailable = existsSync(CHROMIUM);
/** The console loads its views over real HTTP; on a loaded CI machine that takes seconds, not the default one. */
export const POLL = { timeout: 20_000 };
/** A browser test drives pages through real HTTP: on a loaded machine one step takes seconds, so each test has a minute. */
export const BROWSER_TIMEOUT = { timeout: 60_000 };

/** Call at a suite file's top level: without chromium, says why, and fails under CI=true. */
export function requireChromium(): void {
  if (chromiumAvailable) return;
  const inCi = process.env.CI === 'true';
  console.warn(`tests/browser: ${CHROMIUM} not found (apt-get install -y chromium); ${inCi ? 'failing, CI=true' : 'skipping the browser tests'}`);
  if (inCi) {
    describe('chromium', () => {
      it('is installed (CI=true requires the browser tests to run)', () => {
        expect.fail(`${CHROMIUM} is missing; install it with apt-get install -y chromium`);
      });
    });
  }
}

export interface ConsoleBrowser {
  readonly gateway: TestGateway;
  readonly base: string;
  readonly page: Page;
  readonly context: BrowserContext;
  /** Requests to anywhere but the gateway (blob: downloads aside): must stay empty. */
  readonly elsewhere: string[];
  /** Opens /privacy and signs in as this organisation's privacy officer; waits for the sign-in to show. */
  signIn(agencyId: string): Promise<void>;
  /** Clicks a view's button in the navigation and waits for its section to show. */
  openView(name: string): Promise<void>;
  /** Saves reports/console/<name>.png of the whole page. */
  shot(name: string): Promise<void>;
  /** axe-core on the page (or the part a selector names): the serious and critical violations, as id: targets. */
  seriousViolations(include?: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Starts a gateway (its options as startTestGateway's), lets `before` make accesses, then opens chromium. */
export async function startConsoleBrowser(options: TestGatewayOptions = {}, before?: (gateway: TestGateway) => Promise<void>): Promise<ConsoleBrowser> {
  const gateway = await startTestGateway(options);
  if (before) await before(gateway);
  const base = (await gateway.gateway.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'ketenpoort-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: ARGS, headless: true, locale: 'en-US', timezoneId: 'Europe/Amsterdam', acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const elsewhere: string[] = [];
  page.on('request', (request) => { if (!request.url().startsWith(base) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) elsewhere.push(request.url()); });
  return {
    gateway, base, page, context, elsewhere,
    async signIn(agencyId) {
      await page.goto(`${base}/privacy`);
      await page.getByLabel('Privacy-officer token').fill(await gateway.token({ agencyId, role: 'privacy-officer', purposes: ['privacy-audit'] }));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.locator('#who').textContent(), POLL).toContain(agencyId);
    },
    async openView(name) {
      const button = page.locator('#views').getByRole('button', { name, exact: true });
      await button.click();
      const section = await button.getAttribute('data-view');
      await expect.poll(() => page.locator(`#${section}`).isVisible(), POLL).toBe(true);
    },
    async shot(name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async seriousViolations(include) {
      const builder = new AxeBuilder({ page });
      if (include) builder.include(include);
      const results = await builder.analyze();
      return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await gateway.close();
    },
  };
}
