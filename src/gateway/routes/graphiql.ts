/**
 * An offline GraphiQL page for development: every asset is served from node_modules, nothing from a
 * CDN (this field's users often sit on closed networks). Not registered in production.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);

const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: 'react/umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { file: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { file: 'graphiql/graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { file: 'graphiql/graphiql.min.css', type: 'text/css' },
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ketenpoort GraphiQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/graphiql/assets/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style></head>
<body><div id="graphiql">Loading GraphiQL...</div>
<script src="/graphiql/assets/react.js"></script>
<script src="/graphiql/assets/react-dom.js"></script>
<script src="/graphiql/assets/graphiql.js"></script>
<script src="/graphiql/app.js"></script></body></html>`;

const APP = `(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var headers = JSON.stringify({ Authorization: 'Bearer <npm run token -- --agency amk-groningen --role caseworker --purpose child-abuse-assessment>', 'X-Purpose': 'child-abuse-assessment' }, null, 2);
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultHeaders: headers, headerEditorEnabled: true, shouldPersistHeaders: false,
      defaultQuery: '{\\n  me { agency { id name } role purpose }\\n}\\n' }));
})();`;

const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'";

export function registerGraphiql(app: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  app.get('/graphiql', async (_request, reply) => reply.header('content-security-policy', CSP).type('text/html; charset=utf-8').send(PAGE));
  app.get('/graphiql/app.js', async (_request, reply) => reply.header('content-security-policy', CSP).type('text/javascript').send(APP));
  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', async (request, reply) => {
    const asset = ASSETS[request.params.name];
    if (!asset) return reply.code(404).send({ error: 'not found' });
    let body = cache.get(asset.file);
    if (!body) {
      const [pkg, ...rest] = asset.file.split('/');
      body = readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), ...rest));
      cache.set(asset.file, body);
    }
    return reply.header('cache-control', 'public, max-age=86400').type(asset.type).send(body);
  });
}
