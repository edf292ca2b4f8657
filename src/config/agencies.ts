/**
 * The agencies the gateway knows: who may call it (by JWT issuer) and which legacy system backs each.
 * Who exists, of which kind, in which regions, when, and with which record system is the
 * organisations registry's (covenants/organisations.yaml, read by the policy's loader); the
 * deployment (KETENPOORT_CONFIG) adds only how to reach each system and whose keys to trust. The
 * embedded default is the registry itself, every system a mock on loopback.
 */
import { fileURLToPath } from 'node:url';
import type { ResilienceOptions } from '#kit/http-types.ts';
import type { AgencyKind } from '#domain/records.ts';
import { loadOrganisationsSync, type LoadedOrganisations, type OrganisationDef, type RegionKind } from '#src/policy/index.ts';
import { ConfigError } from './config-error.ts';

/** The adapter kinds (dialects) the gateway can speak; src/gateway/agency-registry.ts builds one of each. */
export const ADAPTER_NAMES = ['ashg', 'amk', 'politie', 'bjz'] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];

export interface UpstreamConfig {
  readonly adapter: AdapterName;
  /** Base URL of the agency's legacy API. Absent in the embedded default: the gateway starts the mock. */
  readonly baseUrl?: string;
  /** Adapter-specific credentials (API key, WS-Security user, Basic auth, OAuth2 client). */
  readonly credentials?: Readonly<Record<string, string>>;
  /** The legacy system's codes for the chain's agencies, each to the gateway agency id it stands for. */
  readonly agencyCodes: Readonly<Record<string, string>>;
  readonly resilience?: ResilienceOptions;
}

export interface AgencyConfig {
  readonly id: string;
  readonly kind: AgencyKind;
  readonly name: string;
  /** Home region id (covenants/regions.yaml): the first region the registry lists for it. */
  readonly region: string;
  /** The region it serves per kind (organisations.yaml); absent in hand-written test configurations. */
  readonly regions?: Readonly<Partial<Record<RegionKind, string>>>;
  /** First and last day it exists (Europe/Amsterdam); absent or null: unbounded. */
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  /** Who controls the records it created from the day after validTo. */
  readonly successor?: string | null;
  /** The agency's legacy record system; absent for viewers without one (a wijkteam, the Raad). */
  readonly upstream?: UpstreamConfig;
  /** Path of a JWKS file with the public keys the agency signs its callers' tokens with. */
  readonly jwksFile?: string;
  /** Where the agency's identity provider publishes those keys (fetched and cached; see docs/identity.md). */
  readonly jwksUrl?: string;
  /**
   * The agency's OpenID Connect issuer: its keys are found through discovery, and its callers' tokens
   * carry this URL as issuer instead of the agency id.
   */
  readonly oidcIssuer?: string;
  /**
   * Where the organisation is sent its notices and act events, signed (Standard Webhooks; src/acts/webhooks.ts):
   * the endpoint and the signing secret (`whsec_` and base64, given as `${ENV_VAR}`). Absent: none.
   */
  readonly webhook?: { readonly url: string; readonly secret: string };
}

/** The registry's partner codes (ASHG-GRN, VT-DRE, ...) to agency ids: every system's default table. */
export function registryAgencyCodes(organisations: readonly OrganisationDef[]): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(organisations.map((organisation) => [organisation.code, organisation.id])));
}

/**
 * The registry as agency configurations (no URLs, no keys: the embedded default). An adapter kind the
 * gateway cannot speak stops start-up, named at its line in the registry.
 */
export function agenciesOfRegistry(loaded: LoadedOrganisations): AgencyConfig[] {
  const agencyCodes = registryAgencyCodes(loaded.organisations);
  const problems: string[] = [];
  const agencies = loaded.organisations.map((organisation): AgencyConfig => {
    const { adapter } = organisation;
    if (adapter !== null && !(ADAPTER_NAMES as readonly string[]).includes(adapter)) {
      problems.push(`${organisation.source.file}:${organisation.source.line}: ${organisation.id}'s system speaks adapter kind "${adapter}", which does not exist (known: ${ADAPTER_NAMES.join(', ')})`);
    }
    return {
      id: organisation.id, kind: organisation.kind, name: organisation.name, region: organisation.homeRegion,
      regions: Object.fromEntries(organisation.regions), validFrom: organisation.validFrom, validTo: organisation.validTo, successor: organisation.successor,
      ...(adapter === null ? {} : { upstream: { adapter: adapter as AdapterName, agencyCodes } }),
    };
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return agencies;
}

/** The repository's covenants folder: the registry of the embedded default. */
export const DEFAULT_COVENANTS_DIR = fileURLToPath(new URL('../../covenants/', import.meta.url));

/** Every organisation of the registry in a covenants folder, as agencies (systems without URLs). */
export function agenciesInFolder(covenantsDir: string): AgencyConfig[] {
  return agenciesOfRegistry(loadOrganisationsSync(covenantsDir));
}

/** The embedded default: every organisation of the repository's registry, systems to be mocked. */
export const EMBEDDED_AGENCIES: readonly AgencyConfig[] = Object.freeze(agenciesInFolder(DEFAULT_COVENANTS_DIR));


/**
 * An agency as a deployment's configuration file lists it (config.schema.json `agency`): its id, how to
 * reach its system and whose keys to trust. What the registry says (kind, name, regions, validity,
 * successor, the partner codes) the file leaves to the registry.
 */
export function deploymentEntry(agency: AgencyConfig): AgencyConfig {
  const { kind: _kind, name: _name, region: _region, regions: _regions, validFrom: _from, validTo: _to, successor: _successor, upstream, ...entry } = agency;
  if (!upstream) return entry as AgencyConfig;
  const { agencyCodes: _codes, ...reach } = upstream;
  return { ...entry, upstream: reach } as AgencyConfig;
}
