/**
 * What every adapter's mapping returns: the gateway's record, or the problem that stopped it. A
 * failure is a value, not a throw, so one broken record in a batch costs only its own keys; the
 * adapter's edge (its loaders and searches) turns the problem into the AdapterError callers see.
 */
import { AdapterError } from './errors.ts';

/**
 * What was wrong with a received record. It names a place and a kind of flaw, never a value: the
 * values are BSNs, names and narratives, and whatever is made of a problem reaches the log.
 */
export interface WireProblem {
  /** The record, with its dialect: `BJZ client`. */
  readonly record: string;
  /** Where in the record: `gezin.gezinsleden[0].bsn`; the record's own name when it is no structure at all. */
  readonly path: string;
  /** What is wrong there: `is not a valid BSN`. */
  readonly problem: string;
}

export type MappingResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: WireProblem };

export function mapped<T>(value: T): MappingResult<T> {
  return { ok: true, value };
}

export function unmapped(problem: WireProblem): MappingResult<never> {
  return { ok: false, problem };
}

/** A problem as an Error: what the wire-field reader throws to stop a mapping, and the cause an edge's error carries. */
export class WireProblemError extends Error {
  override readonly name = 'WireProblemError';
  readonly problem: WireProblem;

  constructor(problem: WireProblem) {
    super(`${problem.record} ${problem.path} ${problem.problem}`);
    this.problem = problem;
  }
}

/**
 * The AdapterError a problem becomes at the adapter's edge. One message for every adapter, naming the
 * record and the field only; what is wrong with the field travels in the cause.
 */
export function badRecord(problem: WireProblem, agency: string): AdapterError {
  return new AdapterError('UPSTREAM_BAD_RESPONSE', `${problem.record} record has an invalid field: ${problem.path}`, {
    agency, cause: new WireProblemError(problem),
  });
}

/** For an edge that answers per key (a batch): the value, or the error for this record's key alone. */
export function valueOrError<T>(result: MappingResult<T>, agency: string): T | AdapterError {
  return result.ok ? result.value : badRecord(result.problem, agency);
}

/** For an edge that answers as a whole (a search, a listing): the value, or the error thrown. */
export function valueOrThrow<T>(result: MappingResult<T>, agency: string): T {
  if (!result.ok) throw badRecord(result.problem, agency);
  return result.value;
}
