/** Agreements are public data: the very grants the engine enforces, shown as they were compiled. */
import type { AgreementResolvers, GrantResolvers, QueryResolvers } from '#generated/resolvers.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import { describeCondition } from '#src/policy/index.ts';
import type { Covenant, CovenantGrant, CovenantParty } from '#src/policy/index.ts';
import { amsterdamDay, inForceAt } from '#src/policy/index.ts';
import { gatewayError } from '#domain/errors.ts';

function dayOrThrow(value: string | null | undefined, context: GatewayContext): Date {
  if (!value) return context.now;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T12:00:00Z`))) {
    throw gatewayError('BAD_USER_INPUT', 'Dates are written yyyy-mm-dd.');
  }
  return new Date(`${value}T12:00:00Z`);
}

export const agreementResolvers = {
  Query: {
    agreements: (_root: unknown, args: { inForceAt?: string | null; all?: boolean | null }, context: GatewayContext) => {
      const at = dayOrThrow(args.inForceAt, context);
      return context.services.covenants.filter((covenant) => args.all || inForceAt(covenant, at));
    },
    agreement: (_root: unknown, args: { id: string; version?: number | null }, context: GatewayContext) => {
      const versions = context.services.covenants.filter((covenant) => covenant.id === args.id);
      if (args.version != null) return versions.find((covenant) => covenant.version === args.version) ?? null;
      return versions.find((covenant) => inForceAt(covenant, context.now)) ?? versions.at(-1) ?? null;
    },
  } satisfies Pick<QueryResolvers, 'agreements' | 'agreement'>,
  Agreement: {
    regions: (covenant: Covenant, _args: unknown, context: GatewayContext) =>
      covenant.regions.map((id) => context.services.regionNode(id)).filter((region) => region !== null),
    inForce: (covenant: Covenant, args: { at?: string | null }, context: GatewayContext) => inForceAt(covenant, amsterdamDay(dayOrThrow(args.at, context))),
  } satisfies AgreementResolvers,
  AgreementParty: {
    agency: (party: CovenantParty, _args: unknown, context: GatewayContext) => context.services.agencyNode(party.agencyId),
  },
  Grant: {
    conditions: (grant: CovenantGrant) => grant.conditions.map(describeCondition),
  } satisfies GrantResolvers,
};
