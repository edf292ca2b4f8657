/**
 * The integration tester's kit (docs/testkit.md): standalone agency mocks on chosen ports, fault scenarios per
 * agency for running mocks and for nock, the agencies' canned fixtures, and the synthetic world they serve.
 * Development and tests only; import it as `#testkit`.
 */
export {
  MOCKED_AGENCIES, portBaseUrl, standaloneAgencies, startStandaloneMocks, type MockedAgency, type StandaloneMocks, type StandaloneMocksOptions,
} from './standalone-mocks.ts';
export { FAULT_KNOBS, FAULT_SCENARIOS, injectFault, type FaultScenario } from './faults.ts';
export { AGENCY_FIXTURES, NOCK_SCENARIOS, nockScenario, type NockScenario, type NockScenarioOptions } from './nock-scenarios.ts';
export { startJwksServer, type JwksServer, type StandInIdpOptions } from './stand-in-idp.ts';
export { gatewayConfigFile, type GatewayConfigFile } from './gateway-config.ts';
export { createWorld, type World } from '#mock-world/index.ts';
export type { MockEndpoint, MockServer } from '#mock-world/mock-server.ts';
export type { MockKnobs } from '#kit/contract.ts';
export type { AdapterName } from '#src/config/agencies.ts';
