/**
 * Builds random valid GraphQL documents over the whole schema, walking its types from Query: random
 * field selections, aliases (the same field aliased twice), named, inline and untyped fragments on
 * objects, interfaces and the union, @include/@skip driven by variables, several operations in one
 * document, bounded depth and small lists. One integer seed replays one document.
 */
import {
  getNamedType, isCompositeType, isInterfaceType, isListType, isNonNullType, isObjectType, isUnionType,
  type GraphQLCompositeType, type GraphQLField, type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLSchema,
  type GraphQLOutputType,
} from 'graphql';
import { createRandomSource } from './random-source.ts';
import { forgeId } from './forge-id.ts';
import { argumentsFor, rootEntry, type QueryFocus, type QueryInputs } from './query-arguments.ts';

export type { QueryFocus, QueryInputs } from './query-arguments.ts';

export interface GeneratedQuery {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName?: string;
}

/** Deepest field nesting, the root field being 1. */
export const MAX_DEPTH = 6;
/** Nested lists of objects, the root field's own included; each multiplies the cost the gateway estimates. */
const MAX_LIST_NESTING = 2;
/** Aliases per operation; the gateway refuses more than 30. */
const MAX_ALIASES = 26;
/** Fragments inside fragments, per path. */
const MAX_FRAGMENT_NESTING = 3;

