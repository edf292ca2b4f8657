/**
 * One schema per kind of caller: the executable schema cut down to what an organisation kind, as a
 * privacy officer or not, could ever be given. Introspection, validation and GraphiQL then show a
 * caller only that: a wijkteam cannot even name Report.narrative. Enforcement at execution stays as
 * it is; the cut is the upper bound, decided once at start-up, never per request.
 *
 * A variant holds
 * - the public coordinates (src/policy/public-fields.ts), less the officer-only root fields
 *   (resolvers made with officerOnly) for callers who are not privacy officers;
 * - every coordinate some grant of any loaded covenant version names for the kind (grantableCoordinates);
 * - when an agency of the kind has records behind the gateway, every governed coordinate: the owner
 *   sees its own records in full (rule 10), reporter and restricted information included (rule 7);
 * then, to a fixed point, without fields whose type has nothing left to select, interface fields an
 * implementation lost, and types no longer reachable (pruneSchema).
 */
import { filterSchema, pruneSchema } from '@graphql-tools/utils';
import {
  getNamedType, isInterfaceType, isObjectType, isUnionType, type GraphQLNamedType, type GraphQLSchema,
} from 'graphql';
import type { ActKind } from '#domain/acts.ts';
import type { AgencyKind } from '#domain/records.ts';
import { grantableCoordinates, objectFieldCoordinates, type CompiledPolicy } from '#src/policy/index.ts';
import { isOfficerOnly, PRIVACY_OFFICER } from './resolvers/require-role.ts';

export interface VariantSpec {
  readonly kind: AgencyKind;
  /** A privacy officer: the officer-only queries are in the schema. */
  readonly officer: boolean;
  /** Some agency of this kind has records behind the gateway, so the owner's view is in the schema. */
  readonly ownsRecords: boolean;
}

/** `ASHG:officer`, `WIJKTEAM:staff`: the key a caller's schema is found under. */
export function variantKey(spec: Pick<VariantSpec, 'kind' | 'officer'>): string {
  return `${spec.kind}:${spec.officer ? 'officer' : 'staff'}`;
}

/** The variant key of a caller, from its agency kind and role. */
export function variantKeyOfCaller(caller: { readonly kind: AgencyKind; readonly role: string }): string {
  return variantKey({ kind: caller.kind, officer: caller.role === PRIVACY_OFFICER });
}

/** Root fields only privacy officers may run, read from the resolvers (officerOnly), not from a list. */
export function officerOnlyCoordinates(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const rootType of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(rootType?.getFields() ?? {})) {
      if (isOfficerOnly(field)) coordinates.add(`${rootType!.name}.${field.name}`);
    }
  }
  return coordinates;
}

/** The mutations that make an act, by the act they make (schema/act.graphql). */
const ACT_MUTATIONS: ReadonlyMap<string, ActKind> = new Map([
  ['Mutation.handOverCase', 'HAND_OVER_CASE'], ['Mutation.referZorgmelding', 'REFER_ZORGMELDING'],
  ['Mutation.answerReferral', 'ANSWER_REFERRAL'], ['Mutation.giveFeedback', 'GIVE_FEEDBACK'],
]);

/**
 * Whether callers of the variant could ever make the act: some act grant of a loaded covenant version
 * lets the kind send it, and the caller is staff (privacy officers audit acts; they do not make them).
 */
function mayEverAct(policy: CompiledPolicy, spec: VariantSpec, act: ActKind): boolean {
  return !spec.officer && policy.actGrants.some((grant) => grant.acts.has(act) && grant.senderKinds.has(spec.kind));
}

/**
 * The notices' entry points (schema/notification.graphql): a notice only ever goes to an organisation
 * that controls records (of a read of them, or of an agency joining a household it holds a record of).
 */
const NOTICE_ROOTS: ReadonlySet<string> = new Set(['Query.notifications', 'Subscription.notifications']);

