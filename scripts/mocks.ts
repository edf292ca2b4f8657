/**
 * `npm run mocks [-- --households 10000 --latency 20 --error-rate 0.05 --port-base 4101 --agency amk:veilig-thuis-drenthe]`
 * Starts the four agency mocks alone (and one more per `--agency`), on loopback, seeded from the
 * deterministic world, and prints their URLs. Stops on Ctrl-C. `--help` lists every mock's endpoints,
 * from the mocks' own route tables.
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import { MOCKS } from '#src/dev/embedded-agencies.ts';
// Not '#testkit': its index also exports the nock scenarios, and nock is a development dependency the image lacks.
import { MOCKED_AGENCIES, startStandaloneMocks, type MockedAgency } from '#src/testkit/standalone-mocks.ts';
import { parseCommandLine, usageError as commandLineError } from './cli.ts';

const OPTIONS = {
  households: { type: 'string', default: '200' },
  seed: { type: 'string' },
  latency: { type: 'string', default: '0' },
  'error-rate': { type: 'string', default: '0' },
  'timeout-rate': { type: 'string', default: '0' },
  'malformed-rate': { type: 'string', default: '0' },
  'rate-limit-rate': { type: 'string', default: '0' },
  'port-base': { type: 'string', default: '0' },
  host: { type: 'string', default: '127.0.0.1' },
  agency: { type: 'string', multiple: true, default: [] },
} as const satisfies ParseArgsOptionsConfig;

const USAGE = `Usage: npm run mocks -- [options]

Starts the four agency mocks (ASHG REST/JSON, AMK SOAP, police CSV export, BJZ OAuth2/JSON) on loopback over one
synthetic world and prints their URLs and the credentials they accept. Ctrl-C stops them.

options:
  --households <n>       size of the synthetic world (default 200; the six DOMAIN scenarios come first)
  --seed <n>             seed of the world (default the world's own)
  --latency <ms>         added latency per response (default 0)
  --error-rate <0..1>    share of requests answered 503 (default 0)
  --timeout-rate <0..1>  share of requests never answered (default 0)
  --malformed-rate <0..1> share of 2xx bodies replaced by a broken one in the agency's dialect (default 0)
  --rate-limit-rate <0..1> share of requests answered 429 with Retry-After: 1 (default 0)
  --port-base <port>     first of four consecutive ports: ashg, amk, politie, bjz (default 0: any free port)
  --host <address>       address to listen on (default 127.0.0.1)
  --agency <adapter>:<id> also start a mock of that dialect for that organisation, serving the world's cases
                         filed under its id (e.g. amk:veilig-thuis-drenthe, bjz:jeugdbescherming-noord); repeatable,
                         numbered after the four by --port-base
  -h, --help             this text, and every mock's endpoints

Gateway configuration for --port-base 4101: config/standalone-mocks.example.json (KETENPOORT_CONFIG).
Contracts: adapters/ashg/openapi.yaml, adapters/amk/service.wsdl, adapters/politie/export.md, adapters/bjz/openapi.yaml.
`;

function endpointsText(): string {
  const lines: string[] = ['endpoints:'];
  for (const { id, adapter } of MOCKED_AGENCIES) {
    lines.push('', `  ${id} (${adapter}); credentials ${JSON.stringify(MOCKS[adapter].devCredentials)}`);
    for (const endpoint of MOCKS[adapter].endpoints) lines.push(`    ${endpoint.method.padEnd(5)} ${endpoint.path}`, `          ${endpoint.does}`);
  }
  return `${lines.join('\n')}\n`;
}

const usageError = (message: string): never => commandLineError('mocks', message);

const isAdapter = (name: string): name is MockedAgency['adapter'] => Object.hasOwn(MOCKS, name);

function extraAgency(text: string): MockedAgency {
  const [adapter = '', id = ''] = text.split(':');
  if (!isAdapter(adapter) || !/^[a-z0-9][a-z0-9-]*$/.test(id) || text.split(':').length !== 2) {
    usageError(`--agency ${JSON.stringify(text)} is not <adapter>:<organisation id> (adapters: ${Object.keys(MOCKS).join(', ')})`);
  }
  if (MOCKED_AGENCIES.some((agency) => agency.id === id)) usageError(`--agency ${JSON.stringify(text)}: ${id} has its mock already`);
  return { adapter: adapter as MockedAgency['adapter'], id };
}

function number(name: string, text: string, check: (value: number) => boolean): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) usageError(`--${name} ${JSON.stringify(text)} is out of range`);
  return value;
}

// --help prints the usage and every mock's endpoints; a bad option is one line; a closed pipe is quiet.
const { values } = parseCommandLine({ name: 'mocks', usage: () => `${USAGE}\n${endpointsText()}`, options: OPTIONS });

{
  const rate = (value: number) => value >= 0 && value <= 1;
  const households = number('households', values.households, (value) => Number.isInteger(value) && value >= 1);
  const seed = values.seed === undefined ? undefined : number('seed', values.seed, Number.isInteger);
  const knobs = {
    latencyMs: number('latency', values.latency, (value) => value >= 0),
    errorRate: number('error-rate', values['error-rate'], rate),
    timeoutRate: number('timeout-rate', values['timeout-rate'], rate),
    malformedRate: number('malformed-rate', values['malformed-rate'], rate),
    rateLimitRate: number('rate-limit-rate', values['rate-limit-rate'], rate),
  };
  const extraAgencies = values.agency.map(extraAgency);
  if (new Set(extraAgencies.map((agency) => agency.id)).size !== extraAgencies.length) usageError('--agency names one organisation twice');
  const portBase = number('port-base', values['port-base'], (value) => Number.isInteger(value) && value >= 0 && value <= 65535 - 3 - extraAgencies.length);
  let running;
  try {
    running = await startStandaloneMocks({ households, ...(seed === undefined ? {} : { seed }), knobs, portBase, host: values.host, extraAgencies });
  } catch (error) {
    process.stderr.write(`mocks: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  for (const { id, adapter } of [...MOCKED_AGENCIES, ...extraAgencies]) {
    console.log(`${id.padEnd(34)} ${running.byAgency.get(id)?.url}   credentials: ${JSON.stringify(MOCKS[adapter].devCredentials)}`);
  }
  console.log(`\n${running.world.households.length} households; knobs ${JSON.stringify(knobs)}. Ctrl-C stops.`);
  const mocks = running;
  const stop = async () => {
    await mocks.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
