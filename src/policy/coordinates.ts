/**
 * Schema coordinates (`Type.field`). Rules are keyed by the fields of concrete object types, where
 * they are enforced, so aliases, fragments and interfaces cannot route around them.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';

/** Every field of every object type, introspection types excluded, in schema order. */
export function objectFieldCoordinates(schema: GraphQLSchema): string[] {
  const coordinates: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.keys(type.getFields())) coordinates.push(`${type.name}.${field}`);
  }
  return coordinates;
}

/** Why the coordinate names no object type field of the schema, or null when it does. */
export function coordinateProblem(schema: GraphQLSchema, coordinate: string): string | null {
  const [typeName, field, ...rest] = coordinate.split('.');
  if (!typeName || !field || rest.length > 0) return `"${coordinate}" is not a Type.field coordinate`;
  const type = schema.getType(typeName);
  if (!type) return `type ${typeName} is not in the schema`;
  if (!isObjectType(type)) return `${typeName} is not an object type; name the fields of the object types that implement it`;
  if (!(field in type.getFields())) return `${typeName} has no field "${field}"`;
  return null;
}

/**
 * Expands a list of coordinates and `Type.*` patterns against the schema; what does not resolve is
 * reported, so a stale list fails start-up instead of silently covering nothing.
 */
export function expandCoordinatePatterns(schema: GraphQLSchema, patterns: readonly string[], listName: string): { coordinates: Set<string>; errors: string[] } {
  const coordinates = new Set<string>();
  const errors: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('.*')) {
      const typeName = pattern.slice(0, -2);
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type)) errors.push(`${listName}: ${pattern}: ${typeName} is not an object type of the schema`);
      else for (const field of Object.keys(type.getFields())) coordinates.add(`${typeName}.${field}`);
      continue;
    }
    const problem = coordinateProblem(schema, pattern);
    if (problem) errors.push(`${listName}: ${pattern}: ${problem}`);
    else coordinates.add(pattern);
  }
  return { coordinates, errors };
}
