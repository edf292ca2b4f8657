/**
 * The keys a BJZ record can be filed under, read leniently from a record the mapping rejected, so
 * the loaders fail that record's keys only. Null where a key cannot be read: then the record might
 * belong to any key of the batch.
 */
import type { Json } from './wire-read.ts';

export interface ClientKeys {
  readonly gezinId: string | null;
  readonly bsns: readonly string[] | null;
}

export interface AanmeldingKeys {
  readonly id: string | null;
  readonly clientIds: readonly string[] | null;
}

export function clientKeys(raw: unknown): ClientKeys {
  const client = asJson(raw);
  const gezin = asJson(client?.gezin);
  const leden = gezin?.gezinsleden;
  let bsns: string[] | null = null;
  if (client && Array.isArray(leden) && isBsnSlot(client.bsn)) {
    const slots = [client.bsn, ...leden.map((lid) => asJson(lid)?.bsn)];
    // A gezinslid we cannot read might be anyone's: then the record cannot be filed under any BSN.
    bsns = leden.every((lid) => asJson(lid) !== null) && slots.every(isBsnSlot)
      ? [...new Set(slots.filter((slot): slot is string => typeof slot === 'string'))]
      : null;
  }
  return { gezinId: nonBlank(gezin?.id), bsns };
}

export function aanmeldingKeys(raw: unknown): AanmeldingKeys {
  const aanmelding = asJson(raw);
  const ids = aanmelding?.clientIds;
  return {
    id: nonBlank(aanmelding?.id),
    clientIds: Array.isArray(ids) && ids.every((id) => nonBlank(id) !== null) ? (ids as string[]) : null,
  };
}

function asJson(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function nonBlank(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isBsnSlot(value: unknown): boolean {
  return value === null || value === undefined || typeof value === 'string';
}
