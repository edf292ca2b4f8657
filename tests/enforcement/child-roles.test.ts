/**
 * RecordFacts.childRoles from the household's child records: a record about one child has that child's
 * roles (every agency's word: the police may see a witness where Veilig Thuis sees a direct victim), a
 * record about an adult none, a record about the household as a whole every child's.
 */
import { describe, expect, it } from 'vitest';
import type { ChildRecord, HouseholdRecord, OwnerTag } from '#domain/records.ts';
import type { AgencyLoaders } from '#kit/contract.ts';
import { childRolesOf, loadHouseholdChildren, ownRecordFacts, type HouseholdChild } from '#src/enforcement/facts.ts';
import { GUARDS } from '#src/enforcement/sources.ts';
import type { ChildNode, HouseholdNode, MemberNode, Source } from '#src/households/nodes.ts';

const VT: OwnerTag = { agencyId: 'veilig-thuis-amsterdam-amstelland', kind: 'VEILIG_THUIS', region: 'amsterdam-amstelland' };
const POLICE: OwnerTag = { agencyId: 'politie-amsterdam', kind: 'POLITIE', region: 'eenheid-amsterdam' };
const [VICTIM, SIBLING, PARENT] = ['100000009', '100000010', '100000022'];

const record: HouseholdRecord = {
  type: 'Household', owner: VT, localId: 'VT-1', householdLocalId: 'VT-1', municipality: 'Amsterdam', address: null,
  members: [
    { bsn: VICTIM, name: null, birthDate: '2015-01-01', role: 'CHILD' },
    { bsn: SIBLING, name: null, birthDate: '2017-01-01', role: 'CHILD' },
    { bsn: PARENT, name: null, birthDate: '1985-01-01', role: 'PARENT_WITH_AUTHORITY' },
  ],
};
const household: HouseholdNode = { id: 'hh_1', anchor: `b:${VICTIM}`, records: [record] };
const child = (owner: OwnerTag, localId: string, bsn: string | null, role: ChildRecord['role']): ChildRecord => ({
  type: 'Child', owner, localId, householdLocalId: 'VT-1', municipality: 'Amsterdam', bsn, name: null, birthDate: null, school: null, situation: null, role,
});
const records = [
  child(VT, 'K1', VICTIM, 'DIRECT_VICTIM'),
  child(VT, 'K2', SIBLING, 'WITNESS_OF_PARTNER_VIOLENCE'),
  // The police saw the victim as a witness of the partner violence: its word counts too.
  child(POLICE, 'P1', VICTIM, 'WITNESS_OF_PARTNER_VIOLENCE'),
  child(VT, 'K3', null, 'DIRECT_VICTIM'),
];
const children: HouseholdChild[] = records.map((r) => ({ recordKey: `${r.owner.agencyId}:Child:${r.localId}`, bsn: r.bsn, role: r.role }));

const householdSource = GUARDS.Household!.sources(household as never)[0] as Source;
const memberSource = (bsn: string): Source => {
  const node: MemberNode = { id: `m_${bsn}`, bsn, household, entries: [{ record, member: record.members.find((m) => m.bsn === bsn)! }] };
  return GUARDS.HouseholdMember!.sources(node as never)[0] as Source;
};
const childSources = (bsn: string, own: readonly ChildRecord[]): Source[] => {
  const node: ChildNode = { id: `c_${bsn}`, bsn, household, childRecords: own, memberEntries: [] };
  return GUARDS.Child!.sources(node as never, 'Child.name') as Source[];
};

describe('childRolesOf', () => {
  it('a record about the household: every role any child record gives, in schema order', () => {
    expect(childRolesOf(householdSource, children)).toEqual(['DIRECT_VICTIM', 'WITNESS_OF_PARTNER_VIOLENCE']);
    expect(childRolesOf(householdSource, children.filter((c) => c.role === 'WITNESS_OF_PARTNER_VIOLENCE'))).toEqual(['WITNESS_OF_PARTNER_VIOLENCE']);
    expect(childRolesOf(householdSource, [])).toEqual([]);
  });

  it('a record about one child: the roles the records about that child give, whoever keeps them', () => {
    for (const source of childSources(VICTIM, records.filter((r) => r.bsn === VICTIM))) {
      expect(childRolesOf(source, children)).toEqual(['DIRECT_VICTIM', 'WITNESS_OF_PARTNER_VIOLENCE']);
    }
    for (const source of childSources(SIBLING, records.filter((r) => r.bsn === SIBLING))) {
      expect(childRolesOf(source, children)).toEqual(['WITNESS_OF_PARTNER_VIOLENCE']);
    }
    // A household member's entry about the sibling: matched on the BSN.
    expect(childRolesOf(memberSource(SIBLING), children)).toEqual(['WITNESS_OF_PARTNER_VIOLENCE']);
  });

  it('a child record without a BSN: its own role', () => {
    const [source] = childSources('', [records[3]!]);
    expect(childRolesOf(source!, children)).toEqual(['DIRECT_VICTIM']);
  });

  it('a record about an adult: none', () => {
    expect(childRolesOf(memberSource(PARENT), children)).toEqual([]);
  });
});

