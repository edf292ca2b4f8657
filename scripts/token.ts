/**
 * `npm run token -- --agency <id> --role <role> --purpose <code> [--purpose <code>...] [--user <id>] [--ttl <s>]`
 * Prints only a signed development token for a configured agency, so a tester can curl in one line.
 * `--help` lists the agencies, roles and purposes, and where the configured gateway listens.
 */
import { loadConfig, type GatewayConfig } from '#src/config/config.ts';
import { localGatewayUrl } from '#src/config/local-url.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { signDevToken } from '#src/identity/sign-dev-token.ts';
import { loadCovenants } from '#src/policy/index.ts';
import { parseCommandLine, runCommand, usageError } from './cli.ts';

const ROLES = ['caseworker', 'team-lead', 'privacy-officer'];

type Purpose = Awaited<ReturnType<typeof loadCovenants>>['purposes'][number];

function usage(config: GatewayConfig, purposes: readonly Purpose[]): string {
  return `Usage: npm run token -- --agency <id> --role <role> --purpose <code> [--purpose <code>...] [--user <id>] [--ttl <seconds>]

Prints a development token signed with the agency's development key (development mode only).

  --agency <id>      the calling agency (required; one of the agencies below)
  --role <role>      the caller's role, e.g. one of the roles below (default caseworker)
  --purpose <code>   a purpose the token lists (required; repeatable); send one of them as X-Purpose
  --user <id>        the pseudonymous user id (default dev-<role>)
  --ttl <seconds>    how long the token is valid (default 3600)
  -h, --help         this text

Agencies:
${config.agencies.map((agency) => `  ${agency.id.padEnd(26)} ${agency.kind.padEnd(9)} ${agency.name}`).join('\n')}

Roles:
${ROLES.map((role) => `  ${role}`).join('\n')}

Purposes:
${purposes.map((purpose) => `  ${purpose.code.padEnd(26)} ${purpose.description}`).join('\n')}

Then, with the gateway started (npm start) on ${localGatewayUrl(config)}:
  TOKEN=$(npm run --silent token -- --agency <id> --role <role> --purpose <code>)
  curl -s ${localGatewayUrl(config)}/graphql -H "authorization: Bearer $TOKEN" -H 'x-purpose: <code>' \\
    -H 'content-type: application/json' -d '{"query":"{ me { agency { id } role purpose } }"}'
  Privacy officers (--role privacy-officer --purpose privacy-audit): ${localGatewayUrl(config)}/privacy`;
}

runCommand('token', async () => {
  const config = loadConfig(process.env);
  const { purposes } = await loadCovenants(config.covenantsDir);
  const { values } = parseCommandLine({
    name: 'token', usage: () => usage(config, purposes),
    options: {
      agency: { type: 'string' }, role: { type: 'string', default: 'caseworker' }, purpose: { type: 'string', multiple: true },
      user: { type: 'string' }, ttl: { type: 'string', default: '3600' },
    },
  });
  if (!values.agency) usageError('token', '--agency <id> is required');
  if (!values.purpose?.length) usageError('token', '--purpose <code> is required');
  if (config.mode !== 'development') usageError('token', 'signs with development keys, which the gateway trusts only in development mode (NODE_ENV is production)');
  if (!config.agencies.some((agency) => agency.id === values.agency)) usageError('token', `unknown agency "${values.agency}"`);
  const unknown = values.purpose.filter((code) => !purposes.some((purpose) => purpose.code === code));
  if (unknown.length > 0) usageError('token', `unknown purpose ${unknown.join(', ')}`);
  if (!/^[1-9]\d{0,6}$/.test(values.ttl)) usageError('token', `--ttl must be a whole number of seconds, not ${values.ttl}`);
  const { privateJwk } = await ensureDevKeys(config.dataDir, values.agency);
  process.stdout.write(`${await signDevToken(privateJwk, {
    agencyId: values.agency, role: values.role, purposes: values.purpose, audience: config.audience,
    userId: values.user ?? `dev-${values.role}`, ttlSeconds: Number(values.ttl),
  })}\n`);
});
