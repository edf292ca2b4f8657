/** Builds a createUpstreamHttp for tests: silent logger, recorded (not real) sleeps, fixed jitter. */
import pino from 'pino';
import { createUpstreamHttp, type CountingUpstreamHttp, type UpstreamHttpOptions } from '#kit/http.ts';

export interface TestHttp {
  readonly http: CountingUpstreamHttp;
  /** Every wait the retry loop asked for, in ms, in order. */
  readonly sleeps: number[];
}

export function createTestHttp(overrides: Partial<UpstreamHttpOptions> = {}): TestHttp {
  const sleeps: number[] = [];
  const http = createUpstreamHttp({
    agencyId: 'ashg-groningen',
    baseUrl: 'http://ashg.test',
    logger: pino({ level: 'silent' }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
    resilience: { timeoutMs: 1000, retries: 2, backoffBaseMs: 50, backoffMaxMs: 2000, breakerThreshold: 5, ...overrides.resilience },
  });
  return { http, sleeps };
}
