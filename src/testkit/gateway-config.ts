/**
 * The gateway's configuration file (KETENPOORT_CONFIG, read by src/config/config.ts) for agencies whose
 * upstreams are standalone mocks. config/standalone-mocks.example.json is this, for `--port-base 4101`.
 */
import { deploymentEntry, type AgencyConfig } from '#src/config/agencies.ts';

export interface GatewayConfigFile {
  readonly $comment: string;
  readonly agencies: readonly AgencyConfig[];
}

export function gatewayConfigFile(agencies: readonly AgencyConfig[]): GatewayConfigFile {
  return {
    $comment: 'The embedded agencies with their upstreams on standalone mocks; start them with `npm run mocks -- --port-base 4101` (see docs/testkit.md). Development credentials only.',
    agencies: agencies.map(deploymentEntry),
  };
}
