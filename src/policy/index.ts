/**
 * The policy engine's public surface: covenants in (loadCovenants, compilePolicy), decisions out
 * (evaluate, createRequestPolicy; evaluateAmong under hand-chosen versions; decideAct for acts), and the trace behind
 * them (explainAccess); the register of processing activities a request belongs to. Pure but for the
 * loaders, which read `covenants/`; the time is always passed in.
 */
export {
  ACT_DECISION_REASONS, type ActDecision, type ActDecisionReason, type ActGrantRef, type ActParty, type ActRequest,
} from './act-decision.ts';
export { FEEDBACK_COORDINATES, REFERRING_ACTS } from './build-act-grants.ts';
export { decideAct } from './decide-act.ts';
export { ACCESS_NOTICE_COORDINATE, decideAccessNotice, decideInvolvementNotice, INVOLVEMENT_NOTICE_COORDINATE, type NoticeDecision } from './decide-notice.ts';
export { compilePolicy, type CompiledActGrant, type CompiledGrant, type CompiledPolicy, type CompilePolicyOptions, type PolicyDataCategory } from './compile.ts';
export { describeActCondition, describeCondition } from './conditions.ts';
export { objectFieldCoordinates } from './coordinates.ts';
export {
  REGION_KINDS,
  type Condition, type Covenant, type CovenantActExample, type CovenantActGrant, type CovenantExample, type CovenantGrant, type CovenantParty, type DataCategoryDef, type LegalBasis, type Party,
  type PurposeDef, type RegionDef, type RegionKind, type SourceRef,
} from './covenant-types.ts';
export {
  DECISION_REASONS, ENGINE_RULES, agreementOf, failedConditionOf, redactionReasonOf, ruleIdOf,
  type AccessRequest, type AgreementRef, type Allow, type Decided, type Decision, type DecisionReason, type Deny, type ExplainedDecision,
  type RedactionReasonCode, type Undetermined, type Viewer,
} from './decision.ts';
export { CovenantLoadError, PolicyConfigError, ProcessingRegisterError } from './errors.ts';
export { decideAmong, decideOn, evaluate, evaluateAmong, isDataIndependent, mayEverAllow } from './evaluate.ts';
export { grantableCoordinates } from './grantable.ts';
export { explainAccess } from './explain.ts';
export { explainRecorded, withholdRecordFacts } from './explain-recorded.ts';
export type {
  AccessExplanation, AgreementTrace, ConditionTrace, ExplainRequest, FactState, FactsTrace, FactTrace, GrantTrace, TraceOutcome,
} from './explain-trace.ts';
export { CHILD_ROLES, NO_FACTS, WITHHELD, type PartialFacts, type RecordFacts, type ReferralFact, type Withheld } from './facts.ts';
export { loadCovenants, parseCovenantFiles, type CovenantFile, type LoadedCovenants } from './load-covenants.ts';
export {
  loadProcessingRegister, parseProcessingRegister, PROCESSING_REGISTER_SCHEMA_FILE, type ProcessingRegisterContext,
} from './load-processing-register.ts';
export { OWNER_ONLY_COORDINATES } from './owner-only-fields.ts';
export { viewerRegion } from './grant-match.ts';
export { controlledBy, controllerOn, controllersAt, existsOn, type OrganisationDef, type OrganisationRegistry } from './organisations.ts';
export { loadOrganisationsSync, ORGANISATIONS_FILE, type LoadedOrganisations } from './load-organisations.ts';
export {
  ALWAYS_DECLARABLE_PURPOSES, createProcessingRegister, PROCESSING_REGISTER_FILE, type ProcessingActivity, type ProcessingRegister, type RegisterOrganisation,
} from './processing-register.ts';
export { PUBLIC_COORDINATES } from './public-fields.ts';
export { createRequestPolicy, type RequestPolicy } from './request-policy.ts';
export { amsterdamDay, inForceAt, isCalendarDay, validityOn, type ValidityStatus } from './validity.ts';
export { AGREEMENT_KEY, versionsInForce, withVersionInPlace, type VersionInPlace } from './versions.ts';
