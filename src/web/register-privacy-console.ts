/**
 * The privacy officer's console at /privacy: static HTML, CSS and ES-module JS from src/web/assets,
 * no build step and nothing from a CDN (closed networks). The page holds no data: it asks for a
 * privacy-officer token and talks to /graphql with purpose privacy-audit, where the roles are enforced.
 * Files are read once, at registration; only the files present then are served.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const ASSETS_DIR = new URL('./assets/', import.meta.url);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

// Scripts and styles from this origin only, no inline script; forms are handled in script, never posted.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const PRIVACY_CONSOLE_PATH = '/privacy';

export function registerPrivacyConsole(app: FastifyInstance): void {
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(ASSETS_DIR)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(new URL(name, ASSETS_DIR)), type });
  }
  const page = assets.get('index.html');
  if (!page) throw new Error('src/web/assets/index.html is missing');

  const secure = (reply: FastifyReply, type: string) => reply
    .header('content-security-policy', CSP)
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
}
