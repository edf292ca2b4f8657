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
};

export const GUARDS: Readonly<Record<string, Guard<never>>> = {
  Household: householdGuard,
  CaseStatus: { visibility: 'CaseStatus.involvements', sources: (node: CaseStatusNode) => householdGuard.sources(node.household) },
  Address: { visibility: 'Address.city', sources: (node: AddressNode) => [householdSource(node.household, node.record)] },
  HouseholdMember: { visibility: 'HouseholdMember.id', sources: (node: MemberNode) => node.entries.map((entry) => memberSource(node, entry, 'HouseholdMember')) },
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
  },
  Report: { visibility: 'Report.id', sources: (node: ReportNode) => [reportSource(node)] },
  Reporter: { visibility: 'Report.reporter', sources: (node: ReportPartNode<unknown>) => [reportSource(node.report)] },
  ChildInvolvement: { visibility: 'Report.childInvolvement', sources: (node: ReportPartNode<unknown>) => [reportSource(node.report)] },
  SafetyAssessment: { visibility: 'Report.safetyAssessment', sources: (node: ReportPartNode<unknown>) => [reportSource(node.report)] },
  Referral: {
    visibility: 'Referral.id',
    sources: (node: ReferralNode) => [{
      owner: node.record.owner, recordKey: recordKey(node.record, 'Referral'), entityType: 'Referral', entityId: node.id,
      municipality: node.record.municipality, household: node.household,
      subjectBsn: householdSubject(node.household, node.record.owner.agencyId), subjectBirthDate: null, aboutHousehold: true,
    }],
  },
  Involvement: { visibility: 'Involvement.agency', sources: (node: InvolvementNode) => [involvementSource(node)] },
  Contact: { visibility: 'Involvement.contact', sources: (node: ContactNode) => [involvementSource(node.involvement)] },
} as Readonly<Record<string, Guard<never>>>;

/** Viewer-owned sources first, then by agency id: a stable, explainable precedence. */
export function inPrecedence(sources: readonly Source[], viewerAgencyId: string): Source[] {
  return [...sources].sort((a, b) => {
    const own = Number(b.owner.agencyId === viewerAgencyId) - Number(a.owner.agencyId === viewerAgencyId);
    return own !== 0 ? own : a.owner.agencyId.localeCompare(b.owner.agencyId);
  });
}
