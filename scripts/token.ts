/**
 * `npm run token -- --agency <id> --role <role> --purpose <code> [--purpose <code>...] [--user <id>] [--ttl <s>]`
 * Prints only a signed development token for a configured agency, so a tester can curl in one line.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '#src/config/config.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { signDevToken } from '#src/identity/sign-dev-token.ts';
import { loadCovenants } from '#src/policy/index.ts';

const ROLES = ['caseworker', 'team-lead', 'privacy-officer'];

const { values } = parseArgs({
  options: {
    agency: { type: 'string' }, role: { type: 'string', default: 'caseworker' }, purpose: { type: 'string', multiple: true },
    user: { type: 'string' }, ttl: { type: 'string', default: '3600' }, help: { type: 'boolean', short: 'h' },
  },
});
const config = loadConfig(process.env);
const { purposes } = await loadCovenants(config.covenantsDir);

if (values.help || !values.agency || !values.purpose?.length) {
  console.log(`Usage: npm run token -- --agency <id> --role <role> --purpose <code> [--purpose <code>...] [--user <id>] [--ttl <seconds>]

Agencies:
${config.agencies.map((agency) => `  ${agency.id.padEnd(26)} ${agency.kind.padEnd(9)} ${agency.name}`).join('\n')}

Roles:
${ROLES.map((role) => `  ${role}`).join('\n')}

Purposes:
${purposes.map((purpose) => `  ${purpose.code.padEnd(26)} ${purpose.description}`).join('\n')}

Then: curl -s http://127.0.0.1:4000/graphql -H "authorization: Bearer $TOKEN" -H 'x-purpose: <code>' \\
        -H 'content-type: application/json' -d '{"query":"{ me { agency { id } role purpose } }"}'`);
  process.exit(values.help ? 0 : 2);
}
if (config.mode !== 'development') {
  console.error('npm run token signs with development keys, which the gateway trusts only in development mode.');
  process.exit(2);
}
if (!config.agencies.some((agency) => agency.id === values.agency)) {
  console.error(`Unknown agency "${values.agency}"; see npm run token -- --help.`);
  process.exit(2);
}
const unknown = values.purpose.filter((code) => !purposes.some((purpose) => purpose.code === code));
if (unknown.length > 0) {
  console.error(`Unknown purpose ${unknown.join(', ')}; see npm run token -- --help.`);
  process.exit(2);
}
const { privateJwk } = await ensureDevKeys(config.dataDir, values.agency);
process.stdout.write(`${await signDevToken(privateJwk, {
  agencyId: values.agency, role: values.role ?? 'caseworker', purposes: values.purpose, audience: config.audience,
  userId: values.user ?? `dev-${values.role ?? 'caseworker'}`, ttlSeconds: Number(values.ttl),
})}\n`);
