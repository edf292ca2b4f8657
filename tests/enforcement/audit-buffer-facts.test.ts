/**
 * The facts an entry keeps are what the request knew of the record: a first decision that evaluated
 * facts without the household's referrals (no referral condition could decide it, so none were
 * loaded) must not leave "no referrals" in the trail for a later decision on the same record that
 * loaded and used them; a replay of that later decision would otherwise deny what was released.
 */
import { expect, it } from 'vitest';
import type { HouseholdRecord, OwnerTag } from '#domain/records.ts';
import { createEntityPseudonymizer, createPseudonymizer } from '#src/audit/pseudonymize.ts';
import { createAuditBuffer } from '#src/enforcement/audit-buffer.ts';
import { GUARDS } from '#src/enforcement/sources.ts';
import type { Caller } from '#src/identity/caller.ts';
import type { HouseholdNode, Source } from '#src/households/nodes.ts';
import { NO_FACTS, type RecordFacts } from '#src/policy/index.ts';

const SECRET = 'audit-buffer-facts-test-secret-0123456789';
const ASHG: OwnerTag = { agencyId: 'ashg-groningen', kind: 'ASHG', region: 'groningen' };
const caller: Caller = { agencyId: 'amk-groningen', kind: 'AMK', region: 'groningen', userId: 'u1', role: 'caseworker', purposes: ['case-conference'], purpose: 'case-conference' };
const record: HouseholdRecord = { type: 'Household', owner: ASHG, localId: 'A1', householdLocalId: 'A1', municipality: 'Groningen', address: null,
  members: [{ bsn: '200000008', name: null, birthDate: null, role: null }] };
const household: HouseholdNode = { id: 'hh_test', anchor: 'b:200000008', records: [record] };
const [source] = GUARDS.Household!.sources(household as never) as Source[];

const WITHOUT_REFERRALS: RecordFacts = { ...NO_FACTS, municipality: 'Groningen', householdHasMinors: true, viewerInvolved: true };
const WITH_REFERRALS: RecordFacts = { ...WITHOUT_REFERRALS,
  referrals: [{ fromAgencyId: 'ashg-groningen', toAgencyId: 'amk-groningen', kind: 'HANDOVER_ASHG_TO_AMK', status: 'ACCEPTED' }] };

function factsEntered(evaluations: readonly RecordFacts[]) {
  const buffer = createAuditBuffer(caller, { traceId: 'trace', spanId: null, parentSpanId: null, requestId: 'op', now: new Date('2026-11-23T10:00:00Z') },
    { subject: createPseudonymizer(SECRET), entity: createEntityPseudonymizer(SECRET) });
  for (const facts of evaluations) buffer.evaluated(source!, facts);
  buffer.released(source!, 'Household.caseReference');
  return buffer.entries({ operationName: null, processingActivity: 'casusoverleg' })[0]?.facts;
}

it('completes facts evaluated without referrals with a later decision\'s', () => {
  expect(factsEntered([WITHOUT_REFERRALS, WITH_REFERRALS])?.referrals).toEqual(WITH_REFERRALS.referrals);
});

it('keeps the first facts otherwise', () => {
  expect(factsEntered([WITH_REFERRALS, WITHOUT_REFERRALS])?.referrals).toEqual(WITH_REFERRALS.referrals);
  expect(factsEntered([WITHOUT_REFERRALS, { ...WITHOUT_REFERRALS, householdHasMinors: false }])).toMatchObject({ householdHasMinors: true, referrals: [] });
});

it('completes facts evaluated without child roles with a later decision\'s, keeping the referrals either brought', () => {
  const withRoles: RecordFacts = { ...WITHOUT_REFERRALS, childRoles: ['WITNESS_OF_PARTNER_VIOLENCE'] };
  expect(factsEntered([WITH_REFERRALS, withRoles])).toMatchObject({ referrals: WITH_REFERRALS.referrals, childRoles: ['WITNESS_OF_PARTNER_VIOLENCE'] });
  expect(factsEntered([withRoles, WITH_REFERRALS])).toMatchObject({ referrals: WITH_REFERRALS.referrals, childRoles: ['WITNESS_OF_PARTNER_VIOLENCE'] });
  // None held: the entry holds none, exactly as entries did before the fact existed.
  expect(factsEntered([WITH_REFERRALS])).not.toHaveProperty('childRoles');
});
