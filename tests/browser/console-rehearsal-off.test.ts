/**
 * The privacy console's Rehearsal view on a gateway without a shadow policy, in headless Chromium: it
 * says so, and how to configure one, naming the next version not yet in force (groningen-ashg-amk@3 on
 * 15 February 2027); a replay still works there (it needs no shadow policy). axe-core finds nothing serious.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { POLL, chromiumAvailable, requireChromium, startConsoleBrowser, BROWSER_TIMEOUT, type ConsoleBrowser } from '../support/console-browser.ts';

requireChromium();

const NOW = new Date('2027-02-15T10:00:00+01:00');
const bsn = createWorld().households[0]!.members[0]!.bsn;

describe.skipIf(!chromiumAvailable)('the Rehearsal view without a shadow policy', BROWSER_TIMEOUT, () => {
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    browser = await startConsoleBrowser({ now: NOW }, async (gateway) => {
      expect((await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' },
        'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { narrative } } }', { bsn })).body.errors).toBeUndefined();
    });
    await browser.page.clock.install({ time: NOW });
  }, 120_000);
  afterAll(async () => browser?.close());

  it('says none is configured, and how to configure one', async () => {
    const { page } = browser;
    await browser.signIn('amk-groningen');
    await browser.openView('Rehearsal');
    await expect.poll(() => page.locator('#rehearsal-off').textContent(), POLL).toContain('No shadow policy is configured on this gateway');
    const text = await page.locator('#rehearsal-off').textContent();
    expect(text).toContain('KETENPOORT_SHADOW_COVENANTS=groningen-ashg-amk@3');
    expect(text).toContain('"shadow": { "covenantsDir": "drafts/covenants", "agreementVersions": ["groningen-ashg-amk@3"] }');
    expect(await page.locator('#rehearsal-differences').count()).toBe(0);
    expect(await browser.seriousViolations()).toEqual([]);
  }, 60_000);

  it('replays without one: an unknown decision is said to be unknown', async () => {
    const { page } = browser;
    await page.getByLabel('Logged decision id').fill('dc_unknown.1');
    await page.getByLabel('Under agreement version').selectOption('groningen-ashg-amk@3');
    await page.getByRole('button', { name: 'Replay the decision' }).click();
    await expect.poll(() => page.locator('#replay-summary').textContent(), POLL).toContain('The trail holds no decision dc_unknown.1 in your agency\'s scope');
  }, 60_000);
});
