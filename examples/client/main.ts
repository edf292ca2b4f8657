/**
 * `node examples/client/main.ts` against a running gateway (`npm start`): lists households and reads one, typed.
 *
 *   KETENPOORT_URL      the endpoint (default http://127.0.0.1:4000/graphql)
 *   KETENPOORT_TOKEN    a bearer token; without it a development token is made with `npm run token`
 *                       (for the agency and purpose below, signed with the development keys in ./data)
 *   KETENPOORT_AGENCY   the agency the development token is for (default amk-groningen)
 *   KETENPOORT_PURPOSE  the purpose declared in X-Purpose (default child-abuse-assessment)
 *   KETENPOORT_MUNICIPALITY, KETENPOORT_FIRST   what to list (default Groningen, 3)
 */
import { execFileSync } from 'node:child_process';
import { runExample } from './run.ts';

const env = process.env;
const purpose = env.KETENPOORT_PURPOSE ?? 'child-abuse-assessment';
const agency = env.KETENPOORT_AGENCY ?? 'amk-groningen';

function developmentToken(): string {
  // The same as `npm run --silent token -- --agency … --role caseworker --purpose …`, run from the repository root.
  const root = new URL('../../', import.meta.url);
  return execFileSync(process.execPath, ['scripts/token.ts', '--agency', agency, '--role', 'caseworker', '--purpose', purpose], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

try {
  const result = await runExample({
    url: env.KETENPOORT_URL ?? 'http://127.0.0.1:4000/graphql',
    token: env.KETENPOORT_TOKEN ?? developmentToken(),
    purpose,
    municipality: env.KETENPOORT_MUNICIPALITY ?? 'Groningen',
    first: Number(env.KETENPOORT_FIRST ?? 3),
    print: (line) => console.log(line),
  });
  if (result.listing.data === null) process.exitCode = 1;
} catch (error) {
  console.error(`The gateway could not be asked: ${(error as Error).message}. Is it running (npm start)?`);
  process.exitCode = 1;
}
