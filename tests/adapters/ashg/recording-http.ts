/**
 * The kit's resilient HTTP, wrapped to record what the adapter sent (to check signals, count calls),
 * without retries unless a test asks: a retry would hide how many calls the adapter itself made.
 */
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createUpstreamHttp } from '#kit/http.ts';
import type { ResilienceOptions, UpstreamHttp, UpstreamRequest } from '#kit/http-types.ts';

export interface RecordingHttp extends UpstreamHttp {
  /** Every request the adapter sent, in order. */
  readonly sent: UpstreamRequest[];
}

export function createRecordingHttp(baseUrl: string, resilience: ResilienceOptions = {}): RecordingHttp {
  const http = createUpstreamHttp({
    agencyId: 'ashg-groningen', baseUrl, logger: pino({ level: 'silent' }), resilience: { retries: 0, ...resilience },
  });
  const sent: UpstreamRequest[] = [];
  return {
    sent,
    request(request) {
      sent.push(request);
      return http.request(request);
    },
    close: () => http.close(),
  };
}

/**
 * Recording HTTP clients for a nock-backed suite: registers the suite's hooks (no real network; after
 * each test every interceptor used and every client closed) and answers the factory of its clients.
 */
export function nockedRecordingHttp(baseUrl: string): () => RecordingHttp {
  const opened: RecordingHttp[] = [];
  beforeAll(() => nock.disableNetConnect());
  afterEach(async () => {
    try {
      expect(nock.pendingMocks()).toEqual([]);
    } finally {
      nock.cleanAll();
      await Promise.all(opened.splice(0).map((http) => http.close()));
    }
  });
  afterAll(() => nock.enableNetConnect());
  return () => {
    const http = createRecordingHttp(baseUrl);
    opened.push(http);
    return http;
  };
}
