/**
 * Explanations for privacy officers: why a field of a record was (or would be) released or withheld,
 * with every agreement considered, what became of each condition and the article that allowed. An
 * officer is shown facts of its own organisation's records only, each as the decision evaluated it.
 * The trace holds agency ids, coordinates and condition results, never record values.
 */
import { answersFor } from '#src/graph/controlled-owners.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import { gatewayError } from '#domain/errors.ts';
import { loadHouseholdChildren, loadReferralFacts, ownRecordFacts } from '#src/enforcement/facts.ts';
import { fromAuditDecision } from '#src/enforcement/audit-decision.ts';
import { fromAuditFacts } from '#src/enforcement/audit-facts.ts';
import {
  agreementOf, controllersAt, explainAccess, explainRecorded, ruleIdOf, withholdRecordFacts, type AccessExplanation, type Decision, type ExplainedDecision, type Viewer,
} from '#src/policy/index.ts';
import { kindOfId } from '#src/households/ids.ts';
import { takenId } from '../caller-ids.ts';
import { noSoonerThanFloor } from '../not-found-floor.ts';
import { toDecisionExplanation } from './explain-shape.ts';
import { ownSourcesFor } from './explain-sources.ts';
import { officerOnly } from './require-role.ts';

interface ExplainInput {
  readonly viewerAgencyId: string;
  readonly purpose: string;
  readonly coordinate: string;
  readonly recordId: string;
  readonly at?: string | null;
}

function viewerOf(context: GatewayContext, input: ExplainInput): Viewer {
  const agency = context.services.agencyNode(input.viewerAgencyId);
  if (!agency) throw gatewayError('BAD_USER_INPUT', 'viewerAgencyId names no agency the gateway knows.');
  if (!/^[A-Z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(input.coordinate)) throw gatewayError('BAD_USER_INPUT', 'coordinate must read Type.field.');
  return { agencyId: agency.id, kind: agency.kind, region: agency.region };
}

/**
 * Whether a viewer may read a field of a record of the officer's own organisation, judged on what that
 * organisation's records say (DOMAIN rule 1: the other organisations' are theirs). Null when it holds
 * no record behind the id, whether another organisation does or not.
 */
async function explainOwnRecord(context: GatewayContext, input: ExplainInput, viewer: Viewer, at: Date): Promise<AccessExplanation | null> {
  const kind = kindOfId(input.recordId);
  // The officer names the record by its own organisation's id; another organisation's opens to nothing.
  const recordId = kind ? takenId(context, kind, input.recordId) : null;
  const [source] = recordId ? await ownSourcesFor(context, recordId, input.coordinate) : [];
  if (!source) return null;
  // Referrals and child records of its own records only: source.household holds no other.
  const [referrals, children] = await Promise.all([
    loadReferralFacts(source.household, context.request.loaders, context.request.upstreamFailed),
    loadHouseholdChildren(source.household, context.request.loaders, context.request.upstreamFailed),
  ]);
  return explainAccess(context.services.policy, {
    viewer, purpose: input.purpose, owner: source.owner, coordinate: input.coordinate, at,
    facts: ownRecordFacts(source, { referrals, children }, viewer.agencyId, at, controllersAt(context.services.policy.organisations, at)),
  });
}

export const explainResolvers = {
  Query: {
    explainAccess: officerOnly(async (_root: unknown, args: { input: ExplainInput }, context: GatewayContext) => {
      const startedAt = performance.now();
      const viewer = viewerOf(context, args.input);
      const explanation = await explainOwnRecord(context, args.input, viewer, args.input.at ? new Date(args.input.at) : context.now);
      context.enforcement.audit.search({ explain: args.input.coordinate, viewer: args.input.viewerAgencyId, purpose: args.input.purpose }, explanation ? 'released' : 'not-found', 'explain');
      if (!explanation) {
        await noSoonerThanFloor(context, startedAt);
        return null;
      }
      return toDecisionExplanation(context, explanation, { decisionId: null, ownRecord: true, withheldBecause: 'may-depend-on-another-organisation' });
    }),
    explainDecision: officerOnly(async (_root: unknown, args: { id: string }, context: GatewayContext) => {
      const found = await context.services.audit.findDecision(args.id);
      // A privacy officer explains decisions of its own agency's requests and about its own records only.
      const mine = found && (found.entry.viewer.agencyId === context.caller.agencyId || answersFor(context, found.entry.owner));
      context.enforcement.audit.search({ explainDecision: args.id }, mine ? 'released' : 'not-found', 'explain');
      if (!found || !mine) return null;
      const { entry } = found;
      const decision = fromAuditDecision(found.decision);
      const viewer = context.services.agencyNode(entry.viewer.agencyId);
      const owner = entry.owner ? context.services.agencyNode(entry.owner) : null;
      if (!decision || !viewer || !owner) return null;
      const { policy } = context.services;
      const request = {
        viewer: { agencyId: viewer.id, kind: viewer.kind, region: viewer.region }, purpose: entry.purpose,
        owner: { agencyId: owner.id, kind: owner.kind, region: owner.region }, coordinate: decision.coordinate, at: entry.time,
      };
      // The trail keeps, hashed with the entry, the facts the record's decisions evaluated: the walk is
      // replayed on those, never on today's records (children grow up, referrals close). Where the entry
      // holds none, or the replay does not reach the recorded decision (the covenants loaded now differ),
      // the explanation says only what the recorded decision itself proves and marks the rest not recorded.
      const onRecordedFacts = entry.facts ? explainAccess(policy, { ...request, facts: fromAuditFacts(entry.facts) }) : null;
      const replayed = onRecordedFacts && sameDecision(onRecordedFacts.decision, decision)
        ? { ...onRecordedFacts, decision } : explainRecorded(policy, request, decision);
      const ownRecord = answersFor(context, owner.id);
      return toDecisionExplanation(context, ownRecord ? replayed : withholdRecordFacts(policy, replayed), {
        decisionId: decision.id, ownRecord, withheldBecause: 'another-organisations-record',
      });
    }),
  },
};

/** Whether a replay reached the decision the trail recorded: same effect, reason, agreement and rule. */
function sameDecision(a: ExplainedDecision, b: Decision): boolean {
  if (a.effect === 'undetermined') return false;
  return a.effect === b.effect && a.reason === b.reason && agreementOf(a)?.key === agreementOf(b)?.key && ruleIdOf(a) === ruleIdOf(b);
}
