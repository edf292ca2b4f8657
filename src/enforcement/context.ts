/**
 * What enforcement needs of a request, and what it gives it. The graph's context extends
 * EnforcementContext, so enforcement never depends on the graph or on how the gateway is assembled.
 */
import type { Caller } from '#src/identity/caller.ts';
import type { Decided, Deny, ReferralFact } from '#src/policy/index.ts';
import type { HouseholdNode, Source } from '#src/households/nodes.ts';
import type { AuditBuffer } from './audit-buffer.ts';
import type { HouseholdChild } from './facts.ts';
import type { RedactionEntry } from './redaction.ts';

/** One request's decisions, their audit trail and the redactions the caller is told about. */
export interface RequestEnforcement {
  /**
   * The decision on one field of one record: synchronous unless the household's referrals must be
   * loaded first (only where a grant that could apply has a referral condition).
   */
  decide(source: Source, coordinate: string): Decided | Promise<Decided>;
  /** Whether any grant could let this viewer read the coordinate for the declared purpose (no record needed). */
  mayEverRead(coordinate: string): boolean;
  /**
   * Whether the caller's organisation controls, today, the records `ownerAgencyId` created: its own, or a
   * predecessor's (covenants/organisations.yaml). Those come first among a field's sources.
   */
  controls(ownerAgencyId: string): boolean;
  readonly audit: AuditBuffer;
  redact(path: readonly (string | number)[], decision: Decided & Deny): void;
  readonly redactions: readonly RedactionEntry[];
}

/** What a request's enforcement is made from. */
export interface EnforcementRequest {
  readonly caller: Caller;
  /** The instant the request is judged at. */
  readonly now: Date;
  readonly traceId: string;
  /** The request's span and the caller's span it continued, for the audit trail (LDV); null outside a trace. */
  readonly spanId?: string | null;
  readonly parentSpanId?: string | null;
  readonly requestId: string;
  /** Whether the caller's agency has a record system of its own (it may then filter on anything). */
  readonly callerHasRecords: boolean;
  /** The household's referrals, for conditions on them (loaded once per household and request). */
  referralsOf(household: HouseholdNode): Promise<readonly ReferralFact[]>;
  /**
   * The household's child records, for conditions on the children's roles (loaded once per household
   * and request).
   */
  childrenOf(household: HouseholdNode): Promise<readonly HouseholdChild[]>;
}

/** Enforcement for the process: which coordinates need no check, and a request's decisions. */
export interface Enforcement {
  /** A coordinate released without a decision (declared public): its resolver is not wrapped with a check. */
  isPublic(coordinate: string): boolean;
  forRequest(request: EnforcementRequest): RequestEnforcement;
}

export interface EnforcementContext {
  readonly caller: Caller;
  readonly enforcement: RequestEnforcement;
}
