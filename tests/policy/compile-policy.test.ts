/** compilePolicy fails start-up on coordinates the schema lacks and on fields nothing governs. */
import { describe, expect, test } from 'vitest';
import { compilePolicy } from '#src/policy/compile.ts';
import { PolicyConfigError } from '#src/policy/errors.ts';
import { objectFieldCoordinates } from '#src/policy/coordinates.ts';
import { parseCovenantFiles } from '#src/policy/load-covenants.ts';
import { PUBLIC_COORDINATES } from '#src/policy/public-fields.ts';
import { OWNER_ONLY_COORDINATES } from '#src/policy/owner-only-fields.ts';
import { buildSchema, lineOf, loadRealPolicy, realCovenantFiles } from './fixtures.ts';

const real = await realCovenantFiles();
const { loaded, policy } = await loadRealPolicy();
const schema = buildSchema();

function compileErrors(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicyConfigError) return error.errors;
    throw error;
  }
  return [];
}

describe('compilePolicy on the real covenants', () => {
  test('every object field of the schema is granted, public or owner-only, with no warnings', () => {
    expect(policy.warnings).toEqual([]);
    for (const coordinate of objectFieldCoordinates(schema)) {
      const governed = policy.publicCoordinates.has(coordinate) || policy.ownerOnlyCoordinates.has(coordinate) || policy.grantsByCoordinate.has(coordinate);
      expect(governed, coordinate).toBe(true);
    }
  });

  test('nothing about a person or a household is public', () => {
    for (const coordinate of policy.publicCoordinates) {
      expect(coordinate).not.toMatch(/^(Child|HouseholdMember|Address|Report|Reporter|Referral|ChildInvolvement|SafetyAssessment|Involvement|Contact|CaseStatus)\./);
      if (coordinate.startsWith('Household.')) expect(coordinate).toBe('Household.id');
    }
  });

  test('rule 7 coordinates are owner-only and granted by nothing', () => {
    expect([...policy.ownerOnlyCoordinates].sort()).toEqual(['Report.reporter', 'Report.restrictedInformation', 'Reporter.anonymityPromised', 'Reporter.name', 'Reporter.phone', 'Reporter.type']);
    for (const coordinate of policy.ownerOnlyCoordinates) expect(policy.grantsByCoordinate.has(coordinate)).toBe(false);
  });

  test('conditioned grants make a coordinate data-dependent', () => {
    expect(policy.dataIndependent.has('Report.narrative')).toBe(false);
    expect(policy.dataIndependent.has('Agency.name')).toBe(true);
    expect(policy.dataIndependent.has('Reporter.name')).toBe(true);
  });
});

