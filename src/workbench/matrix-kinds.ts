/**
 * Every agency kind of the schema, in the order the workbench shows them. Written out here because the
 * generated AgencyKind is a type only; `satisfies` makes codegen's next kind a compile error until it
 * is listed (and so a row and column of the access matrix).
 */
import type { AgencyKind } from '#domain/records.ts';

const KINDS = { ASHG: true, AMK: true, VEILIG_THUIS: true, POLITIE: true, BJZ: true, WIJKTEAM: true, RAAD: true, CERTIFIED_INSTITUTION: true } as const satisfies Record<AgencyKind, true>;

export const AGENCY_KINDS: readonly AgencyKind[] = Object.freeze(Object.keys(KINDS) as AgencyKind[]);
