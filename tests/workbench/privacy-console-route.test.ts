/**
 * The /privacy console as served: self-contained (no CDN, no build), a strict CSP, every module it
 * imports present, every form control labelled, and no way for returned data to become markup.
 */
import { createHash } from 'node:crypto';
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
    const importMap = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(page)![1]!) as { imports: Record<string, string> };
    const referenced = [...page.matchAll(/(?:src|href)="([^"#]+)"/g)].map((match) => match[1]!);
    expect(referenced).toEqual(expect.arrayContaining(['/privacy/assets/console.css', '/privacy/assets/console.js']));
    const seen = new Set<string>();
    const queue = [...referenced];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const own = url.startsWith('/privacy/assets/');
      expect(own || url.startsWith('/privacy/vendor/'), url).toBe(true);
      const asset = await app.inject({ url });
      expect(asset.statusCode, url).toBe(200);
      if (url.endsWith('.js')) {
        expect(asset.headers['content-type']).toContain('text/javascript');
        // Relative imports from the importing file's folder; bare ones as the page's import map says.
        for (const [, imported] of asset.body.matchAll(/\b(?:from|import)\s*['"]([\w@./-]+)['"]/g)) {
          if (imported!.startsWith('./')) queue.push(`${url.slice(0, url.lastIndexOf('/') + 1)}${imported!.slice(2)}`);
          else {
            expect(importMap.imports[imported!], `${url} imports ${imported}`).toBeDefined();
            queue.push(importMap.imports[imported!]!);
          }
        }
      }
      // The libraries keep their licence headers' links; the console's own files name no other place.
      if (own) expect(asset.body).not.toMatch(/https?:\/\//);
    }
    expect(seen.size).toBeGreaterThanOrEqual(12);
    for (const url of Object.values(importMap.imports)) expect((await app.inject({ url })).statusCode, url).toBe(200);
  });

  it('allows one inline script, the import map, by its hash; never turns data into markup', async () => {
    const page = readFileSync(new URL('index.html', ASSETS), 'utf8');
    const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(inline.map((match) => match[1])).toEqual([' type="importmap"']);
    const hash = createHash('sha256').update(inline[0]![2]!, 'utf8').digest('base64');
    expect((await app.inject({ url: '/privacy' })).headers['content-security-policy']).toContain(`script-src 'self' 'sha256-${hash}';`);
    expect(page).not.toMatch(/\son[a-z]+="/);
    for (const name of readdirSync(ASSETS).filter((file) => file.endsWith('.js'))) {
      const source = readFileSync(new URL(name, ASSETS), 'utf8');
      expect({ name, html: /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(source) }).toEqual({ name, html: false });
      // The token stays in memory.
      expect({ name, storage: /localStorage|sessionStorage|document\.cookie/.test(source) }).toEqual({ name, storage: false });
    }
  });

  it('has no emoji in any of its own files, written out or escaped (a status symbol is text, not a picture)', () => {
    // Numeric references (&#128274;) and escapes (\u{1F512}, \uD83D\uDD12) count as what they stand for.
    const decode = (source: string) => source
      .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
      .replace(/&#(\d+);/g, (_m, decimal: string) => String.fromCodePoint(Number(decimal)))
      .replace(/\\u\{([0-9a-f]+)\}/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
      .replace(/(?:\\u[0-9a-f]{4})+/gi, (escapes) => String.fromCharCode(...escapes.split('\\u').slice(1).map((hex) => Number.parseInt(hex, 16))));
    const files = readdirSync(ASSETS).filter((file) => /\.(html|js|css)$/.test(file));
    expect(files).toEqual(expect.arrayContaining(['index.html', 'console.js', 'console.css', 'dom.js']));
    for (const name of files) {
      const found = [...decode(readFileSync(new URL(name, ASSETS), 'utf8')).matchAll(/\p{Extended_Pictographic}/gu)].map((match) => match[0]);
      expect({ name, found }).toEqual({ name, found: [] });
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
