/**
 * The operations this client sends, written with the `graphql()` function graphql-codegen's client preset
 * generates (./gql/): each document comes out typed, its result and variables checked against schema.graphql.
 */
import { graphql } from './gql/index.ts';

export const HouseholdsOfMunicipality = graphql(`
  query HouseholdsOfMunicipality($municipality: String!, $first: Int!) {
    households(municipality: $municipality, first: $first) {
      edges {
        node {
          id
          municipality
          hasMinors
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const HouseholdById = graphql(`
  query HouseholdById($id: ID!) {
    household(id: $id) {
      id
      municipality
      children {
        name
        birthDate
      }
      caseStatus {
        involvements {
          agency {
            id
            name
          }
          phase
        }
      }
    }
  }
`);
