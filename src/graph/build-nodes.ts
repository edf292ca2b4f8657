/**
 * Builds the nodes resolvers hand each other from the agencies' records, through the per-request
 * loaders. An agency that fails contributes nothing and is reported; the rest still answer.
 */
import type { AgencyLoaders } from '#kit/contract.ts';
import type { ChildRecord, HouseholdRecord } from '#domain/records.ts';
import type { GatewayContext } from './context.ts';
import { isMinorAt } from '#domain/age.ts';
import type {
  ChildNode, HouseholdNode, InvolvementNode, MemberEntry, MemberNode, ReferralNode, ReportNode,
} from '#src/households/nodes.ts';

type PerHousehold<T> = (loaders: AgencyLoaders) => { load(key: string): Promise<T> };

async function perRecord<T>(context: GatewayContext, household: HouseholdNode, pick: PerHousehold<T>): Promise<{ record: HouseholdRecord; value: T }[]> {
  const results = await Promise.all(household.records.map(async (record): Promise<{ record: HouseholdRecord; value: T } | null> => {
    const loaders = context.request.loaders(record.owner.agencyId);
    if (!loaders) return null;
    try {
      return { record, value: await pick(loaders).load(record.localId) };
    } catch (error) {
      context.request.upstreamFailed(record.owner.agencyId, error);
      return null;
    }
  }));
  return results.filter((result): result is { record: HouseholdRecord; value: T } => result !== null);
}

export function reportNode(context: GatewayContext, household: HouseholdNode, record: ReportNode['record']): ReportNode {
  return { id: context.services.ids.records.seal('report', [record.owner.agencyId, record.localId]), record, household };
}

export function referralNode(context: GatewayContext, household: HouseholdNode, record: ReferralNode['record']): ReferralNode {
  return { id: context.services.ids.records.seal('referral', [record.owner.agencyId, record.localId]), record, household };
}

export async function reportsOf(context: GatewayContext, household: HouseholdNode): Promise<ReportNode[]> {
  const lists = await perRecord(context, household, (loaders) => loaders.reportsByHousehold);
  return lists.flatMap(({ value }) => value.map((record) => reportNode(context, household, record)));
}

export async function referralsOf(context: GatewayContext, household: HouseholdNode): Promise<ReferralNode[]> {
  const lists = await perRecord(context, household, (loaders) => loaders.referralsByHousehold);
  return lists.flatMap(({ value }) => value.map((record) => referralNode(context, household, record)));
}

export async function involvementsOf(context: GatewayContext, household: HouseholdNode): Promise<InvolvementNode[]> {
  const found = await perRecord(context, household, (loaders) => loaders.involvementByHousehold);
  return found.flatMap(({ value }) => (value ? [{ record: value, household }] : []));
}

export function membersOf(context: GatewayContext, household: HouseholdNode): MemberNode[] {
  const byKey = new Map<string, MemberEntry[]>();
  for (const record of household.records) {
    record.members.forEach((member, index) => {
      const key = member.bsn ?? `${record.owner.agencyId}:${record.localId}:${index}`;
      byKey.set(key, [...(byKey.get(key) ?? []), { record, member }]);
    });
  }
  return [...byKey].map(([key, entries]) => ({
    id: context.services.ids.records.seal('member', [key]), bsn: entries[0]?.member.bsn ?? '', household, entries,
  }));
}

/** Children: the minors among the members, joined with the child records agencies keep about them. */
export async function childrenOf(context: GatewayContext, household: HouseholdNode): Promise<ChildNode[]> {
  const lists = await perRecord(context, household, (loaders) => loaders.childrenByHousehold);
  const records = new Map<string, ChildRecord[]>();
  for (const { value } of lists) {
    for (const child of value) {
      const key = child.bsn ?? `${child.owner.agencyId}:${child.localId}`;
      records.set(key, [...(records.get(key) ?? []), child]);
    }
  }
  const entries = new Map<string, MemberEntry[]>();
  for (const member of membersOf(context, household)) {
    const minor = member.entries.some((entry) => entry.member.role === 'CHILD' || isMinorAt(entry.member.birthDate, context.now) === true);
    if (minor && member.bsn) entries.set(member.bsn, [...member.entries]);
  }
  const keys = [...new Set([...records.keys(), ...entries.keys()])].sort();
  return keys.map((key) => childNode(context, household, key, records.get(key) ?? [], entries.get(key) ?? []));
}

export function childNode(context: GatewayContext, household: HouseholdNode, key: string, childRecords: readonly ChildRecord[], memberEntries: readonly MemberEntry[]): ChildNode {
  return { id: context.services.ids.records.seal('child', [key]), bsn: /^\d{9}$/.test(key) ? key : '', household, childRecords, memberEntries };
}
