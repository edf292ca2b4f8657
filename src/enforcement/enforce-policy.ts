/**
 * Wraps every field of every guarded object type with its policy check, at schema build. Enforcement
 * sits on the concrete object types, so aliases, fragments, interfaces, unions and @include/@skip all
 * end up in the same wrapped resolver. A field the policy withholds resolves to null and is listed
 * in extensions.redactions; its resolver never runs, so its value is never even read.
 * Bad configuration fails here, at start-up: a guarded field the policy does not know, an unguarded
 * type with a non-public field, or a withholdable field that is non-null.
 */
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, isNonNullType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Source } from '#src/households/nodes.ts';
import type { Enforcement, EnforcementContext } from './context.ts';
import { firstAllowed, isPromise, type FirstAllowed } from './first-allowed.ts';
import { GUARDS, inPrecedence, type Guard } from './sources.ts';

/** What a guarded field's resolver receives: the node, and the source the policy released the field from. */
export interface GuardedView<Node> {
  readonly node: Node;
  readonly source: Source | null;
}

export class SchemaGuardError extends Error {}

export function enforcePolicy(schema: GraphQLSchema, services: Pick<Enforcement, 'isPublic'>): GraphQLSchema {
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const guarded = type.name in GUARDS;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if (!guarded && !services.isPublic(coordinate)) problems.push(`${coordinate} is on a type without a guard and is not declared public`);
      if (guarded && !services.isPublic(coordinate) && isNonNullType(field.type) && coordinate !== GUARDS[type.name]?.visibility) {
        problems.push(`${coordinate} may be withheld but is non-null; a withheld field would null its parent`);
      }
    }
  }
  if (problems.length > 0) throw new SchemaGuardError(`Policy enforcement cannot be built:\n  ${problems.join('\n  ')}`);

  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const guard = GUARDS[typeName] as Guard<unknown> | undefined;
      if (!guard) return fieldConfig;
      const coordinate = `${typeName}.${fieldName}`;
      // A field with a resolver of its own gets the GuardedView; one without is read by graphql's default
      // resolver from what the guard says the releasing record holds.
      const own = fieldConfig.resolve as GraphQLFieldResolver<GuardedView<unknown>, EnforcementContext> | undefined;
      const inner: GraphQLFieldResolver<GuardedView<unknown>, EnforcementContext> = own
        ?? ((view, args, context, info) => defaultFieldResolver(guard.read(view.node, view.source), args, context, info));
      if (services.isPublic(coordinate)) {
        return { ...fieldConfig, resolve: (node, args, context, info) => inner({ node, source: guard.sources(node)[0] ?? null }, args, context, info) };
      }
      // Synchronous unless a decision waits for facts to load (Pothos' isThenable before await).
      const resolve: GraphQLFieldResolver<unknown, EnforcementContext> = (node, args, context, info) => {
        const sources = inPrecedence(guard.sources(node, coordinate), (agencyId) => context.enforcement.controls(agencyId));
        const release = ({ source, decisions }: FirstAllowed) => {
          if (source) {
            context.enforcement.audit.released(source, coordinate);
            return inner({ node, source }, args, context, info);
          }
          for (const denied of sources) context.enforcement.audit.withheld(denied, coordinate);
          // Cite the decision on the record the viewer was shown: that record is entered, so its officer can
          // explain the decision; the first record may be another agency's the viewer was never shown, which
          // is not entered (its existence is not the viewer's to learn). All denied: one decision per source.
          const shownAt = sources.findIndex((source) => context.enforcement.audit.wasShown(source));
          const decision = decisions[shownAt] ?? decisions[0];
          if (decision?.effect === 'deny') context.enforcement.redact(pathOf(info.path), decision);
          return null;
        };
        const found = firstAllowed(context.enforcement, sources, coordinate);
        return isPromise(found) ? found.then(release) : release(found);
      };
      return { ...fieldConfig, resolve };
    },
  });
}

function pathOf(path: { prev: unknown; key: string | number } | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  let cursor = path as { prev: unknown; key: string | number } | undefined;
  while (cursor) {
    out.unshift(cursor.key);
    cursor = cursor.prev as typeof cursor;
  }
  return out;
}
