/** Who is asking: the identity layer makes a Caller from a verified token and the declared purpose. */
import type { AgencyKind } from '#domain/records.ts';

/** The authenticated caller, from a verified token and the X-Purpose header. */
export interface Caller {
  readonly agencyId: string;
  readonly kind: AgencyKind;
  /** Region id of the caller's agency. */
  readonly region: string;
  /** Pseudonymous user id (the token's `sub`). */
  readonly userId: string;
  /** e.g. `caseworker`, `privacy-officer`. */
  readonly role: string;
  /** Purposes the token allows. */
  readonly purposes: readonly string[];
  /** The one purpose this request declared. */
  readonly purpose: string;
  /**
   * NEN 7513 responsible user: whom the user acted for, from the token's RFC 8693 `act` claim (the
   * token's `sub` is then the responsible user and `act.sub` the one acting). Absent when none.
   */
  readonly responsibleUserId?: string | null;
  /** NEN 7513 access point: the client system the token was issued to (`azp`, else `client_id`). */
  readonly accessPoint?: string | null;
}
