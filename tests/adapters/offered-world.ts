/**
 * The default world with one referral set back to OFFERED, for the mocks' tests of an answer moving a
 * referral the sender holds (the default world has none still on offer). A copy; the world is not changed.
 */
import type { ReferralStatus } from '#domain/records.ts';
import { createWorld, type World } from '#mock-world/index.ts';

export function worldWithReferralStatus(agencyId: string, referralLocalId: string, status: ReferralStatus): World {
  const world = createWorld();
  return {
    households: world.households.map((household) => {
      const own = household.cases[agencyId];
      if (!own?.referrals.some((referral) => referral.localId === referralLocalId)) return household;
      const referrals = own.referrals.map((referral) => (referral.localId === referralLocalId ? { ...referral, status } : referral));
      return { ...household, cases: { ...household.cases, [agencyId]: { ...own, referrals } } };
    }),
  };
}
