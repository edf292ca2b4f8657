/** One query that reaches every agency, releases some fields and withholds others (DOMAIN scenario 5 as the AMK). */
import { createWorld } from '#mock-world/index.ts';

export const HOUSEHOLD_QUERY = `query Household($bsn: String!) { householdsOfPerson(bsn: $bsn) {
  id members { id name bsn }
  children { id name bsn school situation }
  reports { id owner { id } narrative reporter { name } restrictedInformation }
  referrals { id owner { id } kind status reason }
  caseStatus { involvements { agency { id } phase careProvider contact { name } } }
} }`;

export const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' } as const;

/** Scenario 5's first member: the AMK may read the ASHG's report but never its reporter (OWNER_ONLY). */
export function scenario5Bsn(): string {
  return createWorld({ households: 60 }).households[4]!.members[0]!.bsn;
}
