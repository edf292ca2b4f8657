/**
 * What every dialect's inbound operation (AgencyAdapter.deliver, issue 13) shares: reading the granted
 * values of an ActDelivery by schema coordinate, naming a chain partner in the agency's own codes, and
 * turning the agency's answer into a receipt or an AdapterError the outbox can judge. Messages name the
 * dialect, the operation and the status only, never a value of the act or the agency's answer text.
 */
import type { ActKind, ActRecordValues } from '#domain/acts.ts';
import { AdapterError } from './errors.ts';

/**
 * The text the delivery carries for a coordinate (`Report.narrative`), or undefined when it carries
 * none: a coordinate not granted is absent, and a value of another shape is skipped, never guessed at.
 */
export function actText(record: ActRecordValues | null | undefined, coordinate: string): string | undefined {
  const value = record?.values[coordinate];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function actBoolean(record: ActRecordValues | null | undefined, coordinate: string): boolean | undefined {
  const value = record?.values[coordinate];
  return typeof value === 'boolean' ? value : undefined;
}

/** A list of texts (`Report.violenceTypes`); undefined unless every item is a text. */
export function actTexts(record: ActRecordValues | null | undefined, coordinate: string): readonly string[] | undefined {
  const value = record?.values[coordinate];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value as string[] : undefined;
}

/** The value's code in a dialect's table (schema value -> legacy code); undefined for a value without one. */
export function actCode<Code extends string>(table: ReadonlyMap<string, Code>, value: string | undefined): Code | undefined {
  return value === undefined ? undefined : table.get(value);
}

/** A dialect's formatter (dates, instants) applied where it can be; a value it cannot write is skipped. */
export function formatted<Written extends string>(format: (value: string) => Written, value: string | undefined): Written | undefined {
  if (value === undefined) return undefined;
  try {
    return format(value);
  } catch {
    return undefined;
  }
}

/**
 * The agency's legacy code of a chain partner (`ASHG-GRN`), from the adapter's `agencyCodes`
 * configuration read backwards; an organisation the code book does not hold is named by its gateway id
 * (organisational data, public in the chain), so the receiver can still tell who sent the act.
 */
export function agencyCodeOf(agencyCodes: Readonly<Record<string, string>>, agencyId: string): string {
  for (const [code, id] of Object.entries(agencyCodes)) if (id === agencyId) return code;
  return agencyId;
}

/** The refusal of an act the agency's system has no inbound operation for: permanent, and nothing was sent. */
export function refuseActKind(agencyId: string, dialect: string, kind: ActKind): AdapterError {
  return new AdapterError('UPSTREAM_REFUSED', `${dialect} receives no ${kind} act`, { agency: agencyId, permanent: true });
}

/**
 * The AdapterError for an inbound operation's answer that is not a success. (The kit's HTTP rejects
 * 5xx and 429 itself, as transient, after its retries.) 401/403 is the gateway's own credentials: a
 * configuration matter, retried once it is fixed. 408 is transient. Any other 4xx is the agency
 * refusing the act as invalid: it would refuse it again, so it is permanent.
 */
export function inboundFailure(agencyId: string, operation: string, status: number): AdapterError {
  const options = { agency: agencyId, status };
  if (status === 401 || status === 403) return new AdapterError('UPSTREAM_UNAUTHORIZED', `${operation} refused the gateway's credentials (${status})`, options);
  if (status === 408) return new AdapterError('UPSTREAM_TIMEOUT', `${operation} timed out (${status})`, options);
  if (status >= 400 && status < 500) return new AdapterError('UPSTREAM_REFUSED', `${operation} refused the act (${status})`, { ...options, permanent: true });
  return new AdapterError('UPSTREAM_BAD_RESPONSE', `${operation} answered an unexpected ${status}`, options);
}

/** The receiver's reference from its answer; a missing or empty one is an answer the gateway cannot read. */
export function receiptReference(agencyId: string, operation: string, status: number, reference: unknown): string {
  if (typeof reference === 'string' && reference !== '') return reference;
  throw new AdapterError('UPSTREAM_BAD_RESPONSE', `${operation} answered without a reference`, { agency: agencyId, status });
}
