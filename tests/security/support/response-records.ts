/**
 * The records a response shows, as the audit trail names them: each object of a guarded type with the
 * record it is read from (the trail's entity type and `pe_` pseudonym, and for a person the subject's
 * `ps_` pseudonym), its path, and every field the query selected on it with its value.
 *
 * What was selected comes from the document itself, collected as graphql-js collects fields (fragments,
 * type conditions, @include/@skip, aliases). What each object *is* comes from a second answer to the same
 * document with `__typename` and `id` added to every selection (`identifiedQuery`): the response checked
 * never gets an id it did not ask for, and the ids of the second answer (the caller's own pairwise ids)
 * are opened here with the gateway's id service, then pseudonymised as the trail does.
 */
import {
  getDirectiveValues, getNamedType, GraphQLIncludeDirective, GraphQLSkipDirective, isAbstractType, isCompositeType, isInterfaceType,
  isObjectType, Kind, parse, print, valueFromAST,
  type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLObjectType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from 'graphql';
import type { IdKind, OrganisationIds } from '#src/households/ids.ts';

/** The record an object is read from, as the trail names it. */
export interface RecordIdentity {
  readonly entityType: string;
  readonly entityId: string;
  /** The person's pseudonym for a record about one person; null for a record about a household. */
  readonly subject: string | null;
}

export interface ShownField {
  readonly coordinate: string;
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

export interface ShownRecord {
  readonly typeName: string;
  readonly path: readonly (string | number)[];
  readonly identity: RecordIdentity;
  readonly fields: readonly ShownField[];
}

/** How the trail pseudonymises: record ids and BSNs (the gateway's own functions). */
export interface TrailPseudonyms {
  readonly ids: OrganisationIds;
  readonly entity: (recordId: string) => string;
  readonly subject: (bsn: string) => string;
}

/** Guarded types whose objects carry an id of their own, with the id's kind. */
const OWN_ID: Readonly<Record<string, IdKind>> = { Household: 'household', HouseholdMember: 'member', Child: 'child', Report: 'report', Referral: 'referral' };
/** Guarded types without an id: they are read from their parent's record (src/enforcement/sources.ts). */
const PARENT_RECORD: Readonly<Record<string, string>> = {
  Address: 'Household', CaseStatus: 'Household', Reporter: 'Report', ChildInvolvement: 'Report', SafetyAssessment: 'Report', Contact: 'Involvement',
};

/** The same document with `__typename` and, wherever a type (or a possible type) has one, `id` in every selection. */
export function identifiedQuery(schema: GraphQLSchema, query: string): string {
  const document = parse(query);
  const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
  const plain = (field: string): FieldNode => ({ kind: Kind.FIELD, name: name(field) });
  const identifying = (type: GraphQLCompositeType): SelectionNode[] => {
    if ((isObjectType(type) || isInterfaceType(type)) && 'id' in type.getFields()) return [plain('__typename'), plain('id')];
    const withId = isAbstractType(type) ? schema.getPossibleTypes(type).filter((possible) => 'id' in possible.getFields()) : [];
    return [plain('__typename'), ...withId.map((possible): SelectionNode => ({
      kind: Kind.INLINE_FRAGMENT, typeCondition: { kind: Kind.NAMED_TYPE, name: name(possible.name) }, selectionSet: { kind: Kind.SELECTION_SET, selections: [plain('id')] },
    }))];
  };
  const extend = (selectionSet: SelectionSetNode, type: GraphQLCompositeType): SelectionSetNode => ({
    ...selectionSet,
    selections: [...selectionSet.selections.map((selection): SelectionNode => {
      if (selection.kind === Kind.FIELD && selection.selectionSet) {
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        return field ? { ...selection, selectionSet: extend(selection.selectionSet, getNamedType(field.type) as GraphQLCompositeType) } : selection;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : type;
        return { ...selection, selectionSet: extend(selection.selectionSet, inner) };
      }
      return selection;
    }), ...identifying(type)],
  });
  return print({
    ...document,
    definitions: document.definitions.map((definition) => {
      if (definition.kind === Kind.OPERATION_DEFINITION) return { ...definition, selectionSet: extend(definition.selectionSet, schema.getQueryType()!) };
      if (definition.kind === Kind.FRAGMENT_DEFINITION) return { ...definition, selectionSet: extend(definition.selectionSet, schema.getType(definition.typeCondition.name.value) as GraphQLCompositeType) };
      return definition;
    }),
  });
}

interface WalkInput {
  readonly schema: GraphQLSchema;
  readonly query: string;
  readonly operationName?: string | undefined;
  readonly variables: Readonly<Record<string, unknown>>;
  /** `data` of the response checked, and of the identified query's response. */
  readonly data: Record<string, unknown>;
  readonly identified: Record<string, unknown>;
  readonly pseudonyms: TrailPseudonyms;
}

/** Every object of a guarded type in the response, with the record it is read from and the fields selected on it. */
export function shownRecords(input: WalkInput): ShownRecord[] {
  const { schema, variables, pseudonyms } = input;
  const document = parse(input.query);
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = input.operationName ? operations.find((candidate) => candidate.name?.value === input.operationName) : operations[0];
  if (!operation) throw new Error('no operation to walk');
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
    .map((fragment) => [fragment.name.value, fragment]));
  const out: ShownRecord[] = [];

  const included = (node: SelectionNode) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true && getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  const applies = (condition: string, type: GraphQLObjectType) => {
    const target = schema.getType(condition);
    return target === type || (target !== undefined && isAbstractType(target) && schema.isSubType(target, type));
  };
  const collect = (type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[], into = new Map<string, FieldNode[]>()) => {
    for (const selectionSet of selectionSets) {
      for (const selection of selectionSet.selections) {
        if (!included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          into.set(key, [...(into.get(key) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (!selection.typeCondition || applies(selection.typeCondition.name.value, type)) collect(type, [selection.selectionSet], into);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (fragment && applies(fragment.typeCondition.name.value, type)) collect(type, [fragment.selectionSet], into);
        }
      }
    }
    return into;
  };
  const opened = (kind: IdKind, id: unknown) => {
    const recordId = typeof id === 'string' ? pseudonyms.ids.take(kind, id) : null;
    if (recordId === null) throw new Error(`the identified response holds a ${kind} id the viewer cannot open: ${String(id)}`);
    return recordId;
  };
  const identify = (type: GraphQLObjectType, identified: Record<string, unknown>, parent: RecordIdentity | null): RecordIdentity | null => {
    const kind = OWN_ID[type.name];
    if (kind) {
      const [key] = pseudonyms.ids.open(kind, String(identified.id)) ?? [];
      const person = kind === 'member' || kind === 'child';
      return { entityType: type.name, entityId: pseudonyms.entity(opened(kind, identified.id)), subject: person && key && /^\d{9}$/.test(key) ? pseudonyms.subject(key) : null };
    }
    if (type.name === 'Involvement') return parent && { entityType: 'Involvement', entityId: parent.entityId, subject: null };
    if (type.name in PARENT_RECORD) {
      if (parent?.entityType !== PARENT_RECORD[type.name]) throw new Error(`${type.name} without its ${PARENT_RECORD[type.name]}`);
      return parent;
    }
    return null;
  };

  const walk = (type: GraphQLObjectType, value: Record<string, unknown>, identified: Record<string, unknown>, selectionSets: readonly SelectionSetNode[],
    path: readonly (string | number)[], parent: RecordIdentity | null): void => {
    const identity = identify(type, identified, parent);
    const fields: ShownField[] = [];
    for (const [key, nodes] of collect(type, selectionSets)) {
      const fieldName = nodes[0]!.name.value;
      if (fieldName === '__typename') continue;
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`${type.name}.${fieldName} is not in the schema`);
      const fieldPath = [...path, key];
      fields.push({ coordinate: `${type.name}.${fieldName}`, path: fieldPath, value: value[key] });
      const named = getNamedType(field.type);
      const child = value[key];
      if (!isCompositeType(named) || child === null || child === undefined) continue;
      const childSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      // A root caseStatus(householdId:) is the household's status: its record is the household the argument names.
      const childParent = path.length === 0 && fieldName === 'caseStatus'
        ? householdOfArgument(nodes[0]!) : identity ?? parent;
      const items = Array.isArray(child) ? child.map((item, index) => [item, (identified[key] as unknown[])[index], [...fieldPath, index]] as const)
        : [[child, identified[key], fieldPath] as const];
      for (const [item, identifiedItem, itemPath] of items) {
        if (item === null) continue;
        if (identifiedItem === null || identifiedItem === undefined) throw new Error(`the identified response differs at ${itemPath.join('.')}`);
        const concrete = isObjectType(named) ? named : schema.getType(String((identifiedItem as Record<string, unknown>).__typename));
        if (!isObjectType(concrete)) throw new Error(`no concrete type at ${itemPath.join('.')}`);
        walk(concrete, item as Record<string, unknown>, identifiedItem as Record<string, unknown>, childSets, itemPath, childParent);
      }
    }
    if (identity) out.push({ typeName: type.name, path, identity, fields });
  };
  const householdOfArgument = (node: FieldNode): RecordIdentity | null => {
    const argument = node.arguments?.find((candidate) => candidate.name.value === 'householdId');
    const id = argument ? valueFromAST(argument.value, schema.getType('ID') as never, variables as Record<string, unknown>) : null;
    const recordId = typeof id === 'string' ? pseudonyms.ids.take('household', id) : null;
    return recordId ? { entityType: 'Household', entityId: pseudonyms.entity(recordId), subject: null } : null;
  };
  walk(schema.getQueryType()!, input.data, input.identified, [operation.selectionSet], [], null);
  return out;
}
