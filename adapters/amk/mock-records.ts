/**
 * Internal to mock.ts: what the AMK system holds, indexed the ways its operations look it up, and
 * growing with what its inbound operations receive (issue 13): a new zaak with its melding and
 * overdracht, an overdracht whose status moves. Each mock has its own; the projected dataset is not changed.
 */
import type { AmkDataset, WireMelding, WireOverdracht, WireZaak } from './wire-types.ts';

export interface AmkRecords {
  zaak(id: string): WireZaak | undefined;
  melding(id: string): WireMelding | undefined;
  overdracht(id: string): WireOverdracht | undefined;
  zakenOfBsn(bsn: string): readonly WireZaak[] | undefined;
  /** A municipality's zaken, the projected ones first, then those received, in the order received. */
  zakenOfGemeente(gemeente: string): readonly WireZaak[];
  meldingenOfZaak(zaakId: string): readonly WireMelding[];
  overdrachtenOfZaak(zaakId: string): readonly WireOverdracht[];
  /** Registers a zaak (the caller gives it a new id). */
  addZaak(zaak: WireZaak): void;
  /** Adds a melding, or replaces the one with its id. */
  putMelding(melding: WireMelding): void;
  /** Adds an overdracht, or replaces the one with its id. */
  putOverdracht(overdracht: WireOverdracht): void;
}

function add<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}

/** Puts `item` in `groups[key]` in place of the one `same` finds, or at the end. */
function put<T>(groups: Map<string, T[]>, key: string, item: T, same: (other: T) => boolean): void {
  const group = groups.get(key);
  const at = group ? group.findIndex(same) : -1;
  if (group && at >= 0) group[at] = item;
  else add(groups, key, item);
}

export function createAmkRecords(dataset: AmkDataset): AmkRecords {
  const zaken = new Map<string, WireZaak>();
  const meldingen = new Map<string, WireMelding>();
  const overdrachten = new Map<string, WireOverdracht>();
  const zakenByBsn = new Map<string, WireZaak[]>();
  const zakenByGemeente = new Map<string, WireZaak[]>();
  const meldingenByZaak = new Map<string, WireMelding[]>();
  const overdrachtenByZaak = new Map<string, WireOverdracht[]>();

  const records: AmkRecords = {
    zaak: (id) => zaken.get(id),
    melding: (id) => meldingen.get(id),
    overdracht: (id) => overdrachten.get(id),
    zakenOfBsn: (bsn) => zakenByBsn.get(bsn),
    zakenOfGemeente: (gemeente) => zakenByGemeente.get(gemeente) ?? [],
    meldingenOfZaak: (zaakId) => meldingenByZaak.get(zaakId) ?? [],
    overdrachtenOfZaak: (zaakId) => overdrachtenByZaak.get(zaakId) ?? [],
    addZaak(zaak) {
      zaken.set(zaak.zaakId, zaak);
      for (const bsn of new Set(zaak.gezin.gezinslid.flatMap((lid) => (lid.bsn ? [lid.bsn] : [])))) add(zakenByBsn, bsn, zaak);
      if (zaak.gemeente) add(zakenByGemeente, zaak.gemeente, zaak);
    },
    putMelding(melding) {
      meldingen.set(melding.meldingId, melding);
      put(meldingenByZaak, melding.zaakId, melding, (other) => other.meldingId === melding.meldingId);
    },
    putOverdracht(overdracht) {
      overdrachten.set(overdracht.overdrachtId, overdracht);
      put(overdrachtenByZaak, overdracht.zaakId, overdracht, (other) => other.overdrachtId === overdracht.overdrachtId);
    },
  };
  for (const zaak of dataset.zaken) records.addZaak(zaak);
  for (const melding of dataset.meldingen) records.putMelding(melding);
  for (const overdracht of dataset.overdrachten) records.putOverdracht(overdracht);
  return records;
}
