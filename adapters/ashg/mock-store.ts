/**
 * The ASHG mock's data, indexed the way the legacy API looks it up. What its inbound operations receive
 * (issue 13) updates a melding or adds or moves a doorverwijzing in this store only; what integration
 * testers change through the mock's record control (issue 12) files or removes whole dossiers.
 */
import type { AshgData } from './fixtures.ts';
import type { WireDoorverwijzing, WireDossier, WireMelding } from './wire-types.ts';

export interface AshgStore {
  dossier(id: string): WireDossier | undefined;
  dossiersByIds(ids: readonly string[]): WireDossier[];
  /** Dossiers in which a person with one of the BSNs is registered. */
  dossiersByBsns(bsns: readonly string[]): WireDossier[];
  /** A municipality's dossiers in dossiernummer order, the order offset pagination walks. */
  dossiersOfGemeente(gemeente: string): readonly WireDossier[];
  meldingenByIds(ids: readonly string[]): WireMelding[];
  meldingenByDossiers(dossierIds: readonly string[]): WireMelding[];
  doorverwijzingenByIds(ids: readonly string[]): WireDoorverwijzing[];
  doorverwijzingenByDossiers(dossierIds: readonly string[]): WireDoorverwijzing[];
  /** Replaces the melding with its number (a known one only). */
  putMelding(melding: WireMelding): void;
  /** Adds a doorverwijzing, or replaces the one with its number. */
  putDoorverwijzing(doorverwijzing: WireDoorverwijzing): void;
  /** Files each dossier with its meldingen and doorverwijzingen, in place of all that was filed under its number. */
  fileDossiers(data: AshgData): void;
  /** Removes the dossier with its meldingen and doorverwijzingen; false when there is none. */
  removeDossier(id: string): boolean;
}

/** The lookups derived from the dossiers alone. */
interface DossierLookups {
  readonly byBsn: Map<string, WireDossier[]>;
  readonly byGemeente: Map<string, WireDossier[]>;
}

export function createAshgStore(data: AshgData): AshgStore {
  const dossiers = indexBy(data.dossiers, (dossier) => dossier.dossiernummer);
  const meldingen = indexBy(data.meldingen, (melding) => melding.meldingnummer);
  const verwijzingen = indexBy(data.doorverwijzingen, (verwijzing) => verwijzing.verwijzingsnummer);
  const meldingenOf = groupBy(data.meldingen, (melding) => [melding.dossiernummer]);
  const verwijzingenOf = groupBy(data.doorverwijzingen, (verwijzing) => [verwijzing.dossiernummer]);
  // Built again after the dossiers change: a change is rare, a lookup is not.
  let lookups: DossierLookups | null = null;
  const lookup = (): DossierLookups => (lookups ??= dossierLookups([...dossiers.values()]));

  function fileMelding(melding: WireMelding): void {
    meldingen.set(melding.meldingnummer, melding);
    put(meldingenOf, melding.dossiernummer, melding, (other) => other.meldingnummer === melding.meldingnummer);
  }

  function fileDoorverwijzing(verwijzing: WireDoorverwijzing): void {
    verwijzingen.set(verwijzing.verwijzingsnummer, verwijzing);
    put(verwijzingenOf, verwijzing.dossiernummer, verwijzing, (other) => other.verwijzingsnummer === verwijzing.verwijzingsnummer);
  }

  function removeDossier(id: string): boolean {
    for (const melding of meldingenOf.get(id) ?? []) meldingen.delete(melding.meldingnummer);
    for (const verwijzing of verwijzingenOf.get(id) ?? []) verwijzingen.delete(verwijzing.verwijzingsnummer);
    meldingenOf.delete(id);
    verwijzingenOf.delete(id);
    lookups = null;
    return dossiers.delete(id);
  }

  return {
    dossier: (id) => dossiers.get(id),
    dossiersByIds: (ids) => pickAll(dossiers, ids),
    dossiersByBsns: (bsns) => unique(bsns.flatMap((bsn) => lookup().byBsn.get(bsn) ?? [])),
    dossiersOfGemeente: (gemeente) => lookup().byGemeente.get(gemeente) ?? [],
    meldingenByIds: (ids) => pickAll(meldingen, ids),
    meldingenByDossiers: (ids) => unique(ids).flatMap((id) => meldingenOf.get(id) ?? []),
    doorverwijzingenByIds: (ids) => pickAll(verwijzingen, ids),
    doorverwijzingenByDossiers: (ids) => unique(ids).flatMap((id) => verwijzingenOf.get(id) ?? []),
    putMelding(melding) {
      if (meldingen.has(melding.meldingnummer)) fileMelding(melding);
    },
    putDoorverwijzing: fileDoorverwijzing,
    fileDossiers(filed) {
      for (const dossier of filed.dossiers) {
        removeDossier(dossier.dossiernummer);
        dossiers.set(dossier.dossiernummer, dossier);
      }
      for (const melding of filed.meldingen) fileMelding(melding);
      for (const verwijzing of filed.doorverwijzingen) fileDoorverwijzing(verwijzing);
    },
    removeDossier,
  };
}

function dossierLookups(all: readonly WireDossier[]): DossierLookups {
  return {
    byBsn: groupBy(all, (dossier) => dossier.personen.flatMap((persoon) => (persoon.bsn ? [persoon.bsn] : []))),
    byGemeente: groupBy(
      [...all].sort((a, b) => (a.dossiernummer < b.dossiernummer ? -1 : 1)),
      (dossier) => (dossier.gemeente === null ? [] : [dossier.gemeente]),
    ),
  };
}

function indexBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

/** Puts `item` in `groups[key]` in place of the one `same` finds, or at the end. */
function put<T>(groups: Map<string, T[]>, key: string, item: T, same: (other: T) => boolean): void {
  const group = groups.get(key);
  const at = group ? group.findIndex(same) : -1;
  if (group && at >= 0) group[at] = item;
  else if (group) group.push(item);
  else groups.set(key, [item]);
}

function pickAll<T>(index: Map<string, T>, ids: readonly string[]): T[] {
  return unique(ids).flatMap((id) => {
    const item = index.get(id);
    return item === undefined ? [] : [item];
  });
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
