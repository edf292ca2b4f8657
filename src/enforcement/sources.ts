/**
 * For every guarded object type: the agency records a value of it may come from (in precedence
 * order: the viewer's own first, then by agency id), and the field that decides whether the viewer
 * may see the object at all. Types not listed here hold no personal data and must be all-public.
 */
import type { HouseholdRecord } from '#domain/records.ts';
import { recordKey } from '../households/cluster.ts';
import type {
  AddressNode, ChildNode, ContactNode, HouseholdNode, InvolvementNode, MemberEntry, MemberNode, ReferralNode,
  ReportNode, ReportPartNode, Source, CaseStatusNode,
} from '../households/nodes.ts';

export interface Guard<Node> {
  /** The coordinate whose decision says whether the object is shown at all (lists, lookups). */
  readonly visibility: string;
  /** The records the coordinate's value may come from (all of them when no coordinate is given). */
  sources(node: Node, coordinate?: string): readonly Source[];
  /**
   * What a field without a resolver of its own is read from, once the policy released it from
   * `source`: the releasing record's value object, whose property of the field's name is the value.
   * The one generic place a guarded node is unwrapped; a field with its own resolver gets the
   * GuardedView (node and source) instead.
   */
  read(node: Node, source: Source | null): unknown;
}

/** Child fields only agencies' child records hold; a household member entry has no value for them. */
const CHILD_RECORD_ONLY = new Set(['Child.school', 'Child.situation', 'Child.role']);

/**
 * The audit subject of a record about a whole household: the lowest BSN among the members its owner
 * registered (the rest are its related subjects), so the trail names only persons the owner itself
 * counts in the household. The cluster's anchor when the owner registered no BSN.
 */
export function householdSubject(household: HouseholdNode, ownerAgencyId: string): string | null {
  let lowest: string | null = null;
  for (const bsn of ownerMemberBsns(household, ownerAgencyId)) if (lowest === null || bsn < lowest) lowest = bsn;
  return lowest ?? (household.anchor.startsWith('b:') ? household.anchor.slice(2) : null);
}

/** The BSNs of the members one agency registered in the household (its own records only; repeats possible). */
export function* ownerMemberBsns(household: HouseholdNode, ownerAgencyId: string): Generator<string> {
  for (const record of household.records) {
    if (record.owner.agencyId !== ownerAgencyId) continue;
    for (const { bsn } of record.members) if (bsn) yield bsn;
  }
}

function householdSource(household: HouseholdNode, record: HouseholdRecord, entityType = 'Household', entityId = household.id): Source {
  return {
    owner: record.owner, recordKey: recordKey(record, 'Household'), entityType, entityId,
    municipality: record.municipality, household,
    subjectBsn: householdSubject(household, record.owner.agencyId), subjectBirthDate: null, aboutHousehold: true,
  };
}

function memberSource(node: { id: string; household: HouseholdNode }, entry: MemberEntry, entityType: string): Source {
  return {
    ...householdSource(node.household, entry.record, entityType, node.id),
    subjectBsn: entry.member.bsn, subjectBirthDate: entry.member.birthDate, aboutHousehold: false,
  };
}

function reportSource(report: ReportNode): Source {
  const { record } = report;
  return {
    owner: record.owner, recordKey: recordKey(record, 'Report'), entityType: 'Report', entityId: report.id,
    municipality: record.municipality, household: report.household,
    subjectBsn: householdSubject(report.household, record.owner.agencyId), subjectBirthDate: null, aboutHousehold: true,
  };
}

function involvementSource(node: InvolvementNode): Source {
  const { record } = node;
  return {
    owner: record.owner, recordKey: recordKey(record, 'Involvement'), entityType: 'Involvement', entityId: node.household.id,
    municipality: record.municipality, household: node.household,
    subjectBsn: householdSubject(node.household, record.owner.agencyId), subjectBirthDate: null, aboutHousehold: true,
  };
}

const householdGuard: Guard<HouseholdNode> = {
  visibility: 'Household.id',
  sources: (node) => node.records.map((record) => householdSource(node, record)),
  read: (node) => node,
};

