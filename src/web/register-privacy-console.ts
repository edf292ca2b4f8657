/**
 * The privacy officer's console at /privacy: static HTML, CSS and ES-module JS from src/web/assets,
 * no build step and nothing from a CDN (closed networks). The page holds no data: it asks for a
 * privacy-officer token and talks to /graphql with purpose privacy-audit, where the roles are enforced.
 * Files are read once, at registration; only the files present then are served.
 *
 * Its components use preact with htm (tagged templates, so no JSX and no build) and its charts uPlot,
 * served from node_modules under /privacy/vendor/. The page's import map names them, so the browser
 * and the type checker resolve the same bare specifiers ('preact', 'htm', 'uplot'); the import map is
 * the one inline script, allowed by its hash in the CSP, computed here from the page as it is served.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

const ASSETS_DIR = new URL('./assets/', import.meta.url);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** The libraries the console loads, by the name it asks for: the package and its file. */
const VENDOR: Record<string, { pkg: string; file: string }> = {
  'preact.js': { pkg: 'preact', file: 'dist/preact.mjs' },
  'preact-hooks.js': { pkg: 'preact', file: 'hooks/dist/hooks.mjs' },
  'htm.js': { pkg: 'htm', file: 'dist/htm.mjs' },
  'uplot.js': { pkg: 'uplot', file: 'dist/uPlot.esm.js' },
  'uplot.css': { pkg: 'uplot', file: 'dist/uPlot.min.css' },
};

/** A package's own folder, from where Node resolves its entry (a package's exports may hide package.json). */
function packageDir(pkg: string): string {
  const entry = fileURLToPath(import.meta.resolve(pkg));
  const marker = `${join('node_modules', pkg)}/`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`${pkg} does not resolve into node_modules (${entry})`);
  return entry.slice(0, at + marker.length);
}

const IMPORT_MAP = /<script type="importmap">([\s\S]*?)<\/script>/;

export const PRIVACY_CONSOLE_PATH = '/privacy';

export function registerPrivacyConsole(app: FastifyInstance): void {
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(ASSETS_DIR)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(new URL(name, ASSETS_DIR)), type });
  }
  const vendor = new Map<string, { body: Buffer; type: string }>();
  for (const [name, { pkg, file }] of Object.entries(VENDOR)) {
    vendor.set(name, { body: readFileSync(join(packageDir(pkg), file)), type: TYPES[extname(name)]! });
  }
  const page = assets.get('index.html');
  if (!page) throw new Error('src/web/assets/index.html is missing');
  const importMap = IMPORT_MAP.exec(page.body.toString('utf8'))?.[1];
  if (importMap === undefined) throw new Error('src/web/assets/index.html has no import map');
  const importMapHash = createHash('sha256').update(importMap, 'utf8').digest('base64');

  // Scripts and styles from this origin only, no inline script but the import map (by its hash); forms are
  // handled in script, never posted. Components and charts set styles through the CSSOM, which the CSP allows.
  const csp = `default-src 'none'; script-src 'self' 'sha256-${importMapHash}'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

  const secure = (reply: FastifyReply, type: string) => reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .type(type);

  const sendPage = async (_request: unknown, reply: FastifyReply) => secure(reply, page.type).header('cache-control', 'no-store').send(page.body);
  app.get(PRIVACY_CONSOLE_PATH, sendPage);
  app.get(`${PRIVACY_CONSOLE_PATH}/`, sendPage);
  app.get<{ Params: { name: string } }>(`${PRIVACY_CONSOLE_PATH}/assets/:name`, async (request, reply) => {
    const asset = request.params.name === 'index.html' ? undefined : assets.get(request.params.name);
    if (!asset) return reply.code(404).send({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
    return secure(reply, asset.type).header('cache-control', 'no-cache').send(asset.body);
  });
  app.get<{ Params: { name: string } }>(`${PRIVACY_CONSOLE_PATH}/vendor/:name`, async (request, reply) => {
    const asset = vendor.get(request.params.name);
    if (!asset) return reply.code(404).send({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
    return secure(reply, asset.type).header('cache-control', 'public, max-age=86400').send(asset.body);
  });
}
