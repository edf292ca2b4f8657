/**
 * Internal to mock.ts: the AMK system's five reading operations over a projected dataset (and its three
 * receiving ones, in mock-inbound.ts; what they receive shows in the reads, mock-received.ts), answering as the
 * real system does: at most 25 ids a call (fault LIMIET), ONBEKEND for one unknown id asked alone
 * (several ids: the unknown ones are left out), page-number pagination of at most 50 zaken a page.
 * Its change feed (issue 12, mock-changes.ts): HaalWijzigingenOp pages through the changes after a
 * volgnummer, at most 100 a page (default 25); a volgnummer it never gave out is ONBEKEND.
 */
import type { ActLedger } from '#mock-world/act-ledger.ts';
import { receiveAmkInbound } from './mock-inbound.ts';
import { applyReceived, type ReceivingAmk } from './mock-received.ts';
import { createAmkChangeLog } from './mock-changes.ts';
import { createAmkRecords } from './mock-records.ts';
import type { AmkInboundOperation, AmkOperation } from './soap-envelope.ts';
import type { AmkDataset, AmkFoutcode, WireMelding, WireOverdracht, WireWijziging, WireWijzigingenPagina, WireZaak } from './wire-types.ts';

export const MOCK_MAX_IDS = 25;
export const MOCK_MAX_PAGE_SIZE = 50;
const DEFAULT_PAGE_SIZE = 25;
/** The most changes HaalWijzigingenOp answers at once (LIMIET above), and how many when not told. */
export const MOCK_MAX_CHANGES = 100;
const DEFAULT_CHANGES = 25;

export type OperationResult =
  | { readonly kind: 'ok'; readonly content: object }
  | { readonly kind: 'fault'; readonly status: number; readonly code: AmkFoutcode; readonly description: string; readonly side?: 'Client' | 'Server' };

export interface AmkStore {
  run(operation: AmkOperation, content: Readonly<Record<string, unknown>>): OperationResult;
  /**
   * Registers a zaak with its meldingen and overdrachten, as staff would (one change); a zaak with the
   * same id is replaced. Throws when a melding or overdracht id belongs to another zaak.
   */
  register(held: AmkDataset): void;
  /** Removes a zaak and what hangs off it (one change); false when there is no such zaak. */
  remove(zaakId: string): boolean;
}

const fault = (status: number, code: AmkFoutcode, description: string): OperationResult => ({ kind: 'fault', status, code, description });
const ok = (content: object): OperationResult => ({ kind: 'ok', content });

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

/**
 * The store of one AMK system: `own` is its chain-partner code (`AMK-GRN`, `VT-DRE`), which it writes as
 * the receiving party of an overdracht it registers, and its contact desk for the zaken it opens.
 */
