/**
 * Who saw what about this person, and why: the console's audit view in headless Chromium, against the
 * whole gateway. After the AMK's caseworker has read scenario 1 (twice) and the ASHG's its case status,
 * the AMK's privacy officer searches the child's February: the totals are the trail's, the entries come
 * a small page at a time under the request they belong to with the organisations by name, a trace can be
 * followed on its own, the CSV holds every page, and the accesses over time and the withheld fields by
 * reason say in text what the canvas draws. Each number is checked against the trail itself, read from
 * the store (which enters nothing). axe-core finds no serious or critical violation; nothing is fetched
 * from elsewhere. Screenshots: reports/console/audit.png and accesses-over-time.png.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import type { AuditEntry } from '#src/audit/entry.ts';
import { chromiumAvailable, POLL, requireChromium, startConsoleBrowser, BROWSER_TIMEOUT, type ConsoleBrowser } from '../support/console-browser.ts';

requireChromium();

const NOW = new Date('2027-02-15T10:00:00+01:00');
const scenario1 = createWorld().households[0]!;
const sanne = scenario1.members.find((member) => member.name.startsWith('Sanne'))!;
const AMK_NAME = 'AMK Groningen (Veilig Thuis Groningen)';
const ASHG_NAME = 'ASHG Groningen (Veilig Thuis Groningen)';
const PAGE_SIZE = 3;
const READ = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id children { name school role } reports { narrative restrictedInformation } } }';
const CASE_STATUS = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { caseStatus { involvements { agency { id } phase } } children { name school } } }';

/** RFC 4180 rows (quoted cells with doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The entry's decisions gathered as the view gathers them: one Explain per effect, basis and reason. */
function bases(entry: AuditEntry): number {
  return new Set(entry.decisions.map((d) => `${d.effect} ${d.agreementKey ?? d.reason} ${d.article ?? ''} ${d.reason}`)).size;
}

