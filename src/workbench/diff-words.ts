/** Internal to the covenant diff: a representative situation in words (agency ids and facts, no record data). */
import type { ChildRole } from '#domain/records.ts';
import type { Viewer } from '#src/policy/index.ts';
import type { Place } from './diff-space.ts';
import type { RecordFacts } from '#src/policy/index.ts';

const ROLE_WORDS: Readonly<Record<ChildRole, string>> = { DIRECT_VICTIM: 'direct victim', WITNESS_OF_PARTNER_VIOLENCE: 'witness of partner violence' };

export function describeSituation(viewer: Viewer, owner: Viewer, purpose: string, facts: RecordFacts, place: Place): string {
  const where = place.region === '*' ? 'a household anywhere'
    : facts.municipality === null ? 'a household whose municipality is unknown' : `a household in ${facts.municipality} (${place.region})`;
  const parts = [
    `${viewer.agencyId}${viewer.region ? ` (region ${viewer.region})` : ''} reads a record of ${owner.agencyId} about ${where}`,
    purpose ? `for ${purpose}` : '',
    facts.householdHasMinors ? 'with minor children' : 'without minor children',
  ];
  if (facts.subjectIsMinor !== null) parts.push(facts.subjectIsMinor ? 'the record is about a minor' : 'the record is about an adult');
  if (facts.viewerInvolved) parts.push('the viewer has a record of its own there');
  if (facts.childRoles.length > 0) parts.push(`children involved as ${facts.childRoles.map((role) => ROLE_WORDS[role]).join(' and as ')}`);
  for (const referral of facts.referrals) {
    parts.push(`referral ${referral.fromAgencyId ?? '?'} -> ${referral.toAgencyId ?? '?'}${referral.kind ? ` ${referral.kind}` : ''}${referral.status ? ` ${referral.status}` : ''}`);
  }
  if (facts.referrals.length === 0) parts.push('no referral between them');
  return parts.filter(Boolean).join(', ');
}
