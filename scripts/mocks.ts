/**
 * `npm run mocks [-- --households 10000 --latency 20 --error-rate 0.05 --port-base 4101]`
 * Starts the four agency mocks alone, on loopback, seeded from the deterministic world, and prints
 * their URLs. Stops on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { createWorld } from '#mock-world/index.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { MOCKS } from '#src/dev/embedded-agencies.ts';
import { EMBEDDED_AGENCIES } from '#src/config/agencies.ts';

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '200' }, seed: { type: 'string' }, latency: { type: 'string', default: '0' },
    'error-rate': { type: 'string', default: '0' }, 'timeout-rate': { type: 'string', default: '0' },
    'malformed-rate': { type: 'string', default: '0' }, 'port-base': { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' },
  },
});
const world = createWorld({ households: Number(values.households), ...(values.seed ? { seed: Number(values.seed) } : {}) });
const knobs = {
  latencyMs: Number(values.latency), errorRate: Number(values['error-rate']),
  timeoutRate: Number(values['timeout-rate']), malformedRate: Number(values['malformed-rate']),
};
const mocks: MockServer[] = [];
let port = Number(values['port-base']);
for (const agency of EMBEDDED_AGENCIES) {
  if (!agency.upstream) continue;
  const mock = await MOCKS[agency.upstream.adapter].start({ world, knobs, host: values.host, port: port ? port++ : 0 });
  mocks.push(mock);
  console.log(`${agency.id.padEnd(26)} ${mock.url}   credentials: ${JSON.stringify(MOCKS[agency.upstream.adapter].devCredentials)}`);
}
console.log(`\n${world.households.length} households; knobs ${JSON.stringify(knobs)}. Ctrl-C stops.`);
const stop = async () => {
  await Promise.all(mocks.map((mock) => mock.close()));
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
