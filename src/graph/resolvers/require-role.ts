/** Privacy-officer-only queries: other roles get FORBIDDEN, whatever their agency. */
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '#src/graph/context.ts';
import { gatewayError } from '#domain/errors.ts';

export const PRIVACY_OFFICER = 'privacy-officer';
export const PRIVACY_AUDIT_PURPOSE = 'privacy-audit';

export function requirePrivacyOfficer(context: GatewayContext): void {
  if (context.caller.role !== PRIVACY_OFFICER) {
    throw gatewayError('FORBIDDEN', 'Only the privacy-officer role may read the audit trail, decision explanations, the access matrix and covenant diffs.', { http: { status: 403 } });
  }
  if (context.caller.purpose !== PRIVACY_AUDIT_PURPOSE) {
    throw gatewayError('FORBIDDEN', `The privacy officer's queries are made for the purpose ${PRIVACY_AUDIT_PURPOSE} only.`, { http: { status: 403 } });
  }
}

/** The field extension that marks a root field as the privacy officers' only. */
const OFFICER_ONLY = 'ketenpoortOfficerOnly';

/**
 * A root resolver only privacy officers may run: it checks the role first, and marks the field (an
 * extension) so the per-caller schemas (schema-variants.ts) leave it out of every other caller's
 * schema. The one wrapper does both, so the schema a caller sees and the check that refuses it cannot
 * drift apart.
 */
export function officerOnly<Args, Result>(resolve: (root: unknown, args: Args, context: GatewayContext, info: GraphQLResolveInfo) => Result) {
  return {
    resolve: (root: unknown, args: Args, context: GatewayContext, info: GraphQLResolveInfo): Result => {
      requirePrivacyOfficer(context);
      return resolve(root, args, context, info);
    },
    extensions: { [OFFICER_ONLY]: true },
  };
}

/** Whether a field was made with officerOnly. */
export function isOfficerOnly(field: { readonly extensions?: Readonly<Record<string, unknown>> | null }): boolean {
  return field.extensions?.[OFFICER_ONLY] === true;
}
