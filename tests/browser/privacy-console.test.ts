/**
 * The privacy officer's console in a real headless browser (Debian's chromium driven by playwright-core),
 * against the whole gateway on a loopback port with the 10,000-household world. As a new user would, a
 * privacy officer answers from the console alone: which agency may see a child's school, under which
 * article, on 1 March 2027; what version 2 of the ASHG-AMK protocol changed; who read anything about a
 * child last month, and on what basis. The filters are used with the keyboard only.
 * Without chromium the suite is skipped with the reason, except under CI=true, where that fails.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { registerPrivacyConsole } from '#src/web/register-privacy-console.ts';
import { BROWSER_TIMEOUT } from '../support/console-browser.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

/** The console loads its views over real HTTP; on a loaded CI machine that takes seconds, not the default one. */
const POLL = { timeout: 15_000 };

/** The few browser globals the page.evaluate callbacks use: this project compiles without the DOM library. */
interface ElementLike {
  readonly id: string;
  readonly tagName: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): ElementLike | null;
  querySelector(selector: string): ElementLike | null;
}
interface RowsLike { readonly rows: Iterable<{ readonly cells: Iterable<ElementLike> & ArrayLike<ElementLike> }> & ArrayLike<{ readonly cells: Iterable<ElementLike> & ArrayLike<ElementLike> }> }
interface PageGlobals {
  readonly document: {
    readonly activeElement: ElementLike | null;
    getElementById(id: string): (ElementLike & { readonly tHead: RowsLike; readonly tBodies: ArrayLike<RowsLike> }) | null;
    querySelector(selector: string): ElementLike | null;
  };
  getComputedStyle(element: ElementLike): { readonly color: string; readonly backgroundColor: string };
}

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const available = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
if (!available) console.warn(`tests/browser: ${CHROMIUM} not found (apt-get install -y chromium); ${inCi ? 'failing, CI=true' : 'skipping the browser tests'}`);

// The accesses are made in mid-February 2027; the privacy officer asks about that month.
const NOW = new Date('2027-02-15T10:00:00+01:00');
const scenario1 = createWorld().households[0]!;
const sanne = scenario1.members.find((member) => member.name.startsWith('Sanne'))!;
// The audit view names organisations as covenants/organisations.yaml does.
const AMK_NAME = 'AMK Groningen (Veilig Thuis Groningen)';
const ASHG_NAME = 'ASHG Groningen (Veilig Thuis Groningen)';

if (!available && inCi) {
  describe('chromium', () => {
    it('is installed (CI=true requires the browser tests to run)', () => {
      expect.fail(`${CHROMIUM} is missing; install it with apt-get install -y chromium`);
    });
  });
}

