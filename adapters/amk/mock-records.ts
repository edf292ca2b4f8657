/**
 * Internal to mock.ts: what the AMK system holds, indexed the ways its operations look it up, and
 * growing with what its inbound operations receive (issue 13): a new zaak with its melding and
 * overdracht, an overdracht whose status moves; and what testers register or remove while it runs
 * (issue 12). Each mock has its own; the projected dataset is not changed. Every change after the
 * projected start is told to `onChange`, by the zaak it belongs to (the change feed, mock-changes.ts).
 */
import type { AmkDataset, WijzigingSoort, WireMelding, WireOverdracht, WireZaak } from './wire-types.ts';

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
  /** Removes a zaak with its meldingen and overdrachten from every lookup; false when it holds no such zaak. */
  removeZaak(zaakId: string): boolean;
}

/** Told of each change to a zaak or to what hangs off it. */
export type AmkChangeListener = (zaakId: string, soort: WijzigingSoort) => void;

const bsnsOf = (zaak: WireZaak): Set<string> => new Set(zaak.gezin.gezinslid.flatMap((lid) => (lid.bsn ? [lid.bsn] : [])));

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

/** Takes `item` out of `groups[key]`, dropping the group once empty (a BSN without zaken is not found). */
function drop<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const rest = (groups.get(key) ?? []).filter((other) => other !== item);
  if (rest.length > 0) groups.set(key, rest);
  else groups.delete(key);
}

export function createAmkRecords(dataset: AmkDataset, onChange: AmkChangeListener = () => undefined): AmkRecords {
  // The projected dataset is the feed's start position: loading it is no change.
  let changed: AmkChangeListener = () => undefined;
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
      for (const bsn of bsnsOf(zaak)) add(zakenByBsn, bsn, zaak);
      if (zaak.gemeente) add(zakenByGemeente, zaak.gemeente, zaak);
      changed(zaak.zaakId, 'gewijzigd');
    },
    putMelding(melding) {
      meldingen.set(melding.meldingId, melding);
      put(meldingenByZaak, melding.zaakId, melding, (other) => other.meldingId === melding.meldingId);
      changed(melding.zaakId, 'gewijzigd');
    },
    putOverdracht(overdracht) {
      overdrachten.set(overdracht.overdrachtId, overdracht);
      put(overdrachtenByZaak, overdracht.zaakId, overdracht, (other) => other.overdrachtId === overdracht.overdrachtId);
      changed(overdracht.zaakId, 'gewijzigd');
    },
    removeZaak(zaakId) {
      const zaak = zaken.get(zaakId);
      if (!zaak) return false;
      zaken.delete(zaakId);
      for (const bsn of bsnsOf(zaak)) drop(zakenByBsn, bsn, zaak);
      if (zaak.gemeente) drop(zakenByGemeente, zaak.gemeente, zaak);
      for (const melding of meldingenByZaak.get(zaakId) ?? []) meldingen.delete(melding.meldingId);
      for (const overdracht of overdrachtenByZaak.get(zaakId) ?? []) overdrachten.delete(overdracht.overdrachtId);
      meldingenByZaak.delete(zaakId);
      overdrachtenByZaak.delete(zaakId);
      changed(zaakId, 'verwijderd');
      return true;
    },
  };
  for (const zaak of dataset.zaken) records.addZaak(zaak);
  for (const melding of dataset.meldingen) records.putMelding(melding);
  for (const overdracht of dataset.overdrachten) records.putOverdracht(overdracht);
  changed = onChange;
  return records;
}
