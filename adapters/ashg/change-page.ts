/**
 * Checks one answer of the ASHG's dossier change feed against the request that asked for it. Pure: a
 * page that does not fit is refused whole (null), because a feed read wrongly skips changes silently:
 * a volgnummer out of order, a position that jumps past what is listed, `meer` with nothing listed.
 */
import { ID } from './wire-dialect.ts';
import type { WireWijziging, WireWijzigingenPagina } from './wire-types.ts';

const SOORTEN: ReadonlySet<unknown> = new Set(['gewijzigd', 'verwijderd'] satisfies WireWijziging['soort'][]);

/** The page, or null when it is not an answer to `sinds` (null: where the feed stands) and `limiet`. */
export function readChangePage(body: Record<string, unknown>, sinds: number | null, limiet: number): WireWijzigingenPagina | null {
  const { wijzigingen, laatsteVolgnummer, meer } = body;
  if (!Array.isArray(wijzigingen) || !isVolgnummer(laatsteVolgnummer) || typeof meer !== 'boolean') return null;
  if (wijzigingen.length > limiet) return null;
  // Asked where the feed stands: a position, nothing listed.
  if (sinds === null) return wijzigingen.length === 0 && !meer ? { wijzigingen: [], laatsteVolgnummer, meer } : null;
  const read: WireWijziging[] = [];
  let previous = sinds;
  for (const entry of wijzigingen as unknown[]) {
    const wijziging = readWijziging(entry);
    if (wijziging === null || wijziging.volgnummer <= previous) return null;
    read.push(wijziging);
    previous = wijziging.volgnummer;
  }
  // The next position is the last change listed, or where the client stood when none are; `meer`
  // with nothing listed would ask the same page again for ever.
  if (laatsteVolgnummer !== previous || (meer && read.length === 0)) return null;
  return { wijzigingen: read, laatsteVolgnummer, meer };
}

function readWijziging(entry: unknown): WireWijziging | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const { volgnummer, dossiernummer, soort } = entry as Record<string, unknown>;
  if (!isVolgnummer(volgnummer) || !SOORTEN.has(soort) || typeof dossiernummer !== 'string') return null;
  // A dossiernummer the batch lookup's comma-separated list cannot carry could never be fetched.
  if (ID.parse(dossiernummer) === null || dossiernummer.includes(',')) return null;
  return { volgnummer, dossiernummer, soort: soort as WireWijziging['soort'] };
}

function isVolgnummer(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
