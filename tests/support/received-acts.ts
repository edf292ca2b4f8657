/**
 * What the receivers' systems got from the gateway's acts, seen from both ends: the mock's own ledger
 * (what its inbound operation stored, in its dialect) and the ActDelivery the gateway handed the
 * receiver's adapter (in the domain's words), recorded on the way past without changing it.
 */
import type { ActDelivery } from '#domain/acts.ts';
import type { ReceivedAct } from '#mock-world/act-ledger.ts';
import type { TestGateway } from './test-gateway.ts';

/** The acts the agency's mock stored, one per act id, oldest first. */
export function receivedBy(gateway: TestGateway, agencyId: string): readonly ReceivedAct[] {
  const mock = gateway.mocks.get(agencyId);
  if (!mock) throw new Error(`no mock for ${agencyId}`);
  return mock.receivedActs();
}

/** Every delivery the gateway's dispatcher hands an adapter, by act id (each attempt, in order). */
export function recordDeliveries(gateway: TestGateway): ReadonlyMap<string, readonly ActDelivery[]> {
  const seen = new Map<string, ActDelivery[]>();
  for (const adapter of gateway.gateway.services.adapters.values()) {
    const deliver = adapter.deliver?.bind(adapter);
    if (!deliver) continue;
    (adapter as { deliver: typeof deliver }).deliver = (delivery, scope) => {
      seen.set(delivery.actId, [...(seen.get(delivery.actId) ?? []), delivery]);
      return deliver(delivery, scope);
    };
  }
  return seen;
}

/** The schema coordinates an act's delivery carries values for. */
export function coordinatesOf(delivery: ActDelivery): string[] {
  const records = [delivery.household, delivery.report, ...delivery.members, ...delivery.children];
  return [...new Set(records.flatMap((record) => (record ? Object.keys(record.values) : [])))].sort();
}

/** Every string anywhere in a stored record (to look for a value that must not be there). */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
