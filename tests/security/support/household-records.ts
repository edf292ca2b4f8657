/**
 * A household's records as the regional bypass suite asks for them: harvested from their controllers,
 * looked up by every id a viewer could present (its own, another organisation's, forged, nonexistent),
 * and what the oracle says the viewer may see of them.
 */
import { isValidBsn, type WorldHousehold, type WorldReport } from '#mock-world/index.ts';
import type { IdKind } from '#src/households/ids.ts';
import type { OrganisationRegistry } from '#src/policy/organisations.ts';
import type { Bypass } from './bypass-fixtures.ts';
import type { Needle } from './leak-scan.ts';
import { controllerAt, existsAt } from './oracle.ts';
import { OWN_RECORDS } from './organisation-viewers.ts';
import type { Lookup } from './route-documents.ts';
import { forgeId } from './scenario-values.ts';
import type { SecurityGateway } from './security-gateway.ts';
import type { Holder } from './world-values.ts';

/** A valid BSN of nobody in the world. */
const NOBODY = String([...Array(1000).keys()].map((i) => 999_999_999 - i).find((candidate) => isValidBsn(String(candidate)))!);

/** A record of the household: its creator, and its gateway record id. */
export interface RecordRef { readonly creator: string; readonly recordId: string }
export interface HouseholdRecords {
  readonly household: string;
  readonly children: readonly RecordRef[];
  readonly reports: readonly (RecordRef & { readonly truth: WorldReport })[];
  readonly referrals: readonly RecordRef[];
  /** Whose pseudonyms the harvest was given, per creator: its controller at a moment it exists. */
  readonly harvester: ReadonlyMap<string, string>;
}

/**
 * The household's records as their controllers see them, as gateway record ids: each creator's records
 * harvested as its controller at the first of `gateways` (by preference) on whose day that controller
 * exists. Ids are never sealed by hand; the gateways share their secrets (security-gateway.ts).
 */
export async function harvestRecords(household: WorldHousehold, registry: OrganisationRegistry, gateways: readonly SecurityGateway[]): Promise<HouseholdRecords> {
  const service = gateways[0]!.test.gateway.services.ids;
  let householdId: string | null = null;
  const children = new Map<string, RecordRef>();
  const reports: (RecordRef & { truth: WorldReport })[] = [];
  const referrals: RecordRef[] = [];
  const harvester = new Map<string, string>();
  for (const [creator, found] of Object.entries(household.cases)) {
    const gateway = gateways.find((candidate) => existsAt(registry, controllerAt(registry, creator, candidate.now), candidate.now));
    if (!gateway) throw new Error(`nobody controls ${creator}'s records on the gateways' days`);
    const controller = controllerAt(registry, creator, gateway.now);
    harvester.set(creator, controller);
    const response = await gateway.ask({ agencyId: controller, purpose: OWN_RECORDS },
      'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id children { id } reports { id owner { id } } referrals { id owner { id } } } }', { bsn: found.memberBsns[0] });
    type Found = { id: string; children: { id: string }[]; reports: { id: string; owner: { id: string } }[]; referrals: { id: string; owner: { id: string } }[] };
    const [node] = (response.body.data?.householdsOfPerson ?? []) as Found[];
    if (!node) throw new Error(`${controller} cannot find ${household.key}: ${JSON.stringify(response.body)}`);
    const ids = service.of(controller);
    const recordId = (kind: IdKind, id: string) => ids.take(kind, id) ?? (() => { throw new Error(`${id} is not ${controller}'s`); })();
    householdId ??= recordId('household', node.id);
    for (const child of node.children) children.set(recordId('child', child.id), { creator, recordId: recordId('child', child.id) });
    for (const report of node.reports.filter((candidate) => candidate.owner.id === creator)) {
      const [, localId] = service.records.open('report', recordId('report', report.id))!;
      const truth = found.reports.find((candidate) => candidate.localId === localId);
      if (!truth) throw new Error(`${creator}'s report ${localId} is not in the world`);
      reports.push({ creator, recordId: recordId('report', report.id), truth });
    }
    for (const referral of node.referrals.filter((candidate) => candidate.owner.id === creator)) referrals.push({ creator, recordId: recordId('referral', referral.id) });
  }
  return { household: householdId!, children: [...children.values()], reports, referrals, harvester };
}

