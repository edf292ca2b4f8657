/* eslint-disable */
import * as types from './graphql.ts';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query HouseholdsOfMunicipality($municipality: String!, $first: Int!) {\n    households(municipality: $municipality, first: $first) {\n      edges {\n        node {\n          id\n          municipality\n          hasMinors\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.HouseholdsOfMunicipalityDocument,
    "\n  query HouseholdById($id: ID!) {\n    household(id: $id) {\n      id\n      municipality\n      children {\n        name\n        birthDate\n      }\n      caseStatus {\n        involvements {\n          agency {\n            id\n            name\n          }\n          phase\n        }\n      }\n    }\n  }\n": typeof types.HouseholdByIdDocument,
};
const documents: Documents = {
    "\n  query HouseholdsOfMunicipality($municipality: String!, $first: Int!) {\n    households(municipality: $municipality, first: $first) {\n      edges {\n        node {\n          id\n          municipality\n          hasMinors\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.HouseholdsOfMunicipalityDocument,
    "\n  query HouseholdById($id: ID!) {\n    household(id: $id) {\n      id\n      municipality\n      children {\n        name\n        birthDate\n      }\n      caseStatus {\n        involvements {\n          agency {\n            id\n            name\n          }\n          phase\n        }\n      }\n    }\n  }\n": types.HouseholdByIdDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HouseholdsOfMunicipality($municipality: String!, $first: Int!) {\n    households(municipality: $municipality, first: $first) {\n      edges {\n        node {\n          id\n          municipality\n          hasMinors\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').HouseholdsOfMunicipalityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HouseholdById($id: ID!) {\n    household(id: $id) {\n      id\n      municipality\n      children {\n        name\n        birthDate\n      }\n      caseStatus {\n        involvements {\n          agency {\n            id\n            name\n          }\n          phase\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').HouseholdByIdDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