export function createAmkStore(dataset: AmkDataset, ledger: ActLedger, own: ReceivingAmk): AmkStore {
  const log = createAmkChangeLog();
  const records = createAmkRecords(dataset, (zaakId, soort) => log.note(zaakId, soort));
  const received = (operation: AmkInboundOperation) => (content: Readonly<Record<string, unknown>>) =>
    receiveAmkInbound(ledger, operation, content, (kenmerk) => applyReceived(records, own, operation, content, kenmerk));

  /** Lookup by own ids, or by zaakIds; exactly one of the two lists. */
  function lookup<T>(content: Readonly<Record<string, unknown>>, own: [string, string], byId: (id: string) => T | undefined,
    byZaak: (zaakId: string) => readonly T[], wrap: (found: T[]) => object): OperationResult {
    const byZaakIds = content.zaakIds !== undefined;
    if (byZaakIds === (content[own[0]] !== undefined)) return fault(400, 'VERZOEK', `geef zaakIds of ${own[0]}`);
    const ids = byZaakIds ? idsOf(content, 'zaakIds', 'zaakId') : idsOf(content, own[0], own[1]);
    if (!Array.isArray(ids)) return ids;
    if (byZaakIds) return ok(wrap([...new Set(ids)].flatMap((id) => byZaak(id))));
    const found = [...new Set(ids)].flatMap((id) => byId(id) ?? []);
    if (ids.length === 1 && found.length === 0) return fault(404, 'ONBEKEND', 'onbekend kenmerk');
    return ok(wrap(found));
  }

  const operations: Record<AmkOperation, (content: Readonly<Record<string, unknown>>) => OperationResult> = {
    HaalZakenOp(content) {
      const ids = idsOf(content, 'zaakIds', 'zaakId');
      if (!Array.isArray(ids)) return ids;
      const found = [...new Set(ids)].flatMap((id) => records.zaak(id) ?? []);
      if (ids.length === 1 && found.length === 0) return fault(404, 'ONBEKEND', 'onbekende zaak');
      return ok({ zaken: { zaak: found } });
    },
    ZoekZakenOpBsn(content) {
      const bsns = idsOf(content, 'bsns', 'bsn');
      if (!Array.isArray(bsns)) return bsns;
      const resultaat = [...new Set(bsns)].flatMap((bsn) => {
        const found = records.zakenOfBsn(bsn);
        return found ? [{ bsn, zaken: { zaak: [...found] } }] : [];
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
      const all: readonly WireZaak[] = records.zakenOfGemeente(gemeente);
      return ok({
        totaalAantal: String(all.length), pagina: String(pagina), paginagrootte: String(grootte),
        aantalPaginas: String(Math.ceil(all.length / grootte)),
        zaken: { zaak: all.slice((pagina - 1) * grootte, pagina * grootte) },
      });
    },
    HaalMeldingenOp: (content) => lookup<WireMelding>(content, ['meldingIds', 'meldingId'], records.melding, records.meldingenOfZaak,
      (melding) => ({ meldingen: { melding } })),
    HaalOverdrachtenOp: (content) => lookup<WireOverdracht>(content, ['overdrachtIds', 'overdrachtId'], records.overdracht,
      records.overdrachtenOfZaak, (overdracht) => ({ overdrachten: { overdracht } })),
    HaalWijzigingenOp(content) {
      const vanaf = content.vanafVolgnummer;
      const maximum = positive(content.maximumAantal, DEFAULT_CHANGES);
      if ((vanaf !== undefined && (typeof vanaf !== 'string' || !/^\d{1,9}$/.test(vanaf))) || maximum === null) {
        return fault(400, 'VERZOEK', 'vanafVolgnummer of maximumAantal ongeldig');
      }
      if (maximum > MOCK_MAX_CHANGES) return fault(400, 'LIMIET', `maximumAantal maximaal ${MOCK_MAX_CHANGES}`);
      const laatste = log.laatste();
      // Without a volgnummer: where the log stands now, so a full read started now misses nothing after it.
      if (vanaf === undefined) return ok(pagina([], laatste, false));
      if (Number(vanaf) > laatste) return fault(404, 'ONBEKEND', 'onbekend volgnummer');
      const wijziging = log.after(Number(vanaf), maximum);
      const tot = wijziging.length > 0 ? Number(wijziging.at(-1)?.volgnummer) : Number(vanaf);
      return ok(pagina(wijziging, tot, tot < laatste));
    },
    OntvangOverdracht: received('OntvangOverdracht'),
    OntvangAntwoord: received('OntvangAntwoord'),
    OntvangTerugkoppeling: received('OntvangTerugkoppeling'),
  };

  return {
    run: (operation, content) => log.atomically(() => operations[operation](content)),
    register: (held) => log.atomically(() => {
      const zaakIds = new Set(held.zaken.map((zaak) => zaak.zaakId));
      const taken = [...held.meldingen.map((melding) => records.melding(melding.meldingId)),
        ...held.overdrachten.map((overdracht) => records.overdracht(overdracht.overdrachtId))]
        .some((other) => other !== undefined && !zaakIds.has(other.zaakId));
      // The ids are the tester's: two zaken sharing a melding would corrupt both, so refuse rather than guess.
      if (taken) throw new Error('a melding or overdracht id of this household belongs to another zaak');
      for (const zaakId of zaakIds) records.removeZaak(zaakId);
      for (const zaak of held.zaken) records.addZaak(zaak);
      for (const melding of held.meldingen) records.putMelding(melding);
      for (const overdracht of held.overdrachten) records.putOverdracht(overdracht);
    }),
    remove: (zaakId) => log.atomically(() => records.removeZaak(zaakId)),
  };
}

function pagina(wijziging: readonly WireWijziging[], laatste: number, meer: boolean): WireWijzigingenPagina {
  return { wijzigingen: { wijziging: [...wijziging] }, laatsteVolgnummer: String(laatste), meer: meer ? 'J' : 'N' };
}
