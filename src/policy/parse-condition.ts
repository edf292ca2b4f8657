/**
 * Internal to src/policy.
 * One condition of a grant (read or act), already valid against covenant.schema.json, parsed.
 */
import type { ChildRole, ReferralKind, ReferralStatus } from '#domain/records.ts';
import type { Condition, Party } from './covenant-types.ts';

export type RawCondition = Record<string, unknown>;

/** Parses one schema-valid condition (exactly one key, from the closed set). */
export function parseCondition(raw: RawCondition): Condition {
  const [kind, value] = Object.entries(raw)[0]!;
  switch (kind) {
    case 'householdHasMinors': return { kind, value: value as boolean };
    case 'subjectIsMinor': case 'inCovenantRegion': case 'inViewerRegion': case 'inOwnerRegion': case 'viewerInvolved': return { kind };
    case 'anyOf': return { kind, conditions: (value as RawCondition[]).map(parseCondition) };
    case 'childInvolvement': return { kind, roles: (value as { roles: ChildRole[] }).roles };
    case 'referral': {
      const referral = value as { from: Party; to: Party; kinds?: ReferralKind[]; statuses?: ReferralStatus[] };
      return { kind, from: referral.from, to: referral.to, kinds: referral.kinds ?? null, statuses: referral.statuses ?? null };
    }
    default: throw new Error(`condition kind "${kind}" passed the JSON Schema but has no parser`);
  }
}
