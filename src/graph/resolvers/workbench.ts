/**
 * The privacy officer's workbench: the access matrix at a date and the diff between two agreement
 * versions, both made from the compiled policy the gateway enforces (context.services.policy). Only
 * the privacy-officer role, for privacy-audit. Agreements are public data; no record is read.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '#src/graph/context.ts';
import { gatewayError } from '#domain/errors.ts';
import { objectFieldCoordinates } from '#src/policy/index.ts';
import type { AccessBasis, AccessChange } from '#src/workbench/diff.ts';
import { DiffInputError, diffVersions } from '#src/workbench/diff-versions.ts';
import { buildAccessMatrix, type AccessMatrix, type MatrixGrant } from '#src/workbench/matrix.ts';
import { isCalendarDay } from '#src/policy/index.ts';
import { fullSchemaOf } from '../schema-variants.ts';
import { officerOnly } from './require-role.ts';

interface MatrixArgs { readonly at: string; readonly region?: string | null; readonly purpose?: string | null }

export const workbenchResolvers = {
  Query: {
    accessMatrix: officerOnly((_root: unknown, args: MatrixArgs, context: GatewayContext, info: GraphQLResolveInfo) => {
      const { policy, knownPurposes } = context.services;
      if (!isCalendarDay(args.at)) throw gatewayError('BAD_USER_INPUT', 'at must be a calendar day, written yyyy-mm-dd.');
      if (args.region && !policy.regions.has(args.region)) throw gatewayError('BAD_USER_INPUT', 'region names no region of covenants/regions.yaml.');
      if (args.purpose && !knownPurposes.has(args.purpose)) throw gatewayError('BAD_USER_INPUT', 'purpose names no purpose of covenants/purposes.yaml.');
      // Rows in schema order; walking the schema's types costs microseconds, so it is not cached.
      const coordinates = objectFieldCoordinates(fullSchemaOf(info.schema));
      return toGraphQLMatrix(buildAccessMatrix(policy, { at: args.at, region: args.region ?? null, purpose: args.purpose ?? null, coordinates }), context);
    }),
    covenantDiff: officerOnly((_root: unknown, args: { from: string; to: string }, context: GatewayContext) => {
      const agencies = context.services.agencyNodes().map((agency) => ({ agencyId: agency.id, kind: agency.kind, region: agency.region }));
      try {
        const diff = diffVersions(context.services.policy, args.from, args.to, { agencies });
        return { from: diff.from, to: diff.to, changes: diff.changes.map(toGraphQLChange), situationsChecked: diff.situationsChecked, actChanges: diff.actChanges };
      } catch (error) {
        if (error instanceof DiffInputError) throw gatewayError('BAD_USER_INPUT', 'from and to must each name a loaded agreement version, written id@version.');
        throw error;
      }
    }),
  },
};

function toGraphQLMatrix(matrix: AccessMatrix, context: GatewayContext) {
  return {
    ...matrix,
    organisations: matrix.organisations.map((organisation) => ({
      agency: context.services.agencyNode(organisation.id), exists: organisation.exists, controller: context.services.agencyNode(organisation.controller),
      inRegion: organisation.inRegion,
    })),
    sharing: matrix.sharing.map((pair) => ({
      viewer: context.services.agencyNode(pair.viewerId), owner: context.services.agencyNode(pair.ownerId), purposes: pair.purposes,
      coordinates: pair.coordinates, categories: pair.categories, otherCoordinates: pair.otherCoordinates, grantIds: pair.grants.map((grant) => grant.id),
    })),
    rows: matrix.rows.map((row) => ({ ...row, cells: row.cells.map((cell) => ({ viewerKind: cell.viewerKind, ownerKind: cell.ownerKind, grantIds: cell.grants.map((grant) => grant.id) })) })),
    grants: matrix.grants.map((grant: MatrixGrant) => ({ ...grant, conditions: grant.conditionTexts })),
    acts: matrix.acts.map((act) => ({
      ...act, sender: context.services.agencyNode(act.senderId), receiver: context.services.agencyNode(act.receiverId),
      grants: act.grants.map((grant) => ({ ...grant, basis: `${grant.agreement.key}#${grant.agreement.article}`, conditions: grant.conditionTexts })),
    })),
  };
}

function toGraphQLChange(change: AccessChange) {
  const side = (basis: AccessBasis | null) => ({ reason: basis?.reason ?? null, agreement: basis?.agreement ?? null });
  const [before, after] = [side(change.before), side(change.after)];
  return { ...change, beforeReason: before.reason, before: before.agreement, afterReason: after.reason, after: after.agreement };
}
