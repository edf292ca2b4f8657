/**
 * Properties of decideAct over random acts: the reporter's identity and restricted information never
 * travel (DOMAIN rule 7), feedback carries its two coordinates at most (rule 4), an allowed act always
 * names its grants and every coordinate its basis, a refused one lets nothing travel.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ACT_KINDS } from '#domain/acts.ts';
import type { AgencyKind, ReferralKind } from '#domain/records.ts';
import { decideAct, FEEDBACK_COORDINATES, type ActRequest } from '#src/policy/index.ts';
import { CHILD_ROLES } from '#src/policy/facts.ts';
import { isParty } from '#src/policy/grant-match.ts';
import { AGENCY, loadRealPolicy } from './fixtures.ts';

const { loaded, policy } = await loadRealPolicy();
const KINDS: AgencyKind[] = ['ASHG', 'AMK', 'VEILIG_THUIS', 'POLITIE', 'BJZ', 'CERTIFIED_INSTITUTION', 'WIJKTEAM', 'RAAD'];
const REFERRAL_KINDS: ReferralKind[] = ['VOLUNTARY_CARE', 'HANDOVER_ASHG_TO_AMK', 'POLICE_TO_AMK', 'POLICE_TO_BJZ', 'TO_WIJKTEAM', 'POLICE_TO_VEILIG_THUIS', 'REQUEST_TO_RAAD', 'HANDOVER_TO_CERTIFIED_INSTITUTION'];
const municipalities = [...new Set(loaded.regions.flatMap((region) => region.municipalities)), 'Utrecht'];
const agencies = Object.values(AGENCY);

const party = fc.oneof(
  fc.constantFrom(...agencies),
  fc.record({ agencyId: fc.constantFrom('vt-fryslan', 'x'), kind: fc.constantFrom(...KINDS), region: fc.constantFrom('groningen', 'nowhere') }),
);
const agencyId = fc.oneof(fc.constant(null), fc.constantFrom(...agencies.map((a) => a.agencyId)));
const factsArb = fc.record({
  municipality: fc.oneof(fc.constant(null), fc.constantFrom(...municipalities)),
  householdHasMinors: fc.boolean(),
  subjectIsMinor: fc.constantFrom(null, true, false),
  referrals: fc.array(fc.record({
    fromAgencyId: agencyId, toAgencyId: agencyId, kind: fc.constantFrom(null, ...REFERRAL_KINDS),
    status: fc.constantFrom(null, 'OFFERED', 'ACCEPTED', 'RUNNING', 'REFUSED' as const),
  }), { maxLength: 3 }),
  viewerInvolved: fc.boolean(),
  childRoles: fc.subarray([...CHILD_ROLES]),
});
const at = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
const purpose = fc.constantFrom(...loaded.purposes.map((p) => p.code), 'marketing');

const random: fc.Arbitrary<ActRequest> = fc.record({
  act: fc.constantFrom(...ACT_KINDS), referralKind: fc.constantFrom(null, ...REFERRAL_KINDS),
  sender: party, receiver: party.map(({ agencyId: id, kind }) => ({ agencyId: id, kind })), purpose, facts: factsArb, at,
});
/** Shaped after one act grant, so that a fair share is allowed and the properties are not vacuous. */
const plausible: fc.Arbitrary<ActRequest> = fc.constantFrom(...policy.actGrants).chain((g) => {
  const of = (kinds: ReadonlySet<AgencyKind>) => agencies.filter((a) => kinds.has(a.kind) && isParty(g, a.kind, a.agencyId));
  const senders = of(g.senderKinds);
  const receivers = of(g.receiverKinds);
  if (senders.length === 0 || receivers.length === 0) return random;
  const from = new Date(`${g.covenant.validFrom}T12:00:00Z`);
  const until = g.covenant.supersededFrom ?? g.covenant.validTo ?? '2035-12-31';
  return fc.record({
    act: fc.constantFrom(...g.acts), referralKind: g.referralKinds === null ? fc.constant(null) : fc.constantFrom(...g.referralKinds),
    sender: fc.constantFrom(...senders), receiver: fc.constantFrom(...receivers).map(({ agencyId: id, kind }) => ({ agencyId: id, kind })),
    purpose: fc.constantFrom(...g.purposes),
    at: fc.date({ min: from, max: new Date(Math.max(from.getTime(), new Date(`${until}T00:00:00Z`).getTime() - 86_400_000)), noInvalidDate: true }),
  }).chain((request) => factsArb.chain((facts) => fc.record({
    municipality: fc.constantFrom(...g.covenantMunicipalities, 'Utrecht'),
    householdHasMinors: fc.constantFrom(true, true, true, false),
    childRoles: fc.constantFrom([...CHILD_ROLES], ['DIRECT_VICTIM' as const], []),
    kind: fc.constantFrom(...(g.referralKinds ?? []), 'HANDOVER_ASHG_TO_AMK', 'POLICE_TO_BJZ', 'POLICE_TO_VEILIG_THUIS', 'POLICE_TO_AMK'),
  }).map(({ kind, ...rest }): ActRequest => ({
    ...request,
    facts: { ...facts, ...rest, referrals: [...facts.referrals, { fromAgencyId: request.receiver.agencyId, toAgencyId: request.sender.agencyId, kind, status: 'ACCEPTED' }] },
  }))));
});

describe('decideAct over random acts', () => {
  test('the plausible acts are allowed often enough for the properties to bite', () => {
    const sample = fc.sample(plausible, { numRuns: 500, seed: 13 });
    expect(sample.filter((request) => decideAct(policy, request).allowed).length).toBeGreaterThan(25);
  });

  test('rule 7 and rule 4 hold, and a decision always carries its basis', () => {
    fc.assert(fc.property(fc.oneof(random, plausible), (request) => {
      const decision = decideAct(policy, request);
      for (const coordinate of decision.coordinates) expect(policy.ownerOnlyCoordinates.has(coordinate)).toBe(false);
      if (decision.allowed) {
        expect(decision.reason).toBe('ALLOWED');
        expect(decision.grants.length).toBeGreaterThan(0);
        expect(decision.failedCondition).toBeNull();
        const grantIds = new Set(decision.grants.map((grant) => `${grant.key}#${grant.grantId}`));
        expect([...decision.basis.keys()].sort()).toEqual([...decision.coordinates].sort());
        for (const basis of decision.basis.values()) {
          expect(basis.length).toBeGreaterThan(0);
          for (const grant of basis) expect(grantIds.has(`${grant.key}#${grant.grantId}`)).toBe(true);
        }
        if (request.act === 'GIVE_FEEDBACK') for (const coordinate of decision.coordinates) expect(FEEDBACK_COORDINATES).toContain(coordinate);
      } else {
        expect(decision.reason).not.toBe('ALLOWED');
        expect(decision.coordinates.size + decision.basis.size + decision.grants.length).toBe(0);
        expect(decision.failedCondition === null).toBe(decision.reason !== 'CONDITION_FAILED');
      }
      expect(decideAct(policy, request)).toEqual(decision);
    }), { numRuns: 3000 });
  });
});
