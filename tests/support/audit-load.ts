/**
 * Load for the audit fault tests: requests that release personal data, each under a trace id of its
 * own (sent as `traceparent`, so the audit entries it leaves can be found again), and what came back.
 * A fault test then holds the answers against the entries: no answer with data without its entry.
 */
import { randomBytes } from 'node:crypto';
import { createWorld } from '#mock-world/index.ts';
import type { TestGateway } from './test-gateway.ts';

export interface Outcome {
  readonly traceId: string;
  /** When the request was sent and answered, in ms (performance.now()). */
  readonly started: number;
  readonly ended: number;
  readonly status: number;
  /** The answer carried data (anything but `data: null`). */
  readonly withData: boolean;
  readonly codes: readonly string[];
}

const scenario1 = createWorld().households[0]!;
/** The ASHG reading its own household: every member's name and BSN come back, and are entered. */
const AS = { agencyId: 'ashg-groningen', purpose: 'case-conference' };
const QUERY = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id members { name bsn } reports { narrative } } }';

export async function askWithData(gateway: TestGateway): Promise<Outcome> {
  const token = await gateway.token({ agencyId: AS.agencyId, purposes: [AS.purpose] });
  const traceId = randomBytes(16).toString('hex');
  const started = performance.now();
  const response = await gateway.raw(
    { authorization: `Bearer ${token}`, 'x-purpose': AS.purpose, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    { query: QUERY, variables: { bsn: scenario1.members[0]!.bsn } },
  );
  return {
    traceId, started, ended: performance.now(), status: response.status,
    withData: response.body.data !== null && response.body.data !== undefined,
    codes: (response.body.errors ?? []).map((error) => String(error.extensions?.code)),
  };
}

/** `concurrency` loops asking until stopped; resolves with every outcome. */
export function startLoad(gateway: TestGateway, concurrency: number): { outcomes: Outcome[]; stop(): Promise<Outcome[]> } {
  const outcomes: Outcome[] = [];
  let running = true;
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) outcomes.push(await askWithData(gateway));
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

/** The answers that released data: they must each have entries in the trail. */
export function answeredWithData(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes.filter((outcome) => outcome.withData);
}

/** Polls until `ready` says so, or the time is up; resolves with whether it did. */
export async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const until = performance.now() + withinMs;
  while (performance.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
