/**
 * The slice of the gateway's schema the three benchmark queries use, for the baseline and the
 * ceiling. Same field names and nesting, so the same query text runs on every contender; enums
 * are plain strings (they serialise the same).
 */
export const BASELINE_SDL = /* GraphQL */ `
  type Query {
    me: Caller!
    householdsOfPerson(bsn: String!): [Household!]!
    households(municipality: String, region: ID, first: Int = 20, after: String): HouseholdConnection!
  }
  type Caller { role: String! purpose: String! }
  type HouseholdConnection { edges: [HouseholdEdge!]! pageInfo: PageInfo! }
  type HouseholdEdge { cursor: String! node: Household! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Household {
    id: ID!
    municipality: String
    children: [Child!]
    reports: [Report!]
    referrals: [Referral!]
    caseStatus: CaseStatus
  }
  type Child { id: ID! name: String }
  type Report { id: ID! phase: String narrative: String }
  type Referral { id: ID! status: String kind: String }
  type CaseStatus { involvements: [Involvement!]! }
  type Involvement { agency: Agency phase: String phaseCategory: String since: String contact: Contact }
  type Agency { id: ID! }
  type Contact { name: String }
`;
