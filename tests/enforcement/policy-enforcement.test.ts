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
