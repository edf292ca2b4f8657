/**
 * compose.yaml cannot be run here (no base images can be pulled), so what it relies on is checked
 * instead: every placeholder of the configuration it names is set, each agency's keys come from the
 * stand-in identity provider and each system from the mocks' port, the commands it runs are the
 * scripts that exist, and the image it builds copies what those commands load.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MOCKED_AGENCIES } from '#testkit';

interface Service { environment?: Record<string, string>; command?: string[]; build?: string; image?: string }
const compose = parse(readFileSync('compose.yaml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const gateways = Object.entries(compose.services).filter(([name]) => name.startsWith('gateway-'));

describe('compose.yaml', () => {
  it('runs two gateway replicas in production from a configuration file that exists', () => {
    expect(gateways.map(([name]) => name)).toEqual(['gateway-1', 'gateway-2']);
    for (const [, service] of gateways) {
      expect(service.environment?.NODE_ENV).toBe('production');
      expect(service.environment?.KETENPOORT_CONFIG).toMatch(/^\/app\//);
      readFileSync(service.environment!.KETENPOORT_CONFIG!.replace(/^\/app\//, ''), 'utf8');
    }
  });

  it("sets every placeholder of that configuration: keys from the stand-in provider, systems on the mocks' ports", () => {
    for (const [, service] of gateways) {
      const env = service.environment!;
      const file = readFileSync(env.KETENPOORT_CONFIG!.replace(/^\/app\//, ''), 'utf8');
      const placeholders = [...file.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((match) => match[1]!);
      expect(placeholders.length).toBeGreaterThan(0);
      for (const name of placeholders) expect(env[name], name).toBeTruthy();
      for (const name of placeholders.filter((n) => n.endsWith('_JWKS_URL'))) expect(env[name]).toMatch(/^http:\/\/idp:4200\/[a-z0-9-]+\/jwks\.json$/);
      const mockPorts = MOCKED_AGENCIES.map((_, index) => String(4101 + index));
      for (const name of placeholders.filter((n) => n.endsWith('_BASE_URL'))) expect(mockPorts).toContain(/^http:\/\/mocks:(\d+)$/.exec(env[name]!)?.[1]);
      for (const secret of ['KETENPOORT_ID_SECRET', 'KETENPOORT_PSEUDONYM_SECRET', 'DATABASE_URL']) expect(env[secret], secret).toBeTruthy();
    }
  });

  it('runs scripts the image holds, and the image copies what they load', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.command) continue;
      expect(service.command[0], name).toBe('node');
      readFileSync(service.command[1]!, 'utf8');
      expect(dockerfile, name).toContain(`COPY ${service.command[1]!.split('/')[0]} `);
    }
    for (const folder of ['schema', 'covenants', 'adapters', 'src', 'scripts', 'config', 'operations']) expect(dockerfile).toContain(`COPY ${folder} ./${folder}`);
  });
});
