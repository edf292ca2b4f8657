/**
 * Internal to mock.ts: the AMK system's change log (issue 12), which HaalWijzigingenOp pages through.
 * Volgnummer 0 is the projected dataset; each change after it gets the next number, so a caller that
 * read up to a volgnummer misses nothing by asking after it. One operation (a received act, a household
 * registered or removed) is one change per zaak it touched, logged once it is done: the caller reads the
 * zaak as it stands, so the steps inside one operation add nothing but entries.
 */
import type { WijzigingSoort, WireWijziging } from './wire-types.ts';

export interface AmkChangeLog {
  /** The volgnummer of the last change; 0 before any. */
  laatste(): number;
  /** Notes a change of a zaak; inside `atomically`, held until the operation is done (the last soort counts). */
  note(zaakId: string, soort: WijzigingSoort): void;
  /** Runs one operation and logs what it changed, one entry per zaak, in the order first touched. */
  atomically<T>(operation: () => T): T;
  /** The changes after `vanaf` (0..laatste), oldest first, at most `maximum`. */
  after(vanaf: number, maximum: number): readonly WireWijziging[];
}

export function createAmkChangeLog(): AmkChangeLog {
  const entries: WireWijziging[] = [];
  let pending: Map<string, WijzigingSoort> | null = null;
  const append = (zaakId: string, soort: WijzigingSoort) => {
    entries.push({ volgnummer: String(entries.length + 1), zaakId, soort });
  };
  return {
    laatste: () => entries.length,
    note(zaakId, soort) {
      if (pending) pending.set(zaakId, soort);
      else append(zaakId, soort);
    },
    atomically(operation) {
      // Operations do not nest (the mock answers one request at a time); an outer one collects for both.
      if (pending) return operation();
      const touched = new Map<string, WijzigingSoort>();
      pending = touched;
      try {
        return operation();
      } finally {
        pending = null;
        for (const [zaakId, soort] of touched) append(zaakId, soort);
      }
    },
    // Volgnummer n is entries[n - 1].
    after: (vanaf, maximum) => entries.slice(vanaf, vanaf + maximum),
  };
}
