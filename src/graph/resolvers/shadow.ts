/**
 * The shadow report (Query.shadowReport), for privacy officers: where a rehearsed policy would release
 * or withhold otherwise than the live one, in the officer's scope only (its agency viewer or owner).
 * Reading it is entered in the trail.
 */
import type { GatewayContext } from '#src/graph/context.ts';
import { decisionBasis } from './decision-basis.ts';
import { officerOnly } from './require-role.ts';

export const shadowResolvers = {
  Query: {
    shadowReport: officerOnly((_root: unknown, _args: unknown, context: GatewayContext) => {
      const { shadow, agencyNode } = context.services;
      const agencyId = context.caller.agencyId;
      context.enforcement.audit.search({ shadowReport: agencyId }, shadow ? 'released' : 'not-found', 'audit-query');
      if (!shadow) {
        return { configured: false, draftFolder: null, covenants: [], since: null, decisionsCompared: 0, decisionsNotCompared: 0, differences: [], truncated: false };
      }
      const view = shadow.view(agencyId);
      return {
        configured: true, draftFolder: shadow.shadow.draftFolder, covenants: shadow.shadow.covenants, since: shadow.since.toISOString(),
        decisionsCompared: view.decisionsCompared, decisionsNotCompared: view.decisionsNotCompared, truncated: view.truncated,
        differences: view.differences.map((difference) => {
          // Which condition failed is the owner's data, as in explanations.
          const owned = difference.ownerAgencyId === agencyId;
          return {
            coordinate: difference.coordinate, purpose: difference.purpose,
            viewer: agencyNode(difference.viewerAgencyId), owner: agencyNode(difference.ownerAgencyId),
            liveAllowShadowDeny: difference.liveAllowShadowDeny, liveDenyShadowAllow: difference.liveDenyShadowAllow,
            unshownRecords: difference.unshown,
            samples: difference.samples.map((sample) => ({
              decisionId: sample.decisionId, live: decisionBasis(sample.live, owned), shadow: decisionBasis(sample.shadow, owned),
            })),
          };
        }),
      };
    }),
  },
};
