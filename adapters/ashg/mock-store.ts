/**
 * The ASHG mock's data, indexed once at start the way the legacy API looks it up. What its inbound
 * operations receive (issue 13) updates a melding or adds or moves a doorverwijzing in this store only.
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
}

export function createAshgStore(data: AshgData): AshgStore {
  const dossiers = indexBy(data.dossiers, (dossier) => dossier.dossiernummer);
  const meldingen = indexBy(data.meldingen, (melding) => melding.meldingnummer);
  const verwijzingen = indexBy(data.doorverwijzingen, (verwijzing) => verwijzing.verwijzingsnummer);
  const byBsn = groupBy(data.dossiers, (dossier) => dossier.personen.flatMap((persoon) => (persoon.bsn ? [persoon.bsn] : [])));
  const byGemeente = groupBy(
    [...data.dossiers].sort((a, b) => (a.dossiernummer < b.dossiernummer ? -1 : 1)),
    (dossier) => (dossier.gemeente === null ? [] : [dossier.gemeente]),
  );
  const meldingenOf = groupBy(data.meldingen, (melding) => [melding.dossiernummer]);
  const verwijzingenOf = groupBy(data.doorverwijzingen, (verwijzing) => [verwijzing.dossiernummer]);

  return {
    dossier: (id) => dossiers.get(id),
    dossiersByIds: (ids) => pickAll(dossiers, ids),
    dossiersByBsns: (bsns) => unique(bsns.flatMap((bsn) => byBsn.get(bsn) ?? [])),
    dossiersOfGemeente: (gemeente) => byGemeente.get(gemeente) ?? [],
    meldingenByIds: (ids) => pickAll(meldingen, ids),
    meldingenByDossiers: (ids) => unique(ids).flatMap((id) => meldingenOf.get(id) ?? []),
    doorverwijzingenByIds: (ids) => pickAll(verwijzingen, ids),
    doorverwijzingenByDossiers: (ids) => unique(ids).flatMap((id) => verwijzingenOf.get(id) ?? []),
    putMelding(melding) {
      if (!meldingen.has(melding.meldingnummer)) return;
      meldingen.set(melding.meldingnummer, melding);
      put(meldingenOf, melding.dossiernummer, melding, (other) => other.meldingnummer === melding.meldingnummer);
    },
    putDoorverwijzing(verwijzing) {
      verwijzingen.set(verwijzing.verwijzingsnummer, verwijzing);
      put(verwijzingenOf, verwijzing.dossiernummer, verwijzing, (other) => other.verwijzingsnummer === verwijzing.verwijzingsnummer);
    },
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
