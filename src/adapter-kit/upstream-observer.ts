/**
 * What the gateway may watch of an upstream call, for its traces and metrics, without the kit or any
 * adapter knowing how: the gateway injects an observer into the kit's HTTP client (src/observability
 * implements it over OpenTelemetry and prom-client); adapters only name their calls.
 */

/** One attempt of one upstream call, as the observer sees it: nothing from the request's path, query or body. */
export interface UpstreamAttemptInfo {
  readonly agency: string;
  /** The adapter's fixed name for the call (`dossiersByBsns`, `HaalZakenOp`), never a URL or an id. */
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
  /** `http://host:port` of the agency. */
  readonly origin: string;
}

/** How an attempt ended: the HTTP status when there was one, and the error code when it failed. */
export interface UpstreamAttemptOutcome {
  readonly status?: number | undefined;
  /** An adapter error code, or `CALLER_ABORTED`; absent when the upstream answered. */
  readonly code?: string | undefined;
}

export interface UpstreamAttemptWatch {
  /** Headers to send with this attempt (the W3C `traceparent`); they override the adapter's of the same name. */
  readonly headers: Readonly<Record<string, string>>;
  end(outcome: UpstreamAttemptOutcome): void;
}

export interface UpstreamObserver {
  /** An attempt is about to go out. */
  attempt(info: UpstreamAttemptInfo): UpstreamAttemptWatch;
  /** A call the open circuit refused without touching the network. */
  refused(info: Pick<UpstreamAttemptInfo, 'agency' | 'operation'>): void;
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});
const UNWATCHED: UpstreamAttemptWatch = Object.freeze({ headers: NO_HEADERS, end: () => {} });

/** The default: watches nothing, sends no extra header. */
export const NO_UPSTREAM_OBSERVER: UpstreamObserver = Object.freeze({ attempt: () => UNWATCHED, refused: () => {} });