describe('loading and explaining', () => {
  it('loads every agency\'s child records of the household; an agency that fails contributes none and is reported', async () => {
    const failing: string[] = [];
    const loaders = (agencyId: string) => ({
      childrenByHousehold: { load: async () => { if (agencyId === POLICE.agencyId) throw new Error('down'); return records.filter((r) => r.owner.agencyId === agencyId); } },
    }) as unknown as AgencyLoaders;
    const both: HouseholdNode = { ...household, records: [record, { ...record, owner: POLICE, localId: 'P-1' }] };
    const loaded = await loadHouseholdChildren(both, loaders, (agencyId) => failing.push(agencyId));
    expect(loaded.map((c) => c.recordKey)).toEqual(['veilig-thuis-amsterdam-amstelland:Child:K1', 'veilig-thuis-amsterdam-amstelland:Child:K2', 'veilig-thuis-amsterdam-amstelland:Child:K3']);
    expect(failing).toEqual([POLICE.agencyId]);
  });

  it('an officer\'s explanation knows its own records\' roles and withholds the rest', () => {
    const facts = ownRecordFacts(householdSource, { referrals: [], children: children.slice(0, 1) }, VT.agencyId, new Date('2026-11-23T12:00:00Z'));
    expect(facts).toMatchObject({ childRoles: ['DIRECT_VICTIM'], childRolesComplete: false });
  });
});

describe('the enforcement under kindroute-amsterdam-amstelland (S5)', async () => {
  const { createPolicyEnforcement } = await import('#src/enforcement/policy-enforcement.ts');
  const { loadRealPolicy } = await import('../policy/fixtures.ts');
  const { policy } = await loadRealPolicy();
  const reportSource: Source = {
    owner: VT, recordKey: `${VT.agencyId}:Report:R1`, entityType: 'Report', entityId: 'rp_1', municipality: 'Amsterdam',
    household, subjectBsn: VICTIM, subjectBirthDate: null, aboutHousehold: true,
  };

  function giRequest(loads: { children: number }, purpose = 'child-protection') {
    return createPolicyEnforcement({ policy, pseudonyms: { subject: (bsn) => `p-${bsn}`, entity: (id) => `e-${id}` } }).forRequest({
      caller: { agencyId: 'jeugdbescherming-regio-amsterdam', kind: 'CERTIFIED_INSTITUTION', region: 'amsterdam-amstelland', userId: 'u', role: 'caseworker', purposes: [purpose], purpose },
      now: new Date('2026-11-23T10:00:00+01:00'), traceId: 't', requestId: 'r', callerHasRecords: true,
      referralsOf: async () => [{ fromAgencyId: VT.agencyId, toAgencyId: 'jeugdbescherming-regio-amsterdam', kind: null, status: 'ACCEPTED' }],
      childrenOf: async () => {
        loads.children++;
        return children.filter((c) => c.recordKey.startsWith(VT.agencyId));
      },
    });
  }

  it('the institution reads the report and the victim, not the sibling who witnessed; the child records loaded once', async () => {
    const loads = { children: 0 };
    const request = giRequest(loads);
    expect(await request.decide(reportSource, 'Report.narrative')).toMatchObject({ effect: 'allow', agreement: { key: 'kindroute-amsterdam-amstelland@1' } });
    const [victim] = childSources(VICTIM, records.filter((r) => r.bsn === VICTIM && r.owner === VT));
    const [sibling] = childSources(SIBLING, records.filter((r) => r.bsn === SIBLING));
    expect(await request.decide(victim!, 'Child.name')).toMatchObject({ effect: 'allow', reason: 'GRANT' });
    expect(await request.decide(sibling!, 'Child.name')).toMatchObject({ effect: 'deny', reason: 'CONDITIONS_NOT_MET' });
    expect(loads.children).toBe(1);
    // The trail keeps the roles the decisions evaluated with each record's entry.
    request.audit.released(reportSource, 'Report.narrative');
    const [entry] = request.audit.entries({ operationName: null, processingActivity: 'x' });
    expect(entry?.facts?.childRoles).toEqual(['DIRECT_VICTIM', 'WITNESS_OF_PARTNER_VIOLENCE']);
  });

  it('loads no child record where no grant that could apply asks about the children', async () => {
    const loads = { children: 0 };
    const request = giRequest(loads, 'case-conference');
    await request.decide(reportSource, 'Involvement.agency');
    await request.decide(reportSource, 'Report.narrative');
    expect(loads.children).toBe(0);
  });
});
