/**
 * Every field a viewer's own schema holds of a type, nested, as one selection: what a caller who asks
 * for everything it can name would send. Relations are followed (Report.household, Child.household,
 * Referral.report...), so the walk backwards is in it; a type met a second time is asked for its id
 * only, which bounds the depth; fields with a required argument are left out. An abstract type (the
 * CaseEvent union, the CaseRecord and Person interfaces) is asked through an inline fragment per
 * possible type, its fields aliased by the type's name: two types' fields of one name may differ.
 */
import {
  getNamedType, isCompositeType, isInterfaceType, isNonNullType, isObjectType,
  type GraphQLCompositeType, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';

export function fullSelection(schema: GraphQLSchema, type: GraphQLCompositeType, seen: Set<string> = new Set()): string {
  if (isObjectType(type)) return fieldsOf(schema, type, '', seen);
  return ['__typename', ...schema.getPossibleTypes(type).map((possible) => `... on ${possible.name} { ${fieldsOf(schema, possible, `${possible.name}_`, seen)} }`)].join(' ');
}

function fieldsOf(schema: GraphQLSchema, type: GraphQLObjectType, prefix: string, seen: Set<string>): string {
  if (seen.has(type.name)) return idOf(type);
  seen.add(type.name);
  return Object.values(type.getFields()).filter((field) => field.args.every((arg) => !isNonNullType(arg.type))).map((field) => {
    const named = getNamedType(field.type);
    const name = prefix ? `${prefix}${field.name}: ${field.name}` : field.name;
    if (!isCompositeType(named)) return name;
    const inner = isObjectType(named) && seen.has(named.name) ? idOf(named) : fullSelection(schema, named, seen);
    return `${name} { ${inner} }`;
  }).join(' ');
}

function idOf(type: GraphQLCompositeType): string {
  return (isObjectType(type) || isInterfaceType(type)) && 'id' in type.getFields() ? 'id' : '__typename';
}
