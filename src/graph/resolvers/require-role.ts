/** Privacy-officer-only queries: other roles get FORBIDDEN, whatever their agency. */
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
