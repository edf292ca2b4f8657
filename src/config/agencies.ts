/** The agencies the gateway knows: who may call it (by JWT issuer) and which legacy system backs each. */
import type { ResilienceOptions } from '#kit/http-types.ts';
import type { AgencyKind } from '#domain/records.ts';

export type AdapterName = 'ashg' | 'amk' | 'politie' | 'bjz';

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
  /** Region id (see covenants/regions.yaml). */
  readonly region: string;
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
}

/**
 * The chain-partner codes the four legacy systems use for one another (the same codes in each dialect,
 * `ASHG-GRN`, `AMK-GRN`, ...), against the embedded agencies' ids.
 */
export const EMBEDDED_AGENCY_CODES: Readonly<Record<string, string>> = Object.freeze({
  'ASHG-GRN': 'ashg-groningen',
  'AMK-GRN': 'amk-groningen',
  'POL-NN': 'politie-noord-nederland',
  'BJZ-GRN': 'bjz-groningen',
});

/** The embedded default: the four mock systems of the world plus viewers without a system of their own. */
export const EMBEDDED_AGENCIES: readonly AgencyConfig[] = [
  { id: 'ashg-groningen', kind: 'ASHG', name: 'ASHG Groningen (Veilig Thuis Groningen)', region: 'groningen', upstream: { adapter: 'ashg', agencyCodes: EMBEDDED_AGENCY_CODES } },
  { id: 'amk-groningen', kind: 'AMK', name: 'AMK Groningen (Veilig Thuis Groningen)', region: 'groningen', upstream: { adapter: 'amk', agencyCodes: EMBEDDED_AGENCY_CODES } },
  { id: 'politie-noord-nederland', kind: 'POLITIE', name: 'Politie Noord-Nederland', region: 'noord-nederland', upstream: { adapter: 'politie', agencyCodes: EMBEDDED_AGENCY_CODES } },
  { id: 'bjz-groningen', kind: 'BJZ', name: 'Bureau Jeugdzorg Groningen', region: 'groningen', upstream: { adapter: 'bjz', agencyCodes: EMBEDDED_AGENCY_CODES } },
  { id: 'wijkteam-groningen', kind: 'WIJKTEAM', name: 'WIJ Groningen (wijkteam gemeente Groningen)', region: 'gemeente-groningen' },
  { id: 'amk-drenthe', kind: 'AMK', name: 'AMK Drenthe (Veilig Thuis Drenthe)', region: 'drenthe' },
];
