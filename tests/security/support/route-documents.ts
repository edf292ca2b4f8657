/**
 * The bypass suite's routes as documents over a viewer's own schema, for any household: the search by
 * every member's BSN, then the same search aliased twice, through named, nested, untyped and interface
 * fragments and through @include/@skip either way, in one operation; that operation beside a harmless
 * one (chosen by operationName, or none); root lookups by id; lists by municipality and region; report
 * filters and orders. Each asks for everything the viewer's schema can name (full-selection.ts), so
 * no field is left off a route. A route the viewer's schema lacks is left out.
 */
import { isObjectType, type GraphQLCompositeType, type GraphQLSchema } from 'graphql';
import { fullSelection } from './full-selection.ts';

export interface RouteDocument {
  readonly route: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

const VIOLENCE = ['PARTNER_VIOLENCE', 'PHYSICAL_CHILD_ABUSE', 'EMOTIONAL_CHILD_ABUSE', 'CHILD_NEGLECT', 'SEXUAL_ABUSE', 'ELDER_ABUSE', 'HONOUR_RELATED'] as const;
/** Before, between and after the world's receipts (2013 to 2025). */
export const RECEIVED_AFTER = ['2010-01-01T00:00:00Z', '2014-01-01T00:00:00+01:00', '2020-01-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00'] as const;
const ORDERS = ['RECEIVED_AT_ASC', 'RECEIVED_AT_DESC', 'URGENCY_DESC'] as const;

function rootType(schema: GraphQLSchema, field: string): GraphQLCompositeType | null {
  const found = schema.getQueryType()?.getFields()[field];
  if (!found) return null;
  let type = found.type;
  while ('ofType' in type) type = type.ofType;
  return type as GraphQLCompositeType;
}

/** The search by BSN in every shape at once, and beside a harmless operation; null when the schema has no search. */
export function searchDocuments(schema: GraphQLSchema, bsns: readonly string[]): RouteDocument[] {
  const household = rootType(schema, 'householdsOfPerson');
  if (!household || !isObjectType(household)) return [];
  const all = fullSelection(schema, household);
  const interfaces = household.getInterfaces().map((shared) => `... on ${shared.name} { ${fullSelection(schema, shared)} }`).join(' ');
  const others = bsns.slice(1).map((_bsn, index) => `$b${index + 1}: String!`).join(', ');
  const variables = Object.fromEntries(bsns.map((bsn, index) => [index === 0 ? 'bsn' : `b${index}`, bsn]));
  const every = `query Sensitive($bsn: String!${others ? `, ${others}` : ''}, $yes: Boolean!, $no: Boolean!) {
    ${bsns.map((_bsn, index) => `p${index}: householdsOfPerson(bsn: $${index === 0 ? 'bsn' : `b${index}`}) { ${all} }`).join('\n')}
    twice: householdsOfPerson(bsn: $bsn) { ...Everything }
    nested: householdsOfPerson(bsn: $bsn) { ...Outer }
    included: householdsOfPerson(bsn: $bsn) { ... @include(if: $yes) { ${all} } ... @skip(if: $no) { ...Everything } }
    skipped: householdsOfPerson(bsn: $bsn) { __typename ... @include(if: $no) { ${all} } ... @skip(if: $yes) { ...Everything } }
  }
  fragment Everything on ${household.name} { ${all} }
  fragment Outer on ${household.name} { ... { ...Inner } ${interfaces} }
  fragment Inner on ${household.name} { ... on ${household.name} { ...Everything } }`;
  const harmless = 'query Harmless { me { agency { id } purpose } }';
  const both = `${harmless}\n${every}`;
  const flags = { yes: true, no: false };
  return [
    { route: 'search by every member, aliased, fragments, directives', query: every, variables: { ...variables, ...flags } },
    { route: 'several operations: Harmless', query: both, variables: { ...variables, ...flags }, operationName: 'Harmless' },
    { route: 'several operations: Sensitive', query: both, variables: { ...variables, ...flags }, operationName: 'Sensitive' },
    { route: 'several operations: none named', query: both, variables: { ...variables, ...flags } },
  ];
}

export type LookupKind = 'household' | 'caseStatus' | 'child' | 'report' | 'referral';
const LOOKUP_ARGUMENT: Record<LookupKind, string> = { household: 'id', caseStatus: 'householdId', child: 'id', report: 'id', referral: 'id' };

/** One lookup and the ids it is asked with, each under its own alias (`${name}_${variant}`). */
export interface Lookup {
  readonly name: string;
  readonly kind: LookupKind;
  readonly ids: Readonly<Record<string, string>>;
}

/** The lookups the schema has, each with everything it can name below (relations walked backwards included). */
export function lookupDocument(schema: GraphQLSchema, lookups: readonly Lookup[]): RouteDocument | null {
  const fields = lookups.flatMap((lookup) => {
    const type = rootType(schema, lookup.kind);
    if (!type) return [];
    // And again through each interface the type implements (Report and Referral a CaseRecord, Child a Person).
    const all = [fullSelection(schema, type), ...(isObjectType(type) ? type.getInterfaces() : []).map((shared) => `... on ${shared.name} { ${fullSelection(schema, shared)} }`)].join(' ');
    return Object.entries(lookup.ids).map(([variant, id]) => `${lookup.name}_${variant}: ${lookup.kind}(${LOOKUP_ARGUMENT[lookup.kind]}: ${JSON.stringify(id)}) { ${all} }`);
  });
  return fields.length === 0 ? null : { route: 'root lookups', query: `{ ${fields.join('\n')} }` };
}

/** Lists by the municipality and by every region, the household's among them. */
export function listDocument(schema: GraphQLSchema, municipality: string, regions: readonly string[]): RouteDocument | null {
  const connection = rootType(schema, 'households');
  if (!connection) return null;
  const all = fullSelection(schema, connection);
  return {
    route: 'lists',
    query: `{ municipality: households(municipality: ${JSON.stringify(municipality)}, first: 100) { ${all} }
      ${regions.map((region, index) => `r${index}: households(region: ${JSON.stringify(region)}, first: 100) { ${all} }`).join('\n')} }`,
  };
}

/** Every report filter and order, each under its own alias, with the reports' ids. */
export function filterDocument(schema: GraphQLSchema, bsn: string): RouteDocument | null {
  const household = rootType(schema, 'householdsOfPerson');
  if (!household || !isObjectType(household) || !household.getFields().reports) return null;
  const reports = (args: string) => `reports${args} { id }`;
  return {
    route: 'report filters and orders',
    query: `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { all: ${reports('')}
      ${VIOLENCE.map((violence) => `v_${violence}: ${reports(`(filter: { violenceType: ${violence} })`)}`).join('\n')}
      ${RECEIVED_AFTER.map((after, index) => `after${index}: ${reports(`(filter: { receivedAfter: ${JSON.stringify(after)} })`)}`).join('\n')}
      ${ORDERS.map((order) => `o_${order}: ${reports(`(orderBy: ${order})`)}`).join('\n')} } }`,
    variables: { bsn },
  };
}

export const FILTERED_VIOLENCE = VIOLENCE;
export const REPORT_ORDERS = ORDERS;
