/**
 * The address a client on this machine reaches the gateway at, from the configured HOST and PORT
 * (what `npm run token -- --help` tells a tester to curl). A wildcard listen address (0.0.0.0, ::)
 * is not an address to connect to, so it becomes loopback.
 */
import type { GatewayConfig } from './config.ts';

export function localGatewayUrl(config: Pick<GatewayConfig, 'host' | 'port'>): string {
  const host = config.host === '0.0.0.0' || config.host === '' ? '127.0.0.1'
    : config.host === '::' ? '[::1]'
      : config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}
