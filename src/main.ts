/**
 * Entry point: `npm start`. Reads configuration from the environment, starts the gateway (on the
 * embedded defaults: four mock agencies on loopback and a SQLite audit store), and drains in-flight
 * requests on SIGTERM/SIGINT before exiting.
 */
import { pino } from 'pino';
import { loadConfig, type GatewayConfig } from './config/config.ts';
import { ConfigError } from './config/config-error.ts';
import { productionProblems } from './config/production-checks.ts';
import { createGateway } from './gateway/create-gateway.ts';
import { createServices } from './gateway/services.ts';

const config = checkedConfig();
const logger = pino({ level: config.logLevel, base: { service: 'ketenpoort' }, redact: { paths: ['*.authorization', '*.token', '*.bsn'], remove: true } });

try {
  // The embedded default (an agency without a base URL): its mock on loopback, loaded only then.
  const embedded = config.agencies.some((agency) => agency.upstream && !agency.upstream.baseUrl)
    ? await import('./dev/embedded-agencies.ts').then((dev) => dev.startEmbeddedAgencies(config, logger))
    : null;
  const services = await createServices(embedded?.config ?? config, { logger });
  const gateway = await createGateway(services);
  const url = await gateway.listen();
  for (const [agency, mock] of embedded?.mocks ?? []) logger.info({ agency, url: mock.url }, 'mock agency');
  logger.info({ url: `${url}/graphql`, mode: config.mode, audit: services.audit.kind }, 'ketenpoort is listening');
  if (config.mode === 'development') {
    console.error(`\nketenpoort: ${url}/graphql  (GraphiQL: ${url}/graphiql)  privacy console: ${url}/privacy\n`
      + '  a token: npm run token -- --agency amk-groningen --role caseworker --purpose child-abuse-assessment\n'
      + '  for the privacy console: npm run token -- --agency amk-groningen --role privacy-officer --purpose privacy-audit\n');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining in-flight requests');
    gateway.close().then(() => embedded?.close()).then(() => process.exit(0), (error: unknown) => {
      logger.error({ err: { type: (error as Error)?.name } }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (error) {
  // Start-up errors are configuration errors (a bad covenant, an unreachable store); their text is ours, not data.
  logger.fatal({ err: { type: (error as Error)?.name, message: (error as Error)?.message } }, 'ketenpoort could not start');
  process.exit(1);
}

/** The configuration, or exit 1 with one line per problem (on stderr, before any port opens). */
function checkedConfig(): GatewayConfig {
  let problems: readonly string[];
  try {
    const loaded = loadConfig(process.env);
    problems = productionProblems(loaded);
    if (problems.length === 0) return loaded;
  } catch (error) {
    problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
  }
  for (const problem of problems) process.stderr.write(`ketenpoort will not start: ${problem}\n`);
  process.exit(1);
}