export function createQueryBuilder(schema: GraphQLSchema, inputs: QueryInputs): (seed: number, focus?: QueryFocus | null) => GeneratedQuery {
  const safeNames = unaliasableFieldNames(schema);
  const queryType = schema.getQueryType()!;

  return (seed, focus = null) => {
    const random = createRandomSource(seed);
    let counter = 0;
    const nameOf = (prefix: string) => `${prefix}${++counter}`;
    const fragments: string[] = [];
    const variables: Record<string, unknown> = {};
    let definitions: string[] = [];
    let aliasesLeft = MAX_ALIASES;
    const alias = () => {
      aliasesLeft--;
      return `${nameOf('a')}: `;
    };

    const variable = (type: string, value: unknown): string => {
      const name = nameOf('v');
      definitions.push(`$${name}: ${type}`);
      variables[name] = value;
      return `$${name}`;
    };
    const directive = (): string => {
      if (!random.chance(0.12)) return '';
      const include = random.chance(0.5);
      // Half of the time the field is really left out; the other half it runs.
      const runs = random.chance(0.5);
      return ` @${include ? 'include' : 'skip'}(if: ${variable('Boolean!', include ? runs : !runs)})`;
    };

    function selection(type: GraphQLCompositeType, depth: number, lists: number, nesting: number): string {
      const items: string[] = [];
      if (isUnionType(type)) {
        if (random.chance(0.5)) items.push('__typename');
        for (const member of random.some(type.getTypes(), 2)) items.push(fragment(member, type, depth, lists, nesting));
        const shared = sharedInterfaces(type.getTypes());
        if (shared.length > 0 && random.chance(0.4)) items.push(fragment(random.pick(shared), type, depth, lists, nesting));
      } else {
        const count = random.int(1, depth <= 2 ? 4 : 3);
        for (let i = 0; i < count; i++) items.push(...field(type, depth, lists, nesting));
        if (nesting < MAX_FRAGMENT_NESTING && random.chance(0.25)) {
          const targets: GraphQLCompositeType[] = isObjectType(type) ? [type, ...type.getInterfaces()] : [type, ...schema.getPossibleTypes(type)];
          items.push(fragment(random.pick(targets), type, depth, lists, nesting + 1));
        }
      }
      return `{ ${items.join(' ')} }`;
    }

    function fragment(target: GraphQLCompositeType, parent: GraphQLCompositeType, depth: number, lists: number, nesting: number): string {
      const kind = random.weighted({ inline: 3, named: 2, untyped: target === parent ? 1 : 0 });
      const body = selection(target, depth, lists, nesting);
      const dir = directive();
      if (kind === 'named') {
        const name = nameOf('F');
        fragments.push(`fragment ${name} on ${target.name} ${body}`);
        return `...${name}${dir}`;
      }
      return kind === 'inline' ? `... on ${target.name}${dir} ${body}` : `...${dir} ${body}`;
    }

    function field(type: GraphQLObjectType | GraphQLInterfaceType, depth: number, lists: number, nesting: number): string[] {
      const candidates = Object.values(type.getFields()).filter((candidate) => {
        // Without aliases left, only fields that may go unaliased.
        if (aliasesLeft <= 0 && (candidate.args.length > 0 || !safeNames.has(candidate.name))) return false;
        if (!isCompositeType(getNamedType(candidate.type))) return true;
        return depth < MAX_DEPTH && (!isList(candidate.type) || lists < MAX_LIST_NESTING);
      });
      if (candidates.length === 0 || random.chance(0.05)) return ['__typename'];
      const chosen = random.pick(candidates);
      const one = (forceAlias: boolean) => {
        const args = argumentsFor(`${type.name}.${chosen.name}`, random, inputs, variable);
        const aliased = forceAlias || args !== '' || !safeNames.has(chosen.name) || (aliasesLeft > 0 && random.chance(0.15)) ? alias() : '';
        const named = getNamedType(chosen.type);
        // A connection's edges are as many as its `first`: the connection already counted as the list.
        const list = isList(chosen.type) && !(chosen.name === 'edges' && type.name.endsWith('Connection'));
        const sub = isCompositeType(named) ? ` ${selection(named, depth + 1, lists + (list ? 1 : 0), nesting)}` : '';
        return `${aliased}${chosen.name}${args}${directive()}${sub}`;
      };
      // The same field aliased twice.
      return aliasesLeft > 2 && random.chance(0.1) ? [one(true), one(true)] : [one(false)];
    }

    function operation(): string {
      definitions = [];
      aliasesLeft = MAX_ALIASES;
      const roots: string[] = [];
      for (let i = random.chance(0.8) ? 1 : 2; i > 0; i--) {
        const entry = rootEntry(random, inputs, focus, variable, forgeId, (field) => field in queryType.getFields());
        const rootField = queryType.getFields()[entry.field]!;
        const named = getNamedType(rootField.type);
        const lists = isList(rootField.type) || entry.field === 'households' ? 1 : 0;
        const sub = isCompositeType(named) ? ` ${selection(named, 2, lists, 0)}` : '';
        roots.push(`${alias()}${entry.field}${entry.args}${directive()}${sub}`);
      }
      const body = `{ ${roots.join(' ')} }`;
      return definitions.length > 0 ? `(${definitions.join(', ')}) ${body}` : ` ${body}`;
    }

    const count = random.chance(0.15) ? random.int(2, 3) : 1;
    const names = Array.from({ length: count }, (_unused, i) => (count > 1 || random.chance(0.3) ? `Op${i + 1}` : ''));
    const operations = names.map((name) => `query${name ? ` ${name}` : ''}${operation()}`);
    const operationName = count > 1 ? random.pick(names) : names[0] && random.chance(0.5) ? names[0] : undefined;
    return { query: [...operations, ...fragments].join('\n'), variables, ...(operationName ? { operationName } : {}) };
  };
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function sharedInterfaces(types: readonly GraphQLObjectType[]): GraphQLInterfaceType[] {
  const [first, ...rest] = types;
  return (first?.getInterfaces() ?? []).filter((candidate) => rest.every((type) => type.getInterfaces().includes(candidate)));
}

/**
 * Field names that may go unaliased: the same type and no arguments on every type that has them, so
 * two selections with this response name always merge (the validation rule on overlapping fields).
 */
function unaliasableFieldNames(schema: GraphQLSchema): Set<string> {
  const seen = new Map<string, Set<string>>();
  const withArgs = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const candidate of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      seen.set(candidate.name, new Set([...(seen.get(candidate.name) ?? []), String(candidate.type)]));
      if (candidate.args.length > 0) withArgs.add(candidate.name);
    }
  }
  return new Set([...seen].filter(([name, types]) => types.size === 1 && !withArgs.has(name)).map(([name]) => name));
}
