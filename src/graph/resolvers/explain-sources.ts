/**
 * The records of the caller's own organisation an explainAccess question can be about: those it
 * controls today, its own and those its predecessors created (covenants/organisations.yaml). A record id is
 * resolved as every lookup resolves it (a household id is anchored on the lowest BSN any agency
 * registered, so the household is assembled across agencies), and the household is then cut down to
 * the caller's own records before any node is built: nothing of another organisation's record (its
 * members, children, referrals, involvement, existence) reaches the explanation. Another
 * organisation's report or referral is not even loaded.
 */
import type { GatewayContext } from '#src/graph/context.ts';
import { GUARDS, type Guard } from '#src/enforcement/sources.ts';
import type { HouseholdNode, Source } from '#src/households/nodes.ts';
import { childrenOf, involvementsOf, membersOf, referralNode, reportNode } from '#src/graph/build-nodes.ts';
import { controllersAt } from '#src/policy/index.ts';

/** Which types' coordinates a record id of each kind can be asked about. */
const TYPES_OF_ID: Readonly<Record<string, readonly string[]>> = {
  rp_: ['Report', 'Reporter', 'SafetyAssessment', 'ChildInvolvement'],
  rf_: ['Referral'],
  hh_: ['Household', 'Address', 'CaseStatus', 'Involvement', 'Contact'],
  ch_: ['Child'],
  pm_: ['HouseholdMember'],
};

/** The household as the organisation's own records make it; null when it holds none of them. */
function ownPart(household: HouseholdNode | null, controls: (agencyId: string) => boolean): HouseholdNode | null {
  const records = household?.records.filter((record) => controls(record.owner.agencyId)) ?? [];
  return household && records.length > 0 ? { ...household, records } : null;
}

/** `recordId` is the gateway's record id (taken from the officer's own pseudonym). */
export async function ownSourcesFor(context: GatewayContext, recordId: string, coordinate: string): Promise<Source[]> {
  const typeName = coordinate.split('.')[0] ?? '';
  const guard = GUARDS[typeName] as Guard<unknown> | undefined;
  const prefix = Object.keys(TYPES_OF_ID).find((candidate) => recordId.startsWith(candidate));
  // A coordinate of another type than the id's record has no value there: nothing to explain.
  if (!guard || !prefix || !TYPES_OF_ID[prefix]?.includes(typeName)) return [];
  // Its own: the records it controls today, those it created and those its predecessors did (S8).
  const controllerOf = controllersAt(context.services.policy.organisations, context.now);
  const own = (agencyId: string): boolean => controllerOf(agencyId) === context.caller.agencyId;
  const ids = context.services.ids.records;
  const { households } = context.request;
  const sources = (of: unknown) => [...guard.sources(of, coordinate)].filter((source) => own(source.owner.agencyId));
  if (prefix === 'rp_' || prefix === 'rf_') {
    const kind = prefix === 'rp_' ? 'report' : 'referral';
    const [agencyId, localId] = ids.open(kind, recordId) ?? [];
    if (!agencyId || !own(agencyId) || !localId) return [];
    const loaders = context.request.loaders(agencyId);
    if (!loaders) return [];
    const record = kind === 'report' ? await loaders.report.load(localId) : await loaders.referral.load(localId);
    const household = ownPart(record?.householdLocalId ? await households.byRecord(agencyId, record.householdLocalId) : null, own);
    if (!record || !household) return [];
    const node = record.type === 'Report' ? reportNode(context, household, record) : record.type === 'Referral' ? referralNode(context, household, record) : null;
    if (!node) return [];
    return sources(typeName === 'Report' || typeName === 'Referral' ? node : { report: node, value: null });
  }
  if (prefix === 'hh_') {
    const household = ownPart(await households.byId(recordId), own);
    if (!household) return [];
    switch (typeName) {
      case 'Involvement': return (await involvementsOf(context, household)).flatMap(sources);
      case 'Contact': return (await involvementsOf(context, household)).flatMap((involvement) => sources({ involvement, value: null }));
      case 'Address': return household.records.flatMap((record) => sources({ record, household, value: null }));
      case 'CaseStatus': return sources({ household });
      default: return sources(household);
    }
  }
  const [key] = ids.open(prefix === 'ch_' ? 'child' : 'member', recordId) ?? [];
  for (const found of key && /^\d{9}$/.test(key) ? await households.byBsns([key]) : []) {
    const household = ownPart(found, own);
    if (!household) continue;
    const person = prefix === 'ch_'
      ? (await childrenOf(context, household)).find((candidate) => candidate.id === recordId)
      : membersOf(context, household).find((candidate) => candidate.id === recordId);
    if (person) return sources(person);
  }
  return [];
}
