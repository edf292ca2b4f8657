/**
 * The gateway's inbox (docs/acts.md, "A receiver without a record system"): an organisation the chain
 * serves without a record system behind the gateway (a wijkteam) is handed a case by the act's payload
 * being kept, sealed, in the outbox until it answers, instead of being delivered into a system. It reads
 * what travelled through Act.received; its answer erases it.
 */
import type { ActDelivery, ActRecordValues } from '#domain/acts.ts';

/** Whether the organisation is one the deployment serves without a record system. */
export function withoutSystem(agencies: readonly { readonly id: string; readonly upstream?: unknown }[], agencyId: string): boolean {
  return agencies.some((agency) => agency.id === agencyId && !agency.upstream);
}

/** One travelled field: its coordinate and its value as text (a list or an object as JSON; null when none). */
export interface ReceivedField {
  readonly coordinate: string;
  readonly value: string | null;
}

export interface ReceivedRecord {
  readonly type: string;
  readonly fields: readonly ReceivedField[];
}

export interface ReceivedCase {
  readonly municipality: string;
  readonly reason: string | null;
  readonly safetyConditions: readonly string[];
  readonly records: readonly ReceivedRecord[];
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function record(values: ActRecordValues): ReceivedRecord {
  return {
    type: values.type,
    fields: Object.entries(values.values).map(([coordinate, value]) => ({ coordinate, value: text(value) }))
      .sort((a, b) => a.coordinate.localeCompare(b.coordinate)),
  };
}

/** What the receiver reads of a delivery kept in the inbox: exactly the fields that travelled. */
export function receivedCase(delivery: ActDelivery): ReceivedCase {
  return {
    municipality: delivery.municipality, reason: delivery.reason, safetyConditions: delivery.safetyConditions,
    records: [
      ...(delivery.household ? [record(delivery.household)] : []), ...delivery.members.map(record), ...delivery.children.map(record),
      ...(delivery.report ? [record(delivery.report)] : []),
    ],
  };
}
