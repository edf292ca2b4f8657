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
}
