/**
 * The per-caller schemas (src/graph/schema-variants.ts), held to the policy: every coordinate of a
 * variant is public, its own records', an officer's query for officers, or released by some grant of
 * some loaded covenant version to the kind; every coordinate some grant could release is in it
 * (unless its type has nothing else to select). The printed schemas are snapshots, reviewed in PRs.
 */
import { isInterfaceType, isObjectType, printSchema, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgencyKind } from '#domain/records.ts';
import { buildSchema } from '#src/graph/schema.ts';
import { buildSchemaVariant, officerOnlyCoordinates, variantKey } from '#src/graph/schema-variants.ts';
import { compilePolicy, loadCovenants, PUBLIC_COORDINATES, type CompiledPolicy } from '#src/policy/index.ts';
import { baseSchema } from '#src/gateway/services.ts';
import { EMBEDDED_AGENCIES } from '#src/config/agencies.ts';

const KINDS: readonly AgencyKind[] = ['ASHG', 'AMK', 'VEILIG_THUIS', 'POLITIE', 'BJZ', 'CERTIFIED_INSTITUTION', 'WIJKTEAM', 'RAAD'];
/** Kinds with records behind the gateway in the embedded configuration (an upstream). */
const OWNING = new Set(EMBEDDED_AGENCIES.filter((agency) => agency.upstream).map((agency) => agency.kind));

let policy: CompiledPolicy;
let full: GraphQLSchema;
beforeAll(async () => {
  const loaded = await loadCovenants(new URL('../../covenants/', import.meta.url).pathname);
  policy = compilePolicy({ ...loaded, schema: baseSchema(), publicCoordinates: PUBLIC_COORDINATES });
  full = buildSchema({ isPublic: (coordinate) => policy.publicCoordinates.has(coordinate) });
});

function coordinatesOf(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.keys(type.getFields())) coordinates.add(`${type.name}.${field}`);
  }
  return coordinates;
}

/** Coordinates some grant of some loaded version releases to the kind (owner-only ones never). */
function grantedTo(kind: AgencyKind): Set<string> {
  return new Set(policy.grants.filter((grant) => grant.viewerKinds.has(kind))
    .flatMap((grant) => [...grant.coordinates]).filter((coordinate) => !policy.ownerOnlyCoordinates.has(coordinate)));
}

const specs = KINDS.flatMap((kind) => [false, true].map((officer) => ({ kind, officer, ownsRecords: OWNING.has(kind) })));

describe.each(specs)('$kind (officer: $officer)', (spec) => {
  it('holds only what the policy could ever give it, and all that', async () => {
    const variant = buildSchemaVariant(full, policy, spec);
    const officerOnly = officerOnlyCoordinates(full);
    const granted = grantedTo(spec.kind);
    const inVariant = coordinatesOf(variant);
    for (const coordinate of inVariant) {
      const why = officerOnly.has(coordinate) ? spec.officer
        : policy.publicCoordinates.has(coordinate) || granted.has(coordinate) || (spec.ownsRecords && coordinatesOf(full).has(coordinate));
      expect(why, `${coordinate} in ${variantKey(spec)}`).toBe(true);
    }
    for (const coordinate of granted) expect(inVariant.has(coordinate), `${coordinate} granted to ${spec.kind}`).toBe(true);
    if (!spec.ownsRecords) {
      // DOMAIN rule 7: a kind that owns no record never sees a reporter, whatever a covenant says.
      for (const coordinate of policy.ownerOnlyCoordinates) expect(inVariant.has(coordinate), coordinate).toBe(false);
    }
    for (const coordinate of officerOnly) expect(inVariant.has(coordinate), coordinate).toBe(spec.officer);
    // Valid by construction: an object has every field of its interfaces.
    for (const type of Object.values(variant.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const iface of type.getInterfaces()) {
        expect(isInterfaceType(iface)).toBe(true);
        for (const field of Object.keys(iface.getFields())) expect(type.getFields()[field], `${type.name}.${field}`).toBeDefined();
      }
    }
    await expect(printSchema(variant)).toMatchFileSnapshot(`./__snapshots__/${spec.kind.toLowerCase()}.${spec.officer ? 'privacy-officer' : 'staff'}.graphql`);
  });
});

it('cuts the wijkteam of issue 15 down: no narrative, no reporter, no officer queries for its caseworkers', () => {
  const wijkteam = coordinatesOf(buildSchemaVariant(full, policy, { kind: 'WIJKTEAM', officer: false, ownsRecords: false }));
  for (const coordinate of ['Report.narrative', 'Report.reporter', 'Reporter.name', 'Query.auditEntries', 'Query.explainAccess', 'Query.accessMatrix', 'Query.replayDecision', 'Query.shadowReport']) {
    expect(wijkteam.has(coordinate), coordinate).toBe(false);
  }
  expect(wijkteam.has('Household.id')).toBe(true);
});
