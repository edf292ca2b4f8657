/**
 * The scenario households' actual values as needles, and the gateway ids of their records as their
 * owners see them (harvested, never sealed by hand), for the bypass suite.
 */
import { expect } from 'vitest';
import type { World, WorldCase, WorldHousehold } from '#mock-world/index.ts';
import type { GraphQLResponse } from '../../support/test-gateway.ts';
import { createNeedleIndex, findLeaks, needlesIn, stringLeaves, type Needle } from './leak-scan.ts';
import type { SecurityGateway } from './security-gateway.ts';
import { kindOfId } from '#src/households/ids.ts';
import { worldValues } from './world-values.ts';

export { forgeId } from './forge-id.ts';

export function caseOf(household: WorldHousehold, agencyId: string): WorldCase {
  const found = household.cases[agencyId];
  if (!found) throw new Error(`${household.key} has no case of ${agencyId}`);
  return found;
}

export const text = (...values: (string | null | undefined)[]): Needle[] =>
  values.map((value) => {
    if (!value) throw new Error('a needle the world does not hold');
    return { value, kind: 'text' as const };
  });

/** What the reporter left with the owner: name, phone, and what the reporter restricted (DOMAIN rule 7). */
export function reporterNeedles(found: WorldCase): Needle[] {
  return found.reports.flatMap((report) => text(report.reporter.name, report.reporter.phone, report.restrictedInformation).filter((needle) => needle.value.length >= 5));
}

/**
 * Every value only this household's records hold (no other household has it, and no public text):
 * safe needles for list queries that return other households too.
 */
export function householdOnlyNeedles(world: World, household: WorldHousehold, publicText: string): Needle[] {
  return [...worldValues(world).values()]
    .filter((value) => value.holders.every((holder) => holder.household === household) && !publicText.includes(value.value))
    .map(({ value, kind }) => ({ value, kind }));
}

/** No needle anywhere in the bodies (data, errors, extensions). */
export function expectNone(responses: GraphQLResponse | readonly GraphQLResponse[], needles: readonly Needle[]): void {
  expect(needles.length, 'a check needs needles').toBeGreaterThan(0);
  const index = createNeedleIndex(needles);
  for (const response of [responses].flat()) {
    expect(findLeaks(response.body, index).leaks, JSON.stringify(response.body).slice(0, 2000)).toEqual([]);
  }
}

/** Every needle somewhere in the bodies: the positive control that the same queries reach the values. */
export function expectAll(responses: GraphQLResponse | readonly GraphQLResponse[], needles: readonly Needle[]): void {
  const index = createNeedleIndex(needles);
  const bodies = [responses].flat().map((response) => response.body);
  const seen = new Set(stringLeaves(bodies).flatMap(({ leaf }) => needlesIn(leaf, index)));
  expect(needles.map((needle) => needle.value).filter((value) => !seen.has(value)), JSON.stringify(bodies).slice(0, 2000)).toEqual([]);
}

export interface HarvestedIds {
  readonly household: string;
  readonly children: string[];
  readonly reports: string[];
  readonly referrals: string[];
}

/** The ids of a household and of the owner's own records in it, as the owner sees them. */
export async function harvestIds(gateway: SecurityGateway, ownerAgencyId: string, household: WorldHousehold): Promise<HarvestedIds> {
  const bsn = caseOf(household, ownerAgencyId).memberBsns[0];
  const response = await gateway.ask({ agencyId: ownerAgencyId, purpose: 'own-records' },
    `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id children { id } reports { id owner { id } } referrals { id owner { id } } } }`, { bsn });
  type Found = { id: string; children: { id: string }[]; reports: { id: string; owner: { id: string } }[]; referrals: { id: string; owner: { id: string } }[] };
  const [found] = (response.body.data?.householdsOfPerson ?? []) as Found[];
  if (!found) throw new Error(`${ownerAgencyId} cannot find its own household ${household.key}`);
  const own = (records: { id: string; owner: { id: string } }[]) => records.filter((record) => record.owner.id === ownerAgencyId).map((record) => record.id);
  return { household: found.id, children: found.children.map((child) => child.id), reports: own(found.reports), referrals: own(found.referrals) };
}

/**
 * An id as `viewerAgencyId` would hold it: the viewer's own pseudonym of the record `ownerAgencyId` knows
 * by `id` (ids are pairwise, docs/identifiers.md). The owner's id itself opens to nothing for the viewer,
 * so a test that asks whether the viewer may see a record asks with the viewer's own id of it, as if it
 * had been shown it once. Throws for an id the owner was not given.
 */
export function idAs(gateway: SecurityGateway, ownerAgencyId: string, viewerAgencyId: string, id: string): string {
  const service = gateway.test.gateway.services.ids;
  const kind = kindOfId(id);
  const recordId = kind ? service.of(ownerAgencyId).take(kind, id) : null;
  const shown = recordId ? service.of(viewerAgencyId).show(recordId) : null;
  if (!shown) throw new Error(`${id} is not an id ${ownerAgencyId} was given`);
  return shown;
}