describe('compile errors', () => {
  test('a grant coordinate not in the schema names its file and line', () => {
    const name = 'covenants/wijkteam-betrokkenheid.v1.yaml';
    const text = real.files.find((file) => file.name === name)!.text.replace('coordinates: [category:involvement]', 'coordinates: [category:involvement, Household.secrets, Involvement.notes]');
    const { covenants, regions } = parseCovenantFiles({ jsonSchema: real.jsonSchema, files: [...real.files.filter((file) => file.name !== name), { name, text }] });
    const errors = compileErrors(() => compilePolicy({ covenants, regions, schema, publicCoordinates: PUBLIC_COORDINATES }));
    const line = lineOf(text, 'Household.secrets');
    expect(errors).toEqual([
      `${name}:${line}: grant wijkteam-sees-involvement of wijkteam-betrokkenheid@1 names Household.secrets: Household has no field "secrets"`,
      `${name}:${line}: grant wijkteam-sees-involvement of wijkteam-betrokkenheid@1 names Involvement.notes: Involvement has no field "notes"`,
    ]);
  });

  test('a data category coordinate not in the schema names the category file and line', () => {
    const name = 'covenants/data-categories.yaml';
    const text = real.files.find((file) => file.name === name)!.text.replace('      - Involvement.careProvider\n', '      - Involvement.careProvider\n      - Involvment.notes\n');
    const parsed = parseCovenantFiles({ jsonSchema: real.jsonSchema, files: [...real.files.filter((file) => file.name !== name), { name, text }] });
    const errors = compileErrors(() => compilePolicy({ ...parsed, schema, publicCoordinates: PUBLIC_COORDINATES }));
    // Once, though several grants use the category.
    expect(errors).toEqual([`${name}:${lineOf(text, 'Involvment.notes')}: data category involvement-detail names Involvment.notes: type Involvment is not in the schema`]);
    // Without the category list, the first grant that uses the category reports the category's line.
    const viaGrants = compileErrors(() => compilePolicy({ covenants: parsed.covenants, regions: parsed.regions, schema, publicCoordinates: PUBLIC_COORDINATES }));
    expect(viaGrants).toEqual([`${name}:${lineOf(text, 'Involvment.notes')}: grant chair-sees-involvement of casusoverleg-groningen@2 names Involvment.notes: type Involvment is not in the schema`]);
  });

  test('an interface coordinate is refused: rules live on concrete types', () => {
    const name = 'covenants/wijkteam-betrokkenheid.v1.yaml';
    const text = real.files.find((file) => file.name === name)!.text.replace('coordinates: [category:involvement]', 'coordinates: [category:involvement, CaseRecord.owner]');
    const { covenants, regions } = parseCovenantFiles({ jsonSchema: real.jsonSchema, files: [...real.files.filter((file) => file.name !== name), { name, text }] });
    expect(compileErrors(() => compilePolicy({ covenants, regions, schema, publicCoordinates: PUBLIC_COORDINATES }))).toEqual([
      `${name}:${lineOf(text, 'CaseRecord.owner')}: grant wijkteam-sees-involvement of wijkteam-betrokkenheid@1 names CaseRecord.owner: CaseRecord is not an object type; name the fields of the object types that implement it`,
    ]);
  });

  test('a field nothing governs fails compile, listing every one', () => {
    const extended = buildSchema('type Diagnosis { code: String, note: String }\nextend type Child { diagnosis: Diagnosis }');
    const errors = compileErrors(() => compilePolicy({ ...loaded, schema: extended, publicCoordinates: PUBLIC_COORDINATES }));
    expect(errors).toEqual([
      'Child.diagnosis is governed by nothing: grant it in a covenant, or declare it in src/policy/public-fields.ts',
      'Diagnosis.code is governed by nothing: grant it in a covenant, or declare it in src/policy/public-fields.ts',
      'Diagnosis.note is governed by nothing: grant it in a covenant, or declare it in src/policy/public-fields.ts',
    ]);
  });

  test('dropping a public declaration uncovers its fields', () => {
    const errors = compileErrors(() => compilePolicy({ ...loaded, schema, publicCoordinates: PUBLIC_COORDINATES.filter((c) => c !== 'PageInfo.*') }));
    expect(errors).toEqual([
      'PageInfo.hasNextPage is governed by nothing: grant it in a covenant, or declare it in src/policy/public-fields.ts',
      'PageInfo.endCursor is governed by nothing: grant it in a covenant, or declare it in src/policy/public-fields.ts',
    ]);
  });

  test('a stale public or owner-only entry fails, and so does one declared both', () => {
    const errors = compileErrors(() => compilePolicy({
      ...loaded, schema, publicCoordinates: [...PUBLIC_COORDINATES, 'Gone.*', 'Agency.gone', 'Report.reporter'], ownerOnlyCoordinates: OWNER_ONLY_COORDINATES,
    }));
    expect(errors).toEqual([
      'public coordinates: Gone.*: Gone is not an object type of the schema',
      'public coordinates: Agency.gone: Agency has no field "gone"',
      'Report.reporter is declared both public and owner-only',
    ]);
  });

  test('a grant on an owner-only coordinate compiles with a warning', () => {
    const name = 'covenants/wijkteam-betrokkenheid.v1.yaml';
    const text = real.files.find((file) => file.name === name)!.text.replace('coordinates: [category:involvement]', 'coordinates: [category:involvement, Reporter.name]');
    const { covenants, regions } = parseCovenantFiles({ jsonSchema: real.jsonSchema, files: [...real.files.filter((file) => file.name !== name), { name, text }] });
    const compiled = compilePolicy({ covenants, regions, schema, publicCoordinates: PUBLIC_COORDINATES });
    expect(compiled.warnings).toEqual([
      `${name}:${lineOf(text, 'Reporter.name')}: grant wijkteam-sees-involvement of wijkteam-betrokkenheid@1 names Reporter.name, which never leaves its owner (DOMAIN rule 7); the grant is ignored for it`,
    ]);
  });
});
