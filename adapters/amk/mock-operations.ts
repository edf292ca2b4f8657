/**
 * Internal to mock.ts: the AMK system's five reading operations over a projected dataset (and its three
 * receiving ones, in mock-inbound.ts), answering as the
 * real system does: at most 25 ids a call (fault LIMIET), ONBEKEND for one unknown id asked alone
 * (several ids: the unknown ones are left out), page-number pagination of at most 50 zaken a page.
 */
import type { ActLedger } from '#mock-world/act-ledger.ts';
import { receiveAmkInbound } from './mock-inbound.ts';
import type { AmkOperation } from './soap-envelope.ts';
import type { AmkDataset, AmkFoutcode, WireMelding, WireOverdracht, WireZaak } from './wire-types.ts';

export const MOCK_MAX_IDS = 25;
export const MOCK_MAX_PAGE_SIZE = 50;
const DEFAULT_PAGE_SIZE = 25;

export type OperationResult =
  | { readonly kind: 'ok'; readonly content: object }
  | { readonly kind: 'fault'; readonly status: number; readonly code: AmkFoutcode; readonly description: string; readonly side?: 'Client' | 'Server' };

export interface AmkStore {
  run(operation: AmkOperation, content: Readonly<Record<string, unknown>>): OperationResult;
}

const fault = (status: number, code: AmkFoutcode, description: string): OperationResult => ({ kind: 'fault', status, code, description });
const ok = (content: object): OperationResult => ({ kind: 'ok', content });

function groupBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

/** The ids of a request list (`<zaakIds><zaakId>`...), or a fault when the list is absent, empty, too long or not text. */
function idsOf(content: Readonly<Record<string, unknown>>, container: string, item: string): string[] | OperationResult {
  const holder = content[container];
  const ids = typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[item] : undefined;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id !== '')) {
    return fault(400, 'VERZOEK', `${container} ontbreekt of is ongeldig`);
  }
  if (ids.length > MOCK_MAX_IDS) return fault(400, 'LIMIET', `maximaal ${MOCK_MAX_IDS} per verzoek`);
  return ids as string[];
}

function positive(value: unknown, fallback: number): number | null {
  if (value === undefined) return fallback;
  return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

export function createAmkStore(dataset: AmkDataset, ledger: ActLedger): AmkStore {
  const zaken = new Map(dataset.zaken.map((zaak) => [zaak.zaakId, zaak]));
  const meldingen = new Map(dataset.meldingen.map((melding) => [melding.meldingId, melding]));
  const overdrachten = new Map(dataset.overdrachten.map((overdracht) => [overdracht.overdrachtId, overdracht]));
  const zakenByBsn = groupBy(dataset.zaken, (zaak) => zaak.gezin.gezinslid.flatMap((lid) => (lid.bsn ? [lid.bsn] : [])));
  const zakenByGemeente = groupBy(dataset.zaken, (zaak) => (zaak.gemeente ? [zaak.gemeente] : []));
  const meldingenByZaak = groupBy(dataset.meldingen, (melding) => [melding.zaakId]);
  const overdrachtenByZaak = groupBy(dataset.overdrachten, (overdracht) => [overdracht.zaakId]);

  /** Lookup by own ids, or by zaakIds; exactly one of the two lists. */
  function lookup<T>(content: Readonly<Record<string, unknown>>, own: [string, string], byId: Map<string, T>,
    byZaak: Map<string, T[]>, wrap: (found: T[]) => object): OperationResult {
    const byZaakIds = content.zaakIds !== undefined;
    if (byZaakIds === (content[own[0]] !== undefined)) return fault(400, 'VERZOEK', `geef zaakIds of ${own[0]}`);
    const ids = byZaakIds ? idsOf(content, 'zaakIds', 'zaakId') : idsOf(content, own[0], own[1]);
    if (!Array.isArray(ids)) return ids;
    if (byZaakIds) return ok(wrap([...new Set(ids)].flatMap((id) => byZaak.get(id) ?? [])));
    const found = [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
    if (ids.length === 1 && found.length === 0) return fault(404, 'ONBEKEND', 'onbekend kenmerk');
    return ok(wrap(found));
  }

  const operations: Record<AmkOperation, (content: Readonly<Record<string, unknown>>) => OperationResult> = {
    HaalZakenOp(content) {
      const ids = idsOf(content, 'zaakIds', 'zaakId');
      if (!Array.isArray(ids)) return ids;
      const found = [...new Set(ids)].flatMap((id) => zaken.get(id) ?? []);
      if (ids.length === 1 && found.length === 0) return fault(404, 'ONBEKEND', 'onbekende zaak');
      return ok({ zaken: { zaak: found } });
    },
    ZoekZakenOpBsn(content) {
      const bsns = idsOf(content, 'bsns', 'bsn');
      if (!Array.isArray(bsns)) return bsns;
      const resultaat = [...new Set(bsns)].flatMap((bsn) => {
        const found = zakenByBsn.get(bsn);
        return found ? [{ bsn, zaken: { zaak: found } }] : [];
      });
      return ok({ resultaten: { resultaat } });
    },
    ZoekZakenOpGemeente(content) {
      const gemeente = content.gemeente;
      const pagina = positive(content.pagina, 1);
      const grootte = positive(content.paginagrootte, DEFAULT_PAGE_SIZE);
      if (typeof gemeente !== 'string' || gemeente === '' || pagina === null || grootte === null) {
        return fault(400, 'VERZOEK', 'gemeente, pagina of paginagrootte ongeldig');
      }
      if (grootte > MOCK_MAX_PAGE_SIZE) return fault(400, 'LIMIET', `paginagrootte maximaal ${MOCK_MAX_PAGE_SIZE}`);
      const all: readonly WireZaak[] = zakenByGemeente.get(gemeente) ?? [];
      return ok({
        totaalAantal: String(all.length), pagina: String(pagina), paginagrootte: String(grootte),
        aantalPaginas: String(Math.ceil(all.length / grootte)),
        zaken: { zaak: all.slice((pagina - 1) * grootte, pagina * grootte) },
      });
    },
    HaalMeldingenOp: (content) => lookup<WireMelding>(content, ['meldingIds', 'meldingId'], meldingen, meldingenByZaak,
      (melding) => ({ meldingen: { melding } })),
    HaalOverdrachtenOp: (content) => lookup<WireOverdracht>(content, ['overdrachtIds', 'overdrachtId'], overdrachten,
      overdrachtenByZaak, (overdracht) => ({ overdrachten: { overdracht } })),
    OntvangOverdracht: (content) => receiveAmkInbound(ledger, 'OntvangOverdracht', content),
    OntvangAntwoord: (content) => receiveAmkInbound(ledger, 'OntvangAntwoord', content),
    OntvangTerugkoppeling: (content) => receiveAmkInbound(ledger, 'OntvangTerugkoppeling', content),
  };

  return { run: (operation, content) => operations[operation](content) };
}
