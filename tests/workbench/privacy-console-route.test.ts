/**
 * The /privacy console as served: self-contained (no CDN, no build), a strict CSP, every module it
 * imports present, every form control labelled, and no way for returned data to become markup.
 */
import { readdirSync, readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPrivacyConsole } from '#src/web/register-privacy-console.ts';

const ASSETS = new URL('../../src/web/assets/', import.meta.url);

describe('/privacy', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    registerPrivacyConsole(app);
    await app.ready();
  });
  afterAll(async () => app?.close());

  it('serves the page with a strict content security policy', async () => {
    for (const url of ['/privacy', '/privacy/']) {
      const page = await app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(page.headers['cache-control']).toBe('no-store');
    }
  });

  it('loads every script, module and stylesheet from itself, nothing from elsewhere', async () => {
    const page = (await app.inject({ url: '/privacy' })).body;
    const referenced = [...page.matchAll(/(?:src|href)="([^"#]+)"/g)].map((match) => match[1]!);
    expect(referenced).toEqual(expect.arrayContaining(['/privacy/assets/console.css', '/privacy/assets/console.js']));
    const seen = new Set<string>();
    const queue = [...referenced];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      expect(url.startsWith('/privacy/assets/'), url).toBe(true);
      const asset = await app.inject({ url });
      expect(asset.statusCode, url).toBe(200);
      if (url.endsWith('.js')) {
        expect(asset.headers['content-type']).toContain('text/javascript');
        for (const [, imported] of asset.body.matchAll(/from '(\.\/[^']+)'/g)) queue.push(`/privacy/assets/${imported!.slice(2)}`);
      }
      expect(asset.body).not.toMatch(/https?:\/\//);
    }
    expect(seen.size).toBeGreaterThanOrEqual(9);
  });

  it('has no inline script and never turns data into markup', () => {
    const page = readFileSync(new URL('index.html', ASSETS), 'utf8');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/\son[a-z]+="/);
    for (const name of readdirSync(ASSETS).filter((file) => file.endsWith('.js'))) {
      const source = readFileSync(new URL(name, ASSETS), 'utf8');
      expect({ name, html: /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(source) }).toEqual({ name, html: false });
      // The token stays in memory.
      expect({ name, storage: /localStorage|sessionStorage|document\.cookie/.test(source) }).toEqual({ name, storage: false });
    }
  });

  it('labels every form control', () => {
    const page = readFileSync(new URL('index.html', ASSETS), 'utf8');
    const controls = [...page.matchAll(/<(input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((match) => match[2]!);
    expect(controls.length).toBeGreaterThanOrEqual(12);
    for (const id of controls) expect(page, id).toContain(`<label for="${id}">`);
  });

  it('404s what is not an asset', async () => {
    for (const url of ['/privacy/assets/nope.js', '/privacy/assets/..%2Fregister-privacy-console.ts', '/privacy/assets/index.html']) {
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    }
  });
});