describe.skipIf(!available)('the privacy console in a browser', BROWSER_TIMEOUT, () => {
  let gateway: TestGateway;
  let front: FastifyInstance | null = null;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ now: NOW, env: { KETENPOORT_MOCK_HOUSEHOLDS: '10000' } });
    // Accesses first, so the trail has entries: the AMK reads scenario 1 after the ASHG's handover, the ASHG its case status.
    const amk = await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' },
      'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id children { name school role } reports { narrative } } }', { bsn: sanne.bsn });
    expect(amk.body.errors).toBeUndefined();
    await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' },
      'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { caseStatus { involvements { agency { id } phase } } } }', { bsn: sanne.bsn });

    const app = gateway.gateway.app;
    if (app.hasRoute({ method: 'GET', url: '/privacy' })) {
      base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    } else {
      // Until create-gateway.ts registers the console, serve it beside the gateway and pass /graphql through.
      await app.listen({ host: '127.0.0.1', port: 0 });
      front = Fastify();
      registerPrivacyConsole(front);
      front.post('/graphql', async (request, reply) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        for (const name of ['authorization', 'x-purpose']) if (typeof request.headers[name] === 'string') headers[name] = request.headers[name] as string;
        const answer = await app.inject({ method: 'POST', url: '/graphql', headers, payload: JSON.stringify(request.body) });
        return reply.code(answer.statusCode).type('application/json').send(answer.body);
      });
      base = await front.listen({ host: '127.0.0.1', port: 0 });
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'ketenpoort-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, locale: 'en-US', timezoneId: 'Europe/Amsterdam' });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await front?.close();
    await gateway?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `privacy-console-${name}.png`), fullPage: true });
  const focused = () => page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    return document.activeElement?.id || document.activeElement?.textContent?.trim() || document.activeElement?.tagName;
  });

  /**
   * Entries of the audit table in neither the organisation's requests nor its records: a request whose
   * heading names another viewer may list only entries whose owner is the organisation.
   */
  async function entriesOutsideScope(name: string): Promise<string[]> {
    const outside: string[] = [];
    for (const request of await page.locator('#audit-table tbody').all()) {
      if ((await request.locator('tr.request-head').textContent())?.includes(name)) continue;
      for (const owner of await request.locator('tr:not(.request-head) td:nth-child(2)').allTextContents()) if (owner !== name) outside.push(owner);
    }
    return outside;
  }

  async function signIn(token: string): Promise<void> {
    await page.goto(`${base}/privacy`);
    await page.getByLabel('Privacy-officer token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('tells a caseworker why not, instead of showing a blank page', async () => {
    const token = await gateway.token({ agencyId: 'amk-groningen', role: 'caseworker', purposes: ['privacy-audit'] });
    await signIn(token);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), POLL).toContain('FORBIDDEN');
    expect(await alert.textContent()).toContain('privacy-officer role');
    expect(await page.locator('#views').isHidden()).toBe(true);
    expect(await page.getByLabel('Privacy-officer token').isVisible()).toBe(true);
    await shot('forbidden');
  });

  it('which agency may see a child\'s school, under which article, on 1 March 2027? (filters by keyboard only)', async () => {
    await signIn(await gateway.token({ agencyId: 'amk-groningen', role: 'privacy-officer', purposes: ['privacy-audit'] }));
    await expect.poll(() => page.locator('#who').textContent(), POLL).toContain('privacy-officer');
    expect(await focused()).toBe('matrix-title');
    for (const label of ['Date', 'Household region', 'Purpose']) expect(await page.getByLabel(label, { exact: true }).count()).toBe(1);

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('matrix-date');
    await page.keyboard.type('03012027');
    expect(await page.locator('#matrix-date').inputValue()).toBe('2027-03-01');
    await page.keyboard.press('Tab');
    // A date field has three parts; Tab walks through them before it leaves the field.
    while ((await focused()) === 'matrix-date') await page.keyboard.press('Tab');
    expect(await focused()).toBe('matrix-region');
    // It opens on the officer's own region; Home picks "Any region".
    expect(await page.locator('#matrix-region').inputValue()).toBe('groningen');
    await page.keyboard.press('Home');
    expect(await page.locator('#matrix-region').inputValue()).toBe('');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('matrix-purpose');
    await page.keyboard.type('child');
    expect(await page.locator('#matrix-purpose').inputValue()).toBe('child-abuse-assessment');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Show the matrix');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#matrix-table caption').textContent(), POLL).toContain('on 2027-03-01, any region, purpose child-abuse-assessment');

    // Fields are grouped by data category, one tbody each; the school is in none (other fields). A column
    // header is the pair (AMK reads ASHG) and the organisations it stands for.
    const schoolRow = () => page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      const table = document.getElementById('matrix-table')!;
      const headers = [...table.tHead!.rows[0]!.cells].map((th) => th.querySelector('.pair')?.textContent ?? th.textContent);
      const row = Array.from(table.tBodies).flatMap((body) => [...body.rows]).find((tr) => tr.cells[0]!.textContent === 'Child.school')!;
      return { headers, cells: [...row.cells].map((td) => td.textContent), scope: row.cells[0]!.getAttribute('scope') };
    });
    const cell = await schoolRow();
    expect(cell.scope).toBe('row');
    const column = cell.headers.indexOf('AMK reads ASHG');
    expect(column).toBeGreaterThan(0);
    expect(cell.cells[column]).toContain('allowed');
    expect(cell.cells[column]).toContain('groningen-ashg-amk@3 art. 4.1');
    // The acts beside the reads: the handover the ASHG may make to the AMK, what travels and under which article.
    const handover = page.locator('#matrix-acts tbody tr', { hasText: 'HAND_OVER_CASE (HANDOVER_ASHG_TO_AMK)' });
    expect(await handover.locator('td').allTextContents()).toEqual([
      'ashg-groningen (ASHG)', 'amk-groningen (AMK)', 'child-abuse-assessment', expect.stringContaining('Child.school'),
      'groningen-ashg-amk@3#art. 4 (ashg-hands-case-to-amk)', expect.stringContaining('the household has minor children'),
    ]);

    // For any purpose, every other pair is denied the school, in words.
    await page.locator('#matrix-purpose').focus();
    await page.keyboard.press('Home');
    expect(await page.locator('#matrix-purpose').inputValue()).toBe('');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#matrix-table caption').textContent(), POLL).toContain('any purpose');
    const anyPurpose = await schoolRow();
    expect(anyPurpose.headers.length).toBeGreaterThan(3);
    const amk = anyPurpose.headers.indexOf('AMK reads ASHG');
    expect(anyPurpose.cells[amk]).toContain('groningen-ashg-amk@3 art. 4.1');
    expect(anyPurpose.cells.filter((_text, i) => i > 0 && i !== amk).every((text) => text?.includes('denied'))).toBe(true);

    // The school's row opens from its category (other fields), by keyboard; its article leads to the grant's conditions and parties.
    const other = page.getByRole('button', { name: 'other fields' });
    expect(await other.getAttribute('aria-expanded')).toBe('false');
    await other.focus();
    await page.keyboard.press('Enter');
    expect(await other.getAttribute('aria-expanded')).toBe('true');
    const school = page.locator('#matrix-table tr.field', { has: page.locator('th', { hasText: /^Child\.school$/ }) });
    expect(await school.isVisible()).toBe(true);
    await school.locator('td.allowed a', { hasText: 'groningen-ashg-amk@3 art. 4.1' }).click();
    const grant = page.locator('dt', { hasText: 'groningen-ashg-amk@3 art. 4.1' });
    expect(await grant.textContent()).toContain('amk-reads-ashg-reports');
    expect(await page.locator('dt:focus + dd, dt:target + dd').first().textContent()).toContain('the household has minor children');
    // Each agreement with its worked examples.
    expect(await page.locator('#matrix-output').textContent()).toContain('from March 2027 the AMK reads the school of a child the ASHG handed over');
    await shot('matrix');
  });

  it('status colours meet WCAG AA contrast, and status is also in words', async () => {
    const ratios = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
      const parse = (css: string) => (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const luminance = ([r, g, b]: number[]) => [r!, g!, b!].map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
      return ['td.allowed', 'td.denied', 'td.owner-only', 'td.partly', 'td.allowed a'].map((selector) => {
        const element = document.querySelector(selector)!;
        const cellElement = element.closest('td')!;
        const [fg, bg] = [luminance(parse(getComputedStyle(element).color)), luminance(parse(getComputedStyle(cellElement).backgroundColor))];
        return { selector, ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05), text: element.textContent };
      });
    });
    for (const { selector, ratio, text } of ratios) {
      expect({ selector, aa: ratio >= 4.5 }).toEqual({ selector, aa: true });
      expect(text?.trim().length).toBeGreaterThan(0);
    }
  });

  it('what did version 2 of the ASHG-AMK protocol change?', async () => {
    await page.getByRole('button', { name: 'Agreement versions' }).click();
    await page.getByLabel('Agreement', { exact: true }).selectOption('groningen-ashg-amk');
    await page.getByLabel('From version', { exact: true }).selectOption('1');
    await page.getByLabel('To version', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => page.locator('#diff-heading').textContent(), POLL).toBe('What groningen-ashg-amk@2 changes against groningen-ashg-amk@1');
    const text = await page.locator('#diff-output').textContent();
    expect(text).toContain('Gained: ASHG reads AMK for case-conference');
    expect(text).toContain('groningen-ashg-amk@2 art. 5.1');
    expect(text).toContain('Involvement.phase');
    expect(text).toContain('1 change in who may see what');
    expect(text).not.toContain('Lost:');
    // And the act it added: the AMK's feedback to the ASHG on a case the ASHG handed it.
    const act = await page.locator('#diff-output article.act-change').allTextContents();
    expect(act).toHaveLength(1);
    expect(act[0]).toContain('Act gained: AMK to ASHG, GIVE_FEEDBACK for case-conference');
    expect(act[0]).toContain('groningen-ashg-amk@2#art. 5.1 (amk-gives-ashg-feedback)');
    expect(act[0]).toContain('Involvement.phaseCategory, Report.receivingCareProvider');
    await shot('diff');
  });

  it('who read anything about this child last month, and on what basis?', async () => {
    await page.getByRole('button', { name: 'Audit trail' }).click();
    await page.getByLabel('Data subject BSN', { exact: true }).fill(sanne.bsn);
    await page.getByLabel('From day', { exact: true }).fill('2027-02-01');
    await page.getByLabel('To day (inclusive)', { exact: true }).fill('2027-02-28');
    await page.getByRole('button', { name: 'Search the trail' }).click();
    await expect.poll(() => page.locator('#audit-count').textContent(), POLL).toMatch(/^[1-9]\d* entr/);
    // Entries come under the request they belong to (a tbody each): its heading names the viewer
    // organisation, purpose and time; each entry's row its record, owner and decisions.
    const rows = await page.locator('#audit-table tbody').allTextContents();
    // Everything read about her on 15 February that the AMK's officer may see: the AMK's caseworker read
    // her record, the AMK's own (DOMAIN rule 10), and the family's reports, which name her among the
    // household's members; and the ASHG's caseworker looked up the AMK's involvement with her household.
    expect(rows.every((row) => row.includes('15 Feb 2027'))).toBe(true);
    expect(await entriesOutsideScope(AMK_NAME)).toEqual([]);
    expect(await page.locator('#audit-table li').filter({ hasText: /Child\.school[^:]*: own record \(DOMAIN rule 10\)/ }).count()).toBeGreaterThan(0);
    expect(rows.some((row) => row.includes('child-abuse-assessment') && row.includes('Report') && /and \d more household members/.test(row))).toBe(true);
    expect(rows.some((row) => row.includes(ASHG_NAME) && row.includes('case-conference') && row.includes('Involvement'))).toBe(true);
    // The BSN is not kept in the form, nor shown.
    expect(await page.getByLabel('Data subject BSN', { exact: true }).inputValue()).toBe('');
    expect(await page.locator('body').textContent()).not.toContain(sanne.bsn);
    await shot('audit-child');

    // And what was read of the family's file under the protocol: the ASHG's report, by article 4.1 after the handover.
    // (The search above already lists that report among others: wait for the table of this search, by its count.)
    const before = await page.locator('#audit-count').textContent();
    await page.getByLabel('Agreement version', { exact: true }).selectOption('groningen-ashg-amk@2');
    await page.getByRole('button', { name: 'Search the trail' }).click();
    await expect.poll(() => page.locator('#audit-count').textContent(), POLL).not.toBe(before);
    // Every entry under the protocol involves the ASHG: its reports read, or its own request.
    expect(await page.locator('#audit-table tbody tr:not(.request-head)').count()).toBeGreaterThan(0);
    expect(await entriesOutsideScope(ASHG_NAME)).toEqual([]);
    const narrative = /Report\.narrative[^:]*: groningen-ashg-amk@2 art\. 4\.1/;
    expect((await page.locator('#audit-table tbody').allTextContents()).join('\n')).toMatch(narrative);
    await shot('audit-protocol');

    await page.locator('#audit-table li', { hasText: narrative }).first().getByRole('button', { name: /Explain/ }).click();
    await expect.poll(() => page.locator('#explain-summary').textContent(), POLL).toContain('under groningen-ashg-amk@2 art. 4.1');
    expect(await page.locator('#explain-output li.grant.decisive').first().textContent()).toContain('decisive');
    // The AMK's officer sees which conditions the grant has, not whether they held: those facts (minors,
    // referrals) are the ASHG's data, shown only to the ASHG's own officers.
    const explained = await page.locator('#explain-output').textContent();
    const decisive = await page.locator('#explain-output li.grant.decisive').first().textContent();
    expect(decisive).toContain('not shown: the household has minor children');
    expect(decisive).not.toMatch(/(holds|fails|not evaluated): /);
    expect(await page.locator('#explain-facts').textContent()).toContain("minors in the household: not shown: another organisation's record");
    expect(explained).not.toMatch(/minors in the household: (yes|no)\b/);
    await shot('explain');

    // The same search a month later finds nothing.
    await page.getByRole('button', { name: 'Audit trail' }).click();
    await page.getByLabel('Agreement version', { exact: true }).selectOption('');
    await page.getByLabel('Data subject BSN', { exact: true }).fill(sanne.bsn);
    await page.getByLabel('From day', { exact: true }).fill('2027-03-01');
    await page.getByLabel('To day (inclusive)', { exact: true }).fill('2027-03-31');
    await page.getByRole('button', { name: 'Search the trail' }).click();
    await expect.poll(() => page.locator('#audit-count').textContent(), POLL).toBe('0 entries.');
  });
});
