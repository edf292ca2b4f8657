/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/**
 * Lifecycle phases of the agencies' cases (DOMAIN.md section 3). Each agency uses its own subset:
 * ASHG FIRST_CONTACT..CLOSED with HANDED_OVER_TO_AMK; AMK INTAKE..REQUEST_TO_RAAD;
 * Veilig Thuis SAFETY_ASSESSMENT..MONITORING; police REGISTERED, REFERRED.
 */
export type CasePhase =
  | 'CLOSED'
  | 'CONCLUSION'
  | 'END_OF_INVOLVEMENT'
  | 'FIRST_CONTACT'
  | 'HANDED_OVER_TO_AMK'
  | 'HANDED_OVER_TO_CARE'
  | 'HANDOVER_WITH_CONDITIONS'
  | 'HOUSEHOLD_INFORMED'
  | 'INTAKE'
  | 'INVESTIGATION'
  | 'MONITORING'
  | 'OWN_INVESTIGATION'
  | 'PLAN_TO_HELP'
  | 'REFERRAL_CARRIED_OUT'
  | 'REFERRED'
  | 'REGISTERED'
  | 'REPORT_RECEIVED'
  | 'REQUEST_TO_RAAD'
  | 'SAFETY_ASSESSMENT';

export type HouseholdsOfMunicipalityQueryVariables = Exact<{
  municipality: string;
  first: number;
}>;


export type HouseholdsOfMunicipalityQuery = { households: { edges: Array<{ node: { id: string, municipality: string | null, hasMinors: boolean | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type HouseholdByIdQueryVariables = Exact<{
  id: string;
}>;


export type HouseholdByIdQuery = { household: { id: string, municipality: string | null, children: Array<{ name: string | null, birthDate: string | null }> | null, caseStatus: { involvements: Array<{ phase: CasePhase | null, agency: { id: string, name: string } | null }> } | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const HouseholdsOfMunicipalityDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<HouseholdsOfMunicipalityQuery, HouseholdsOfMunicipalityQueryVariables>;
export const HouseholdByIdDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<HouseholdByIdQuery, HouseholdByIdQueryVariables>;