/**
 * Replaying a logged decision under another agreement version (Query.replayDecision), for privacy
 * officers. Everything comes from the trail: viewer, purpose, owner, field, time and the facts the
 * decisions about the record evaluated then; the record is never reopened (the trail keeps only a
 * pseudonym of it) and today's world, which may have changed, is never asked.
 */
import { answersFor } from '#src/graph/controlled-owners.ts';
import { gatewayError } from '#domain/errors.ts';
import { fromAuditDecision } from '#src/enforcement/audit-decision.ts';
import { fromAuditFacts } from '#src/enforcement/audit-facts.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import { AGREEMENT_KEY, amsterdamDay, evaluateAmong, versionsInForce, withVersionInPlace } from '#src/policy/index.ts';
import { decisionBasis } from './decision-basis.ts';
import { officerOnly } from './require-role.ts';

interface ReplayArgs {
  readonly id: string;
  readonly agreementVersion: string;
}

export const replayResolvers = {
  Query: {
    replayDecision: officerOnly(async (_root: unknown, args: ReplayArgs, context: GatewayContext) => {
      const { policy } = context.services;
      if (!AGREEMENT_KEY.test(args.agreementVersion)) throw gatewayError('BAD_USER_INPUT', 'agreementVersion must read id@version, e.g. groningen-ashg-amk@3.');
      if (!policy.covenants.some((covenant) => covenant.key === args.agreementVersion)) {
        throw gatewayError('BAD_USER_INPUT', 'agreementVersion names no agreement version the gateway has loaded (Query.agreements lists them).');
      }
      const found = await context.services.audit.findDecision(args.id);
      // As explainDecision: an officer replays decisions of its own agency's requests and about its own records only.
      const mine = found !== null && (found.entry.viewer.agencyId === context.caller.agencyId || answersFor(context, found.entry.owner));
      context.enforcement.audit.search({ replayDecision: args.id, agreementVersion: args.agreementVersion }, mine ? 'released' : 'not-found', 'explain');
      if (!found || !mine || !found.entry.owner) return null;
      const { entry } = found;
      const original = fromAuditDecision(found.decision);
      const viewer = context.services.agencyNode(entry.viewer.agencyId);
      const owner = context.services.agencyNode(entry.owner);
      if (!original || !viewer || !owner) return null;
      // Every agreement as in force when the decision was made, but the chosen version for its agreement's.
      const chosen = withVersionInPlace(policy, versionsInForce(policy, entry.time), args.agreementVersion);
      if (!chosen) return null;
      const facts = fromAuditFacts(entry.facts);
      const replayed = evaluateAmong(policy, {
        viewer: { agencyId: viewer.id, kind: viewer.kind, region: viewer.region }, purpose: entry.purpose,
        owner: { agencyId: owner.id, kind: owner.kind, region: owner.region }, facts, coordinate: original.coordinate,
        // The organisations as they were that day: who existed, and who controlled the record.
        day: amsterdamDay(entry.time),
      }, chosen.versions);
      // The facts, and which condition failed, are the owner's data (minors, referrals): as for explanations.
      const ownedByCaller = answersFor(context, entry.owner);
      return {
        decisionId: original.id, at: entry.time.toISOString(), day: amsterdamDay(entry.time),
        viewer, purpose: entry.purpose, owner, coordinate: original.coordinate,
        agreementVersion: args.agreementVersion, replacedVersion: chosen.replaced, versions: [...chosen.versions].sort(),
        original: decisionBasis(original, ownedByCaller), replayed: decisionBasis(replayed, ownedByCaller),
        differs: original.effect !== replayed.effect,
        facts: { status: entry.facts ? 'RECORDED' as const : 'NOT_EVALUATED' as const, recorded: ownedByCaller && entry.facts ? facts : null },
      };
    }),
  },
};
