/**
 * Turns the HTTP request into a Caller, or into a refusal before anything executes: the token must
 * verify, and the one purpose declared in X-Purpose must be known and listed in the token.
 */
import type { Caller } from '#src/identity/caller.ts';
import type { GatewayErrorCode } from '#domain/errors.ts';
import { IdentityError, type TokenVerifier } from './verify-token.ts';

export type Authentication =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly status: 400 | 401 | 403 | 503; readonly code: GatewayErrorCode; readonly message: string };

export async function authenticate(
  verifier: TokenVerifier,
  knownPurposes: ReadonlySet<string>,
  headers: { authorization?: string | undefined; purpose?: string | undefined },
): Promise<Authentication> {
  let token;
  try {
    token = await verifier.verify(headers.authorization);
  } catch (error) {
    if (error instanceof IdentityError) return { ok: false, status: error.code === 'IDENTITY_UNAVAILABLE' ? 503 : error.code === 'ORGANISATION_NOT_IN_FORCE' ? 403 : 401, code: error.code, message: error.message };
    return { ok: false, status: 401, code: 'TOKEN_MALFORMED', message: 'The bearer token could not be read.' };
  }
  const purpose = headers.purpose?.trim();
  if (!purpose) return { ok: false, status: 400, code: 'PURPOSE_MISSING', message: 'Every request must declare its purpose in the X-Purpose header.' };
  if (!knownPurposes.has(purpose)) return { ok: false, status: 400, code: 'PURPOSE_UNKNOWN', message: 'The declared purpose is not a purpose code any agreement knows.' };
  if (!token.purposes.includes(purpose)) return { ok: false, status: 403, code: 'PURPOSE_NOT_PERMITTED', message: 'The declared purpose is not among the purposes the token allows.' };
  return {
    ok: true,
    caller: {
      agencyId: token.agencyId, kind: token.kind, region: token.region, userId: token.userId, role: token.role,
      purposes: token.purposes, purpose, responsibleUserId: token.responsibleUserId, accessPoint: token.accessPoint,
    },
  };
}
