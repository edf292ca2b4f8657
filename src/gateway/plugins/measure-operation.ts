/**
 * Measures an operation before it runs: selection depth, aliases, and an estimated cost where a
 * list field multiplies the cost of what it selects by its page size (or a default fan-out).
 * Fragments are expanded (with cycle protection), so a fragment cannot hide depth or cost.
 */
import {
  getNamedType, isListType, isNonNullType, isObjectType, isInterfaceType, Kind,
  type FragmentDefinitionNode, type GraphQLField, type GraphQLOutputType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type GraphQLCompositeType, type ValueNode,
} from 'graphql';

export interface OperationMeasure {
  readonly depth: number;
  readonly aliases: number;
  readonly cost: number;
}

/** Assumed length of a list with no page-size argument. */
export const DEFAULT_LIST_FAN_OUT = 10;

/**
 * `Query.auditSummary` reads up to 10,000 entries of the store (20 pages of 500) and answers counts:
 * none of an entry's fields is resolved or serialised, which is most of what an auditEntries item costs.
 * Not measured: a bound set at half the default limit, so one summary fits a request and two do not.
 */
export const AUDIT_SUMMARY_COST = 10_000;

/**
 * Connections whose items are stored documents read whole by one query: each item costs a fixed,
 * measured amount whatever is selected of it, instead of its selection walked with a fan-out of 10 for
 * every list inside it (an audit entry's decisions and field names are bounded by the entry, not by an
 * argument, and arrive with it; the walk put a full entry at 239).
 *
 * `Query.auditEntries`: a page of 500 entries with every field selected took 1.2 times as long as
 * households(region: "groningen", first: 40) with 40 households, their members, children, reports,
 * referrals and involvements (estimated 15,280): medians of 12 runs each, one gateway over 400 mock
 * households. So 500 entries at about 18,000, 36 each: a page of 500 fits the default limit of 20,000
 * whatever it selects, and two such pages do not.
 */
export const ITEM_COSTS: Readonly<Record<string, number>> = { 'Query.auditEntries': 36, 'Query.auditSummary': AUDIT_SUMMARY_COST };

export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
): OperationMeasure {
  let aliases = 0;
  const rootType = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!rootType) return { depth: 0, aliases: 0, cost: 0 };

  function walk(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, depth: number, seen: ReadonlySet<string>): { depth: number; cost: number } {
    let maxDepth = depth;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        const field = fieldOf(parent, selection.name.value);
        if (!field) continue;
        const named = getNamedType(field.type);
        let childCost = 0;
        if (selection.selectionSet && (isObjectType(named) || isInterfaceType(named) || 'getTypes' in named)) {
          const child = walk(selection.selectionSet, named as GraphQLCompositeType, depth + 1, seen);
          maxDepth = Math.max(maxDepth, child.depth);
          childCost = child.cost;
        } else {
          maxDepth = Math.max(maxDepth, depth + (selection.selectionSet ? 1 : 0));
        }
        // A connection's edges are as many as its `first`, which the connection field already counted.
        const connectionEdges = selection.name.value === 'edges' && 'name' in parent && parent.name.endsWith('Connection');
        const itemCost = 'name' in parent ? ITEM_COSTS[`${parent.name}.${selection.name.value}`] : undefined;
        if (itemCost !== undefined) cost += 1 + itemCost * fanOut(field, selection.arguments ?? [], variables);
        else cost += (1 + childCost) * (connectionEdges ? 1 : fanOut(field, selection.arguments ?? [], variables));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? (schema.getType(typeName) as GraphQLCompositeType | undefined) : parent;
        if (!type) continue;
        const inner = walk(selection.selectionSet, type, depth, seen);
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += inner.cost;
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
        if (!type) continue;
        const inner = walk(fragment.selectionSet, type, depth, new Set([...seen, name]));
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth: maxDepth, cost };
  }

  const result = walk(operation.selectionSet, rootType, 1, new Set());
  return { depth: result.depth, aliases, cost: result.cost };
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

function fanOut(field: GraphQLField<unknown, unknown>, args: readonly { name: { value: string }; value: ValueNode }[], variables: Readonly<Record<string, unknown>>): number {
  const first = args.find((arg) => arg.name.value === 'first');
  if (first) {
    const value = first.value.kind === Kind.INT ? Number(first.value.value) : first.value.kind === Kind.VARIABLE ? Number(variables[first.value.name.value]) : NaN;
    if (Number.isFinite(value) && value > 0) return value;
    const declared = field.args.find((arg) => arg.name === 'first')?.defaultValue;
    if (typeof declared === 'number') return declared;
  }
  if (field.args.some((arg) => arg.name === 'first')) {
    const declared = field.args.find((arg) => arg.name === 'first')?.defaultValue;
    return typeof declared === 'number' ? declared : DEFAULT_LIST_FAN_OUT;
  }
  return isList(field.type) ? DEFAULT_LIST_FAN_OUT : 1;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}
