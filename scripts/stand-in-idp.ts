/**
 * `npm run idp -- [--port 4200] [--host 127.0.0.1] [--public-url http://idp:4200]`
 * A stand-in for the agencies' identity providers (compose.yaml, integration testing): publishes one
 * fresh key set per configured agency at `<url>/<agency>/jwks.json` and signs tokens on
 * `POST <url>/<agency>/token`. Keys live in memory: a restart invalidates every token. Never run it in
 * front of a real gateway: anyone who reaches it can get a token.
 */
import { loadConfig } from '#src/config/config.ts';
// Not '#testkit': its index also exports the nock scenarios, and nock is a development dependency the image lacks.
import { startJwksServer } from '#src/testkit/stand-in-idp.ts';
import { parseCommandLine, usageError } from './cli.ts';

const { values } = parseCommandLine({
  name: 'idp',
  usage: `Usage: npm run idp -- [options]

A stand-in identity provider for every configured agency (KETENPOORT_CONFIG, or the embedded agencies):
  GET  <url>/<agency>/jwks.json                         the agency's public keys (point jwksUrl here)
  GET  <url>/<agency>/.well-known/openid-configuration  discovery (issuer <url>/<agency>)
  POST <url>/<agency>/token  {"role","purposes","userId"?} a signed token, as {"token"}
Keys live in memory; development and compose.yaml only, never in front of a real gateway.

  --port <port>       port to listen on (default 4200)
  --host <address>    address to listen on (default 127.0.0.1)
  --public-url <url>  the URL the gateways reach it at, if not http://<host>:<port> (e.g. http://idp:4200)
  -h, --help          this text`,
  options: { port: { type: 'string', default: '4200' }, host: { type: 'string', default: '127.0.0.1' }, 'public-url': { type: 'string' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) usageError('idp', `--port ${JSON.stringify(values.port)} is not a port`);
if (values['public-url'] !== undefined && !URL.canParse(values['public-url'])) usageError('idp', '--public-url is not a URL');

const agencies = loadConfig(process.env).agencies.map((agency) => agency.id);
const idp = await startJwksServer(agencies, {
  host: values.host, port, issueTokens: true, ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
});
for (const id of agencies) console.log(`${id.padEnd(26)} ${idp.jwksUrl(id)}`);
console.log(`\ntokens: curl -s -X POST ${idp.url}/<agency>/token -d '{"role":"caseworker","purposes":["case-conference"]}'. Ctrl-C stops.`);
const stop = async () => { await idp.close(); process.exit(0); };
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
