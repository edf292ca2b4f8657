/**
 * The keys a BJZ record can be filed under, read leniently from a record the mapping refused, so the
 * loaders fail that record's keys only. Read with the same reader as the mapping; a key that cannot
 * be read is null, and then the record might belong to any key of the batch.
 */
import type { MappingResult } from '#kit/mapping-result.ts';
import type { WireFormat } from '#kit/wire-dialect.ts';
import { readRecord } from '#kit/wire-fields.ts';
import { BJZ_WIRE } from './wire-dialect.ts';
import type { WireAanmelding, WireClient } from './wire-types.ts';

export interface ClientKeys {
  readonly gezinId: string | null;
  readonly bsns: readonly string[] | null;
}

export interface AanmeldingKeys {
  readonly id: string | null;
  readonly clientIds: readonly string[] | null;
}

/** Any text in a BSN slot, valid or not: a record that claims a BSN fails that BSN's key. */
const ANY_TEXT: WireFormat<string> = { parse: (text) => text, problem: 'is not text' };

export function clientKeys(raw: unknown): ClientKeys {
  return {
    gezinId: orNull(readRecord<WireClient, string>(raw, 'client', BJZ_WIRE, (client) => client.requiredObject('gezin').requiredText('id'))),
    bsns: orNull(readRecord<WireClient, string[]>(raw, 'client', BJZ_WIRE, (client) => {
      // A gezinslid we cannot read might be anyone's: then the record cannot be filed under any BSN.
      const leden = client.requiredObject('gezin').requiredList('gezinsleden', (items, index) => items.requiredObject(index));
      const slots = [client.parsed('bsn', ANY_TEXT), ...leden.map((lid) => lid.parsed('bsn', ANY_TEXT))];
      return [...new Set(slots.filter((slot) => slot !== null))];
    })),
  };
}

export function aanmeldingKeys(raw: unknown): AanmeldingKeys {
  return {
    id: orNull(readRecord<WireAanmelding, string>(raw, 'aanmelding', BJZ_WIRE, (aanmelding) => aanmelding.requiredText('id'))),
    clientIds: orNull(readRecord<WireAanmelding, string[]>(raw, 'aanmelding', BJZ_WIRE, (aanmelding) =>
      aanmelding.requiredList('clientIds', (ids, index) => ids.requiredText(index)))),
  };
}

function orNull<T>(result: MappingResult<T>): T | null {
  return result.ok ? result.value : null;
}
