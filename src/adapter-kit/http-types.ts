/** The resilient HTTP an adapter's client speaks through. Implemented in http.ts. */

export interface UpstreamRequest {
  readonly method: 'GET' | 'POST';
  /**
   * The adapter's fixed name for this call (`dossiersByBsns`, `HaalZakenOp`): what traces and metrics
   * call it, so never a path with ids in it. Default the method.
   */
  readonly operation?: string;
  /** Path below the agency's base URL, with leading slash. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * Whether the call may be retried. Defaults to true for GET and false for POST; a POST that only
   * reads (a SOAP query, a batch lookup) sets it true.
   */
  readonly idempotent?: boolean;
  readonly signal?: AbortSignal;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Body as text, decoded as UTF-8 (a BOM kept), never larger than the configured bound. */
  readonly body: string;
}

/**
 * Sends one request with the agency's resilience policy. Resolves with any status below 500 other
 * than 429 (the adapter maps 401, 404 and the like); rejects with an AdapterError on timeout,
 * connection failure, 5xx or 429 after the retries, an open circuit, or an oversized body.
 */
export interface UpstreamHttp {
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

export interface ResilienceOptions {
  /** Per-attempt timeout in ms. Default 2000. */
  timeoutMs?: number;
  /** Retries after the first attempt, for idempotent calls only. Default 2. */
  retries?: number;
  /** First back-off delay in ms, doubled each retry, with full jitter. Default 50. */
  backoffBaseMs?: number;
  /** Largest back-off delay (and largest Retry-After honoured) in ms. Default 2000. */
  backoffMaxMs?: number;
  /** Consecutive failures that open the circuit. Default 5. */
  breakerThreshold?: number;
  /** How long the circuit stays open before one trial call, in ms. Default 10000. */
  breakerHalfOpenAfterMs?: number;
  /** Keep-alive connections per agency. Default 16. */
  connections?: number;
  /** Largest response body accepted, in bytes. Default 8 MiB. */
  maxResponseBytes?: number;
}