/** The object-type coordinates the policy could ever release to the variant's callers (before pruning). */
export function reachableCoordinates(schema: GraphQLSchema, policy: CompiledPolicy, spec: VariantSpec): Set<string> {
  const officerOnly = officerOnlyCoordinates(schema);
  const granted = grantableCoordinates(policy, spec.kind);
  const reachable = new Set<string>();
  for (const coordinate of objectFieldCoordinates(schema)) {
    const act = ACT_MUTATIONS.get(coordinate);
    if (act) {
      if (mayEverAct(policy, spec, act)) reachable.add(coordinate);
    } else if (NOTICE_ROOTS.has(coordinate)) {
      if (spec.ownsRecords) reachable.add(coordinate);
    } else if (officerOnly.has(coordinate)) {
      if (spec.officer) reachable.add(coordinate);
    } else if (policy.publicCoordinates.has(coordinate) || granted.has(coordinate) || spec.ownsRecords) {
      reachable.add(coordinate);
    }
  }
  return reachable;
}

const FULL_SCHEMA = Symbol('ketenpoort.fullSchema');

/** The variant of `schema` (the full executable one) for the spec; resolvers are carried over. */
export function buildSchemaVariant(schema: GraphQLSchema, policy: CompiledPolicy, spec: VariantSpec): GraphQLSchema {
  const kept = closeOver(schema, reachableCoordinates(schema, policy, spec));
  const filtered = filterSchema({
    schema,
    rootFieldFilter: (typeName, fieldName) => kept.has(`${typeName}.${fieldName}`),
    objectFieldFilter: (typeName, fieldName) => kept.has(`${typeName}.${fieldName}`),
    interfaceFieldFilter: (typeName, fieldName) => kept.has(`${typeName}.${fieldName}`),
  });
  const variant = pruneSchema(filtered);
  // Resolvers that speak about the whole schema (the access matrix's rows) find it here.
  (variant.extensions as Record<symbol, unknown>)[FULL_SCHEMA] = fullSchemaOf(schema);
  return variant;
}

/** The full schema a variant was cut from (the schema itself when it is no variant). */
export function fullSchemaOf(schema: GraphQLSchema): GraphQLSchema {
  return ((schema.extensions as Record<symbol, unknown>)[FULL_SCHEMA] as GraphQLSchema | undefined) ?? schema;
}

/**
 * Drops, until nothing changes, fields whose type has nothing left to select, and interface fields
 * that some implementation lost (graphql requires an object to have its interfaces' fields). Returns
 * the kept coordinates of object and interface types.
 */
function closeOver(schema: GraphQLSchema, reachable: ReadonlySet<string>): Set<string> {
  const kept = new Set(reachable);
  const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
  const fieldsOf = (type: GraphQLNamedType): string[] =>
    isObjectType(type) || isInterfaceType(type) ? Object.keys(type.getFields()).filter((field) => kept.has(`${type.name}.${field}`)) : [];
  for (const type of types) {
    if (!isInterfaceType(type)) continue;
    for (const field of Object.keys(type.getFields())) kept.add(`${type.name}.${field}`);
  }
  let changed = true;
  while (changed) {
    changed = false;
    const drop = (coordinate: string) => {
      if (kept.delete(coordinate)) changed = true;
    };
    for (const type of types) {
      if (isInterfaceType(type)) {
        const implementations = schema.getPossibleTypes(type).filter((object) => fieldsOf(object).length > 0);
        for (const field of Object.keys(type.getFields())) {
          if (implementations.length === 0 || implementations.some((object) => !kept.has(`${object.name}.${field}`))) drop(`${type.name}.${field}`);
        }
      }
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const [name, field] of Object.entries(type.getFields())) {
        if (kept.has(`${type.name}.${name}`) && isEmpty(schema, getNamedType(field.type), fieldsOf)) drop(`${type.name}.${name}`);
      }
    }
  }
  return kept;
}

function isEmpty(schema: GraphQLSchema, type: GraphQLNamedType, fieldsOf: (type: GraphQLNamedType) => string[]): boolean {
  if (isObjectType(type) || isInterfaceType(type)) return fieldsOf(type).length === 0;
  if (isUnionType(type)) return type.getTypes().every((member) => fieldsOf(member).length === 0);
  return false;
}
