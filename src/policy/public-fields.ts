/**
 * The one place that declares coordinates public: released to every authenticated caller without a
 * covenant, whoever owns the record. Only organisational data and plumbing; nothing about a person
 * or a household. compilePolicy fails when a pattern here names nothing in the schema, and when a
 * field is neither public, owner-only nor granted, so a new schema type must be placed somewhere.
 */
export const PUBLIC_COORDINATES: readonly string[] = Object.freeze([
  // Entry points. What they return is decided field by field on the concrete types.
  'Query.*',
  // The chain's acts (schema/act.graphql): each is decided by the policy's write grants when it is made.
  'Mutation.*',
  // An act as its sender and receiver see it: parties, kind, status, coordinate names and agreement
  // articles, never a value. Query.act and Query.acts show only acts of the caller's organisation.
  'Act.*',
  'ActConnection.*',
  'ActEvent.*',
  // What an act carried to a receiver without a record system (Act.received): decided with the act by its
  // write grant; shown only to the receiver's staff until it answers.
  'ReceivedCase.*',
  'ReceivedRecord.*',
  'ReceivedField.*',
  // Notices (schema/notification.graphql): each decided when made; only the recipient's organisation reads them.
  'Notification.*',
  'NotifiedRecord.*',
  'Subscription.*',
  // Organisational data (schema/agency.graphql: public to every authenticated caller).
  'Agency.*',
  'Region.*',
  // Agreements are public data and the source of the policy (schema/agreement.graphql).
  'Agreement.*',
  'AgreementParty.*',
  'Purpose.*',
  'LegalBasis.*',
  'DataCategory.*',
  'Grant.*',
  // The caller as authenticated: its own agency, role and purpose.
  'Caller.*',
  // Pagination plumbing; the households on the page are governed.
  'HouseholdConnection.*',
  'HouseholdEdge.*',
  'PageInfo.*',
  // Not Household.id: it decides whether a household is shown at all (lists, lookups). Public, it would
  // tell every caller that a household is known to the chain: an existence oracle. Categories grant it.
  // What was withheld and why, as the caller sees it; no values.
  'Redaction.*',
  // Decision explanations (schema/explain.graphql). They hold agency ids, coordinates and condition
  // results, no record values; the gateway lets only privacy officers run the explain queries.
  'DecisionExplanation.*',
  'DecisionAgreement.*',
  'DecisionFacts.*',
  'ExplainedFacts.*',
  'ExplainedFact.*',
  'ExplainedReferrals.*',
  'ExplainedChildRoles.*',
  'DecisionReferralFact.*',
  'AgreementTrace.*',
  'GrantTrace.*',
  'ConditionTrace.*',
  // Replays of logged decisions (schema/replay.graphql): agency ids, coordinates, reasons and agreement
  // versions; the recorded facts only for the owning agency's officer. Only privacy officers run it.
  'DecisionReplay.*',
  'DecisionBasis.*',
  'ReplayFacts.*',
  // The shadow report (schema/shadow.graphql): counts, coordinates, agency ids and decision ids of the
  // trail, in the officer's scope. Only privacy officers run it.
  'ShadowReport.*',
  'ShadowCovenant.*',
  'ShadowDifference.*',
  'ShadowSample.*',
  // The audit trail (schema/audit.graphql): field names, agency ids and pseudonyms, never values. Not a
  // record of an agency in the chain, so no covenant governs it; Query.auditEntries gives a caller
  // only entries where its own agency is viewer or owner.
  'AuditEntry.*',
  'AuditViewer.*',
  'AuditDecision.*',
  'AuditSearchTerm.*',
  'AuditFacts.*',
  'AuditReferralFact.*',
  'AuditEntryConnection.*',
  'AuditEntryEdge.*',
  // What an audit search adds up to (Query.auditSummary): counts by day, agency id, agreement version,
  // purpose and reason, over the same scope as auditEntries.
  'AuditSummary.*',
  'AuditOutcomeCount.*',
  'AuditDayCount.*',
  'AuditReasonCount.*',
  // A person's access request (schema/access-request.graphql): the same trail entries in the officer's
  // scope, with their proofs (hashes and the entries' own documents: names, ids and pseudonyms, no values).
  'AccessRequestConnection.*',
  'AccessRequestEdge.*',
  'AccessRequestEntry.*',
  'AccessRequestCounts.*',
  'AccessRequestOrganisation.*',
  'AuditAnchor.*',
  'AuditChainSegment.*',
  'AuditEntryProof.*',
  // The privacy officer's workbench (schema/workbench.graphql): the access matrix and covenant diffs,
  // made from the covenants (public data); agency kinds and ids, coordinates, no record values. The
  // gateway lets only privacy officers run its queries.
  'AccessMatrix.*',
  'MatrixColumn.*',
  'MatrixRow.*',
  'MatrixCell.*',
  'MatrixGrant.*',
  'MatrixParty.*',
  'MatrixOrganisation.*',
  'MatrixDataCategory.*',
  'MatrixSharing.*',
  'AccessMatrixAct.*',
  'MatrixActGrant.*',
  'AgreementExample.*',
  'ExampleAgency.*',
  'CovenantDiff.*',
  'AccessChange.*',
  'ActGrantChange.*',
  'ActGrantBasis.*',
]);
