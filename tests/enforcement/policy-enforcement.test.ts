/**
 * The request's decisions: one memo, keyed by record and by the person a record is about. Regression:
 * the gateway's former memo keyed member fields by the household record alone, so the first member
 * decided (a minor, say) stood for every other member of that record (an adult) under a grant whose
 * condition is "the subject is a minor" (vroegsignalering 0-18, art. 4.2, BJZ reading the police's
 * household members).
 */
import { describe, expect, it } from 'vitest';
import type { HouseholdRecord } from '#domain/records.ts';
import { createPolicyEnforcement } from '#src/enforcement/policy-enforcement.ts';
import type { HouseholdNode, Source } from '#src/households/nodes.ts';
import { AGENCY as A, loadRealPolicy } from '../policy/fixtures.ts';

const { policy } = await loadRealPolicy();
const NOW = new Date('2026-11-23T10:00:00+01:00');

const record: HouseholdRecord = {
  type: 'Household', owner: A.politie, localId: 'ZM-1', householdLocalId: null, municipality: 'Groningen', address: null,
  members: [
    { bsn: '900000018', name: 'Kind', birthDate: '2011-05-01', role: 'CHILD' },
    { bsn: '900000021', name: 'Ouder', birthDate: '1980-05-01', role: 'PARENT_WITH_AUTHORITY' },
  ],
};
const household: HouseholdNode = { id: 'hh_1', anchor: 'b:900000018', records: [record] };
const memberSource = (index: 0 | 1): Source => ({
  owner: A.politie, recordKey: 'politie-noord-nederland:Household:ZM-1', entityType: 'HouseholdMember', entityId: `pm_${index}`,
  municipality: 'Groningen', household, subjectBsn: record.members[index]!.bsn, subjectBirthDate: record.members[index]!.birthDate, aboutHousehold: false,
});

function bjzRequest() {
  return createPolicyEnforcement({ policy, pseudonyms: { subject: (bsn) => `p-${bsn}`, entity: (id) => `e-${id}` } }).forRequest({
    caller: { agencyId: A.bjz.agencyId, kind: 'BJZ', region: A.bjz.region, userId: 'u', role: 'caseworker', purposes: ['early-intervention'], purpose: 'early-intervention' },
    now: NOW, traceId: 't', requestId: 'r', callerHasRecords: true,
    referralsOf: async () => [{ fromAgencyId: A.politie.agencyId, toAgencyId: A.bjz.agencyId, kind: 'POLICE_TO_BJZ', status: 'ACCEPTED' }],
    childrenOf: async () => [],
  });
}

describe('decisions on the members of one household record', () => {
  it.each([[0, 1], [1, 0]] as const)('are made per member, whichever is decided first (%i then %i)', async (first, second) => {
    const request = bjzRequest();
    const one = await request.decide(memberSource(first), 'HouseholdMember.name');
    const two = await request.decide(memberSource(second), 'HouseholdMember.name');
    const byMember = new Map([[first, one], [second, two]]);
    expect(byMember.get(0)).toMatchObject({ effect: 'allow', reason: 'GRANT' });
    expect(byMember.get(1)).toMatchObject({ effect: 'deny', reason: 'CONDITIONS_NOT_MET' });
  });

  it('decides a data-independent coordinate once per owner and request, one id for all its records', async () => {
    const request = bjzRequest();
    const a = await request.decide(memberSource(0), 'Reporter.name');
    const b = await request.decide(memberSource(1), 'Reporter.name');
    expect(a).toMatchObject({ effect: 'deny', reason: 'OWNER_ONLY' });
    expect(b).toBe(a);
  });
});

/**
 * Regression: which facts to load was judged on the kind of the record's creator, while the policy
 * decides with its controller on the day. The AMK Drenthe's request to the Raad of December 2014 is
 * Veilig Thuis Drenthe's from 2015 (raad-verzoek-tot-onderzoek art. 3.1, a grant on VEILIG_THUIS with a
 * referral condition); no grant lets the Raad read an AMK's records, so the referrals were never
 * loaded and the Raad was refused the report of the investigation it runs.
 */
describe("facts are loaded for the record's controller on the day", () => {
  const AMK_DRENTHE = { agencyId: 'amk-drenthe', kind: 'AMK', region: 'drenthe' } as const;
  const amkRecord: HouseholdRecord = { ...record, owner: AMK_DRENTHE, localId: 'AMK-1', municipality: 'Hoogeveen' };
  const amkHousehold: HouseholdNode = { id: 'hh_2', anchor: 'b:900000018', records: [amkRecord] };
  const report: Source = {
    owner: AMK_DRENTHE, recordKey: 'amk-drenthe:Report:R1', entityType: 'Report', entityId: 'rp_1', municipality: 'Hoogeveen',
    household: amkHousehold, subjectBsn: '900000018', subjectBirthDate: null, aboutHousehold: true,
  };

  it('loads the referrals where a grant on the controller asks about them', async () => {
    let loads = 0;
    const request = createPolicyEnforcement({ policy, pseudonyms: { subject: (bsn) => `p-${bsn}`, entity: (id) => `e-${id}` } }).forRequest({
      caller: { agencyId: 'raad-voor-de-kinderbescherming', kind: 'RAAD', region: 'nederland', userId: 'u', role: 'investigator', purposes: ['child-protection-investigation'], purpose: 'child-protection-investigation' },
      now: new Date('2015-02-02T10:00:00+01:00'), traceId: 't', requestId: 'r', callerHasRecords: false,
      referralsOf: async () => {
        loads++;
        return [{ fromAgencyId: 'amk-drenthe', toAgencyId: 'raad-voor-de-kinderbescherming', kind: 'REQUEST_TO_RAAD', status: 'RUNNING' }];
      },
      childrenOf: async () => [],
    });
    expect(await request.decide(report, 'Report.narrative')).toMatchObject({ effect: 'allow', reason: 'GRANT', agreement: { key: 'raad-verzoek-tot-onderzoek@1' } });
    expect(loads).toBe(1);
  });
});
