/**
 * Internal to mock.ts: what the police system does with an answer or feedback it received once (issue 13),
 * so its export shows it. Both are about a zorgmelding of the police's own (the `afzender_referentie` the
 * gateway gives back: the zorgmelding the police referred). A zorgmelding carries at most one doorverwijzing
 * (export.md): an answer from the organisation it was referred to moves its status; an answer from another
 * one (or about a zorgmelding not yet referred) makes that organisation the doorverwijzing's target, with
 * the answered status, under the next number. Feedback fills the zorgaanbieder column and, from the
 * organisation referred to, moves the doorverwijsstatus on (`LOPEND`, or `AFGEROND` once that organisation
 * closed its case); the receiver's phase category has no column of the police's otherwise (their status is
 * the zorgmelding's own). Either, filed on a zorgmelding the police hold, is a mutatie of it that the delta
 * export lists (issue 12).
 */
import type { PhaseCategory, ReferralStatus } from '#domain/records.ts';
import { referralStatusAfterFeedback } from '#mock-world/receiving.ts';
import { FASE_CATEGORIE } from './deliver-mapping.ts';
import { DOORVERWIJSSTATUSSEN } from './legacy-codes.ts';
import type { PolitieMockStore } from './mock-store.ts';
import type { AntwoordRij, Doorverwijsstatus, TerugkoppelingRij, WireZorgmelding, ZorgmeldingRij } from './wire-types.ts';

type Row = Readonly<Record<string, string>>;

function withRows(zorgmelding: WireZorgmelding, change: Partial<ZorgmeldingRij>): WireZorgmelding {
  return { ...zorgmelding, rijen: zorgmelding.rijen.map((rij) => ({ ...rij, ...change })) };
}

/** The next doorverwijsnummer of a zorgmelding: `<registratienummer>-V<n>`. */
function nextNummer(registratienummer: string, current: string): string {
  const n = /-V(\d+)$/.exec(current)?.[1];
  return `${registratienummer}-V${n === undefined ? 1 : Number(n) + 1}`;
}

function moveDoorverwijzing(store: PolitieMockStore, antwoord: AntwoordRij): void {
  const zorgmelding = store.byNummer(antwoord.afzender_referentie);
  const first = zorgmelding?.rijen[0];
  if (!zorgmelding || !first) return; // nothing of the police's own it is about: stored only
  const moved = { doorverwijsstatus: antwoord.besluit, doorverwijzing_gewijzigd: antwoord.datum_tijd_verzonden };
  if (first.doorverwijsnummer !== '' && first.doorverwezen_naar === antwoord.afzender) {
    store.put(withRows(zorgmelding, moved));
    return;
  }
  store.put(withRows(zorgmelding, {
    ...moved, doorverwijsnummer: nextNummer(zorgmelding.registratienummer, first.doorverwijsnummer), doorverwezen_naar: antwoord.afzender,
    doorverwezen_naar_naam: '', doorverwijsreden: '', veiligheidsafspraken: '', warme_overdracht: '',
    doorverwijsdatum: antwoord.datum_tijd_verzonden,
  }));
}

const CATEGORY_OF_FASE = new Map(Object.entries(FASE_CATEGORIE).map(([category, fase]) => [fase as string, category as PhaseCategory]));
const STATUS_CODE = new Map(Object.entries(DOORVERWIJSSTATUSSEN).map(([code, status]) => [status, code as Doorverwijsstatus]));

/** The doorverwijsstatus after feedback, or undefined when it stays (or is a code the police do not know). */
function statusAfter(doorverwijsstatus: string, faseCategorie: string): Doorverwijsstatus | undefined {
  if (!Object.hasOwn(DOORVERWIJSSTATUSSEN, doorverwijsstatus)) return undefined;
  const current: ReferralStatus = DOORVERWIJSSTATUSSEN[doorverwijsstatus as Doorverwijsstatus];
  const moved = referralStatusAfterFeedback(current, CATEGORY_OF_FASE.get(faseCategorie) ?? null);
  return moved === current ? undefined : STATUS_CODE.get(moved);
}

function noteFeedback(store: PolitieMockStore, terugkoppeling: TerugkoppelingRij): void {
  const zorgmelding = store.byNummer(terugkoppeling.afzender_referentie);
  const first = zorgmelding?.rijen[0];
  if (!zorgmelding || !first) return; // nothing of the police's own it is about: stored only
  const change: Partial<ZorgmeldingRij> = terugkoppeling.zorgaanbieder === '' ? {} : { zorgaanbieder: terugkoppeling.zorgaanbieder };
  // The doorverwijzing an answer moves: the zorgmelding's one, when it went to the organisation telling.
  const moved = first.doorverwijsnummer !== '' && first.doorverwezen_naar === terugkoppeling.afzender
    ? statusAfter(first.doorverwijsstatus, terugkoppeling.fase_categorie) : undefined;
  const changes = moved === undefined ? change
    : { ...change, doorverwijsstatus: moved, doorverwijzing_gewijzigd: terugkoppeling.datum_tijd_verzonden };
  // Filed on the zorgmelding even when no column moves: the feedback is a mutatie of it all the same (issue 12).
  store.put(withRows(zorgmelding, changes));
}

/** Applies a validated inbound row, received for the first time, to the store. */
export function applyReceived(store: PolitieMockStore, operation: 'antwoord' | 'terugkoppeling', row: Row): void {
  if (operation === 'antwoord') moveDoorverwijzing(store, row as AntwoordRij);
  else noteFeedback(store, row as TerugkoppelingRij);
}
