/** Graceful shutdown: close() stops taking requests but lets those in flight finish. */
import { expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway } from '../support/test-gateway.ts';

it('drains an in-flight request before closing', async () => {
  const gateway = await startTestGateway();
  const address = await gateway.gateway.app.listen({ host: '127.0.0.1', port: 0 });
  for (const mock of gateway.mocks.values()) mock.setKnobs({ latencyMs: 300 });
  const token = await gateway.token({ agencyId: 'ashg-groningen', purposes: ['case-conference'] });
  const inFlight = fetch(`${address}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-purpose': 'case-conference', 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id } }', variables: { bsn: createWorld().households[0]!.members[0]!.bsn } }),
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const closing = gateway.close();
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(((await response.json()) as { data: { householdsOfPerson: unknown[] } }).data.householdsOfPerson).toHaveLength(1);
  const drained = performance.now();
  await closing;
  // Idle keep-alive connections are closed at once, not after the 10 s force-close timeout.
  expect(performance.now() - drained).toBeLessThan(5_000);
  expect(gateway.gateway.phase().phase).toBe('stopped');
  await expect(fetch(`${address}/healthz`)).rejects.toThrow();
});