/** Whether the oracle lets the viewer see a record at all: the coordinate that decides its visibility, from one of its creators. */
export function visible(bypass: Bypass, household: WorldHousehold, creators: readonly string[], coordinate: string, agencyId: string, purpose: string, subjectBirthDate: string | null = null): boolean {
  return creators.some((creator) => bypass.oracle.holderAllows({ agencyId: creator, coordinate, household, subjectBirthDate } satisfies Holder, agencyId, purpose, bypass.gateway.now));
}

/** The household's own values (no other household and no public text holds them) that the oracle withholds from the viewer. */
export function withheldFrom(bypass: Bypass, household: WorldHousehold, agencyId: string, purpose: string): Needle[] {
  return [...bypass.oracle.values.values()]
    .filter((value) => value.holders.every((holder) => holder.household === household))
    .filter((value) => !value.holders.some((holder) => bypass.oracle.holderAllows(holder, agencyId, purpose, bypass.gateway.now)))
    .map(({ value, kind }) => ({ value, kind }));
}

export interface RecordLookup extends Lookup {
  /** The coordinate that decides whether the record shows at all, and the creators whose records could show it. */
  readonly coordinate: string;
  readonly creators: readonly string[];
  readonly subjectBirthDate: string | null;
  /** The variants that are another organisation's id of the record: its controller's, its creators'. */
  readonly foreign: readonly string[];
}

/** The lookups of the household's records, each by the viewer's own id, the controller's, a forged one and a nonexistent one. */
export function lookupsFor(bypass: Bypass, household: WorldHousehold, found: HouseholdRecords, agencyId: string): RecordLookup[] {
  const service = bypass.gateway.test.gateway.services.ids;
  const creators = Object.keys(household.cases);
  const lookup = (name: string, kind: RecordLookup['kind'], recordId: string, harvester: string, missingParts: string[], coordinate: string, from: readonly string[], subjectBirthDate: string | null = null): RecordLookup => {
    const real = service.of(agencyId).show(recordId)!;
    const ids: Record<string, string> = { real, forged: forgeId(real), missing: service.of(agencyId).show(service.records.seal(kind === 'caseStatus' ? 'household' : kind, missingParts))! };
    // Ids are pairwise: the controller's id, or a creator's (the predecessor's, shown it before the
    // merger), is another organisation's and opens to nothing for the viewer.
    const others = [...new Set([harvester, ...from])].filter((organisation) => organisation !== agencyId);
    others.forEach((organisation, index) => { ids[`foreign${index}`] = service.of(organisation).show(recordId)!; });
    return { name, kind, ids, coordinate, creators: from, subjectBirthDate, foreign: others.map((_organisation, index) => `foreign${index}`) };
  };
  const someHarvester = [...found.harvester.values()][0]!;
  const birthDateOf = (recordId: string) => {
    const [bsn] = service.records.open('child', recordId)!;
    return household.members.find((member) => member.bsn === bsn)?.birthDate ?? null;
  };
  return [
    lookup('household', 'household', found.household, someHarvester, [`b:${NOBODY}`], 'Household.id', creators),
    lookup('caseStatus', 'caseStatus', found.household, someHarvester, [`b:${NOBODY}`], 'CaseStatus.involvements', creators),
    ...found.children.map((child, index) => lookup(`child${index}`, 'child', child.recordId, found.harvester.get(child.creator)!, [NOBODY], 'Child.id', creators, birthDateOf(child.recordId))),
    ...found.reports.map((report, index) => lookup(`report${index}`, 'report', report.recordId, found.harvester.get(report.creator)!, [report.creator, 'M-0000-000000'], 'Report.id', [report.creator])),
    ...found.referrals.map((referral, index) => lookup(`referral${index}`, 'referral', referral.recordId, found.harvester.get(referral.creator)!, [referral.creator, 'V-0000-000000'], 'Referral.id', [referral.creator])),
  ];
}
