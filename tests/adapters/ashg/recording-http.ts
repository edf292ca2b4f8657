/**
 * The kit's resilient HTTP, wrapped to record what the adapter sent (to check signals, count calls),
 * without retries unless a test asks: a retry would hide how many calls the adapter itself made.
 */
import { pino } from 'pino';
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
