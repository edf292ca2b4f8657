/** The closed sets written twice (JSON Schema, GraphQL, TypeScript) must not drift apart. */
import { readFile } from 'node:fs/promises';
import { isEnumType } from 'graphql';
import { expect, test } from 'vitest';
import { ACT_KINDS } from '#domain/acts.ts';
import { ACT_DECISION_REASONS } from '#src/policy/act-decision.ts';
import { DECISION_REASONS } from '#src/policy/decision.ts';
import { CHILD_ROLES } from '#src/policy/facts.ts';
import { buildSchema, COVENANTS_DIR } from './fixtures.ts';

const schema = buildSchema();
interface EnumDef { enum: string[] }
interface JsonSchemaDefs {
  $defs: Record<'agencyKind' | 'referralKind' | 'referralStatus' | 'childRole' | 'actKind', EnumDef> & {
    example: { properties: { reason: EnumDef } };
    actExample: { properties: { reason: EnumDef } };
    condition: { propertyNames: EnumDef; properties: Record<string, unknown> };
  };
}
const jsonSchema = JSON.parse(await readFile(`${COVENANTS_DIR}covenant.schema.json`, 'utf8')) as JsonSchemaDefs;

function graphqlEnum(name: string): string[] {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
  return type.getValues().map((value) => value.name);
}

test.each([
  ['agencyKind', 'AgencyKind'],
  ['referralKind', 'ReferralKind'],
  ['referralStatus', 'ReferralStatus'],
  ['childRole', 'ChildRole'],
] as const)('covenant.schema.json $defs/%s lists the values of GraphQL %s', (def, enumName) => {
  expect(jsonSchema.$defs[def].enum).toEqual(graphqlEnum(enumName));
});

test('the child roles RecordFacts lists are the GraphQL ChildRole values, in schema order', () => {
  expect([...CHILD_ROLES]).toEqual(graphqlEnum('ChildRole'));
});

test('decision reasons: TypeScript, GraphQL and the example schema agree', () => {
  expect(graphqlEnum('DecisionReason')).toEqual([...DECISION_REASONS]);
  expect(jsonSchema.$defs.example.properties.reason.enum).toEqual([...DECISION_REASONS]);
  expect(graphqlEnum('RedactionReason')).toEqual(DECISION_REASONS.filter((reason) => !['PUBLIC', 'OWNER', 'GRANT'].includes(reason)));
});

test('the condition kinds the JSON Schema allows are exactly those it describes', () => {
  const condition = jsonSchema.$defs.condition;
  expect(condition.propertyNames.enum).toEqual(Object.keys(condition.properties));
});

test('acts: the kinds and the act decision reasons TypeScript and the covenant schema know agree', () => {
  expect(jsonSchema.$defs.actKind.enum).toEqual([...ACT_KINDS]);
  expect(jsonSchema.$defs.actExample.properties.reason.enum).toEqual([...ACT_DECISION_REASONS]);
});