/** The member as the releasing agency registered them. */
export function memberEntryOf(node: { entries: readonly MemberEntry[] } | { memberEntries: readonly MemberEntry[] }, source: Source | null): MemberEntry | null {
  const entries = 'entries' in node ? node.entries : node.memberEntries;
  return entries.find((entry) => entry.record.owner.agencyId === source?.owner.agencyId && recordKey(entry.record, 'Household') === source.recordKey) ?? null;
}

export const GUARDS: Readonly<Record<string, Guard<never>>> = {
  Household: householdGuard,
  CaseStatus: { visibility: 'CaseStatus.involvements', sources: (node: CaseStatusNode) => householdGuard.sources(node.household), read: (node: CaseStatusNode) => node },
  Address: { visibility: 'Address.city', sources: (node: AddressNode) => [householdSource(node.household, node.record)], read: (node: AddressNode) => node.value },
  HouseholdMember: {
    visibility: 'HouseholdMember.id',
    sources: (node: MemberNode) => node.entries.map((entry) => memberSource(node, entry, 'HouseholdMember')),
    read: (node: MemberNode, source: Source | null) => memberEntryOf(node, source)?.member ?? null,
  },
  Child: {
    visibility: 'Child.id',
    sources: (node: ChildNode, coordinate?: string) => [
      ...node.childRecords.map((record): Source => ({
        owner: record.owner, recordKey: recordKey(record, 'Child'), entityType: 'Child', entityId: node.id,
        municipality: record.municipality, household: node.household, subjectBsn: node.bsn,
        subjectBirthDate: record.birthDate ?? node.memberEntries[0]?.member.birthDate ?? null, aboutHousehold: false,
      })),
      ...(coordinate && CHILD_RECORD_ONLY.has(coordinate) ? [] : node.memberEntries.map((entry) => memberSource(node, entry, 'Child'))),
    ],
    // The child record the field was released from, or the member entry of a household record (which
    // has no school, situation or role: those read as null).
    read: (node: ChildNode, source: Source | null) =>
      node.childRecords.find((record) => recordKey(record, 'Child') === source?.recordKey) ?? memberEntryOf(node, source)?.member ?? null,
  },
  Report: { visibility: 'Report.id', sources: (node: ReportNode) => [reportSource(node)], read: (node: ReportNode) => node.record },
  Reporter: { visibility: 'Report.reporter', sources: (node: ReportPartNode<unknown>) => [reportSource(node.report)], read: (node: ReportPartNode<unknown>) => node.value },
  ChildInvolvement: { visibility: 'Report.childInvolvement', sources: (node: ReportPartNode<unknown>) => [reportSource(node.report)], read: (node: ReportPartNode<unknown>) => node.value },
  SafetyAssessment: { visibility: 'Report.safetyAssessment', sources: (node: ReportPartNode<unknown>) => [reportSource(node.report)], read: (node: ReportPartNode<unknown>) => node.value },
  Referral: {
    visibility: 'Referral.id',
    sources: (node: ReferralNode) => [{
      owner: node.record.owner, recordKey: recordKey(node.record, 'Referral'), entityType: 'Referral', entityId: node.id,
      municipality: node.record.municipality, household: node.household,
      subjectBsn: householdSubject(node.household, node.record.owner.agencyId), subjectBirthDate: null, aboutHousehold: true,
    }],
    read: (node: ReferralNode) => node.record,
  },
  Involvement: { visibility: 'Involvement.agency', sources: (node: InvolvementNode) => [involvementSource(node)], read: (node: InvolvementNode) => node.record },
  Contact: { visibility: 'Involvement.contact', sources: (node: ContactNode) => [involvementSource(node.involvement)], read: (node: ContactNode) => node.value },
} as Readonly<Record<string, Guard<never>>>;

/** The viewer's own sources first (those it controls, a predecessor's included), then by agency id: a stable, explainable precedence. */
export function inPrecedence(sources: readonly Source[], isOwn: (ownerAgencyId: string) => boolean): Source[] {
  return [...sources].sort((a, b) => {
    const own = Number(isOwn(b.owner.agencyId)) - Number(isOwn(a.owner.agencyId));
    return own !== 0 ? own : a.owner.agencyId.localeCompare(b.owner.agencyId);
  });
}
