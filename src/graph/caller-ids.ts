/**
 * The ids a caller is shown and may present: its own organisation's pseudonyms of the gateway's record
 * ids (src/households/ids.ts, docs/identifiers.md). Nodes carry record ids; every id leaves the graph
 * through `shownId`, and every id a caller gives comes in through `takenId` or `openedId`, so an id
 * another organisation was shown opens to nothing here, exactly like one that never existed.
 */
import type { IdKind, OrganisationIds } from '#src/households/ids.ts';
import type { GatewayContext } from './context.ts';

export function callerIds(context: Pick<GatewayContext, 'caller' | 'services'>): OrganisationIds {
  return context.services.ids.of(context.caller.agencyId);
}

/** The caller's pseudonym of a node's record id. */
export function shownId(context: Pick<GatewayContext, 'caller' | 'services'>, recordId: string): string {
  const shown = callerIds(context).show(recordId);
  if (shown === null) throw new Error('unreachable: a node without a record id');
  return shown;
}

/** The record id a caller's id names, or null (another organisation's, forged, malformed: all "not found"). */
export function takenId(context: Pick<GatewayContext, 'caller' | 'services'>, kind: IdKind, id: string): string | null {
  return callerIds(context).take(kind, id);
}

/** The parts a caller's id seals, or null as for `takenId`. */
export function openedId(context: Pick<GatewayContext, 'caller' | 'services'>, kind: IdKind, id: string): string[] | null {
  return callerIds(context).open(kind, id);
}