describe.skipIf(!chromiumAvailable)('who saw what: the audit view', BROWSER_TIMEOUT, () => {
  let browser: ConsoleBrowser;
  /** The trail in the AMK's scope about the child in February, records read only: what the view must show. */
  let expected: AuditEntry[];

  beforeAll(async () => {
    browser = await startConsoleBrowser({ now: NOW }, async (gateway) => {
      for (let round = 0; round < 2; round++) {
        const amk = await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, READ, { bsn: sanne.bsn });
        expect(amk.body.errors).toBeUndefined();
      }
      const ashg = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' }, CASE_STATUS, { bsn: sanne.bsn });
      expect(ashg.body.errors).toBeUndefined();
    });
    const services = browser.gateway.gateway.services;
    const page = await services.audit.query({
      scopeAgencyId: 'amk-groningen', subject: services.pseudonymize(sanne.bsn), kind: 'access',
      from: new Date('2027-02-01T00:00:00+01:00'), to: new Date('2027-03-01T00:00:00+01:00'),
    }, { first: 500 });
    expected = page.entries;
    expect(page.hasNextPage).toBe(false);
    // Enough to page through, from both organisations.
    expect(expected.length).toBeGreaterThan(PAGE_SIZE * 2);
    expect(new Set(expected.map((entry) => entry.viewer.agencyId))).toEqual(new Set(['amk-groningen', 'ashg-groningen']));
  }, 180_000);

  afterAll(async () => browser?.close());

  const requests = () => new Set(expected.map((entry) => entry.requestSeq)).size;
  const shownSeqs = async () => (await browser.page.locator('#audit-table tbody tr:not(.request-head) th').allTextContents())
    .map((text) => /#(\d+)/.exec(text)?.[1]);

  async function searchChild(): Promise<void> {
    const { page } = browser;
    await page.getByLabel('Data subject BSN', { exact: true }).fill(sanne.bsn);
    await page.getByLabel('From day', { exact: true }).fill('2027-02-01');
    await page.getByLabel('To day (inclusive)', { exact: true }).fill('2027-02-28');
    await page.getByLabel('Kind of entry', { exact: true }).selectOption('ACCESS');
    await page.getByLabel('Entries per page', { exact: true }).fill(String(PAGE_SIZE));
    await page.getByRole('button', { name: 'Search the trail' }).click();
    await expect.poll(() => page.locator('#audit-count').textContent(), POLL).toMatch(/^[1-9]\d* entr/);
  }

  it('totals the search, and groups a page of entries under their requests with organisations by name', { timeout: 90_000 }, async () => {
    const { page } = browser;
    await browser.signIn('amk-groningen');
    await browser.openView('Audit trail');
    await searchChild();
    expect(await page.locator('#audit-count').textContent())
      .toBe(`${expected.length} entries in ${requests()} requests by 2 organisations; showing 1 to ${PAGE_SIZE}.`);
    const totals = Object.fromEntries(await page.locator('#audit-totals dt').evaluateAll((terms) => terms.map((term) => [term.textContent, term.nextElementSibling?.textContent])));
    expect(totals).toMatchObject({
      Entries: String(expected.length), Requests: String(requests()), 'Organisations that viewed': '2',
      'Fields released': String(expected.reduce((sum, entry) => sum + entry.fieldsReleased.length, 0)),
      'Fields withheld': String(expected.reduce((sum, entry) => sum + entry.fieldsWithheld.length, 0)),
    });

    // The first page: its entries in chain order, under one heading per request.
    const firstPage = expected.slice(0, PAGE_SIZE);
    expect(await shownSeqs()).toEqual(firstPage.map((entry) => String(entry.seq)));
    const heads = await page.locator('#audit-table tr.request-head').allTextContents();
    expect(heads).toHaveLength(new Set(firstPage.map((entry) => entry.requestSeq)).size);
    for (const head of heads) {
      expect(head).toContain(AMK_NAME);
      expect(head).toContain('child-abuse-assessment');
      expect(head).toContain('15 Feb 2027');
      expect(head).toMatch(/trace [0-9a-f]{32}/);
    }
    // One Explain per legal basis of an entry, not one per field.
    const decisions = firstPage.reduce((sum, entry) => sum + entry.decisions.length, 0);
    const explains = await page.locator('#audit-table').getByRole('button', { name: /^Explain/ }).count();
    expect(explains).toBe(firstPage.reduce((sum, entry) => sum + bases(entry), 0));
    expect(explains).toBeLessThan(decisions);
    // Organisations by name, not by id; the BSN neither kept nor shown.
    const table = await page.locator('#audit-table').textContent();
    expect(table).not.toMatch(/amk-groningen|ashg-groningen/);
    expect(await page.getByLabel('Data subject BSN', { exact: true }).inputValue()).toBe('');
    expect(await page.locator('body').textContent()).not.toContain(sanne.bsn);
    expect(await browser.seriousViolations()).toEqual([]);
    await browser.shot('audit');
  });

  it('pages through the search, a small page at a time, without a gap or a repeat, and back', { timeout: 90_000 }, async () => {
    const { page } = browser;
    const walked: (string | undefined)[] = [...await shownSeqs()];
    const next = page.getByRole('navigation', { name: 'Pages of entries (bottom)' }).getByRole('button', { name: 'Next page' });
    while (await next.isEnabled()) {
      const before = (await shownSeqs()).join();
      await next.click();
      await expect.poll(async () => (await shownSeqs()).join(), POLL).not.toBe(before);
      walked.push(...await shownSeqs());
    }
    expect(walked).toEqual(expected.map((entry) => String(entry.seq)));
    expect(await page.locator('#audit-table tr.request-head').filter({ hasText: ASHG_NAME }).count()).toBeGreaterThan(0);
    const pages = Math.ceil(expected.length / PAGE_SIZE);
    expect(await page.locator('.pager').first().textContent()).toContain(`Page ${pages} of ${pages}`);
    const previous = page.getByRole('navigation', { name: 'Pages of entries (top)' }).getByRole('button', { name: 'Previous page' });
    await previous.click();
    await expect.poll(async () => (await shownSeqs())[0], POLL).toBe(String(expected[(pages - 2) * PAGE_SIZE]!.seq));
    await next.click();
    await expect.poll(async () => (await shownSeqs())[0], POLL).toBe(String(expected[(pages - 1) * PAGE_SIZE]!.seq));
  });

  it('follows one trace on its own, and goes back to the search', { timeout: 90_000 }, async () => {
    const { page } = browser;
    // On the last page: the ASHG's request, the newest.
    const ashgHead = page.locator('#audit-table tbody').filter({ has: page.locator('tr.request-head', { hasText: ASHG_NAME }) }).first();
    const traceId = await ashgHead.getAttribute('data-trace');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    await ashgHead.getByRole('button', { name: /^Only this trace/ }).click();
    await expect.poll(() => page.locator('#audit-trace-status').textContent(), POLL).toContain(traceId!);
    const inTrace = (await browser.gateway.gateway.services.audit.query({ scopeAgencyId: 'amk-groningen', traceId: traceId! }, { first: 500 })).entries;
    expect(await page.locator('#audit-count').textContent()).toMatch(new RegExp(`^${inTrace.length} entr`));
    const traces = await page.locator('#audit-table tbody').evaluateAll((bodies) => bodies.map((body) => body.getAttribute('data-trace')));
    expect(new Set(traces)).toEqual(new Set([traceId]));
    expect(await page.locator('#audit-table tr.request-head').first().textContent()).toContain(ASHG_NAME);
    await page.getByRole('button', { name: 'Back to the search' }).click();
    await expect.poll(() => page.locator('#audit-count').textContent(), POLL).toMatch(new RegExp(`^${expected.length} entries in`));
    expect(await page.locator('#audit-trace-status').count()).toBe(0);
  });

  it('downloads the whole search as CSV, one row per entry, every page, no BSN', { timeout: 90_000 }, async () => {
    const { page } = browser;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download the search as CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).not.toContain(sanne.bsn);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(expect.arrayContaining(['seq', 'requestSeq', 'time', 'traceId', 'viewerAgencyId', 'viewerOrganisation', 'purpose', 'fieldsReleased', 'fieldsWithheld', 'decisions']));
    const column = (name: string) => rows.map((row) => row[header!.indexOf(name)]);
    expect(rows.every((row) => row.length === header!.length)).toBe(true);
    expect(column('seq')).toEqual(expected.map((entry) => String(entry.seq)));
    expect(column('traceId')).toEqual(expected.map((entry) => entry.traceId));
    expect(column('viewerOrganisation')).toEqual(expected.map((entry) => (entry.viewer.agencyId === 'amk-groningen' ? AMK_NAME : ASHG_NAME)));
    expect(column('fieldsReleased')).toEqual(expected.map((entry) => entry.fieldsReleased.join('; ')));
    expect(column('decisions').map((cell) => cell!.split('; ').length)).toEqual(expected.map((entry) => Math.max(1, entry.decisions.length)));
    await expect.poll(() => page.locator('#audit-busy').textContent(), POLL).toBe(`Downloaded ${expected.length} entries as CSV.`);
    expect(browser.elsewhere).toEqual([]);
  });

  it('charts accesses per day by organisation, agreement or purpose, with the numbers in text, and withheld fields by reason', { timeout: 90_000 }, async () => {
    const { page } = browser;
    const chart = page.locator('#audit-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    const amkEntries = expected.filter((entry) => entry.viewer.agencyId === 'amk-groningen').length;
    const ashgEntries = expected.length - amkEntries;
    const label = await chart.getAttribute('aria-label');
    expect(label).toContain('by organisation, 2027-02-15 to 2027-02-15');
    expect(label).toContain(`${AMK_NAME} ${amkEntries} entries`);
    expect(label).toContain(`${ASHG_NAME} ${ashgEntries} entr`);

    await page.locator('#accesses-details summary').click();
    const table = page.locator('#accesses-table');
    const cells = async () => table.evaluate((element) => [...element.querySelectorAll('tr')].map((row) => [...row.children].map((cell) => cell.textContent)));
    expect(await cells()).toEqual([['Day', AMK_NAME, ASHG_NAME], ['2027-02-15', String(amkEntries), String(ashgEntries)], ['Total', String(amkEntries), String(ashgEntries)]]);
    await browser.shot('accesses-over-time');

    // Requests rather than entries: the AMK's two reads, the ASHG's one.
    await page.getByRole('radio', { name: 'requests' }).check();
    await expect.poll(async () => (await cells())[1], POLL).toEqual(['2027-02-15', '2', '1']);
    // By agreement: each version a released field was granted by, and the AMK's own records under none.
    await page.getByRole('radio', { name: 'agreement' }).check();
    await page.getByRole('radio', { name: 'entries' }).check();
    const agreements = new Set(expected.flatMap((entry) => entry.decisions.filter((d) => d.effect === 'allow' && d.agreementKey && entry.fieldsReleased.includes(d.coordinate)).map((d) => d.agreementKey)));
    await expect.poll(async () => (await cells())[0]!.filter((heading) => heading?.includes('@')).sort(), POLL).toEqual([...agreements].sort());
    await page.getByRole('radio', { name: 'purpose' }).check();
    await expect.poll(async () => (await cells())[0]!.slice(1).sort(), POLL).toEqual(['case-conference', 'child-abuse-assessment']);

    // Withheld fields by reason, counted from the entries' own decisions.
    const reasons = new Map<string, number>();
    for (const entry of expected) {
      for (const coordinate of entry.fieldsWithheld) {
        const reason = entry.decisions.find((d) => d.coordinate === coordinate && d.effect === 'deny')?.reason ?? 'NOT_RECORDED';
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    }
    expect(reasons.size).toBeGreaterThan(0);
    const shown = await page.locator('#audit-redactions tbody tr').evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.firstChild?.textContent, row.querySelector('td')?.textContent]));
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries([...reasons].map(([reason, count]) => [reason, String(count)])));
    expect(await browser.seriousViolations()).toEqual([]);
  });
});
