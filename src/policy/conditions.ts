/**
 * The condition language: evaluation against a record's facts, and the same condition in words
 * (Grant.conditions, explanations, `failedCondition`). Closed set; see covenant.schema.json.
 */
import type { ChildRole, OwnerTag } from '#domain/records.ts';
import type { Condition, Party } from './covenant-types.ts';
import type { Viewer } from './decision.ts';
import { WITHHELD, type FactName, type PartialFacts } from './facts.ts';

/** What a condition may look at. */
export interface ConditionScope {
  readonly viewer: Viewer;
  readonly owner: OwnerTag;
  /** RecordFacts in the enforcement; an explanation may withhold some (PartialFacts). */
  readonly facts: PartialFacts;
  /** Municipalities of the covenant's regions. */
  readonly covenantMunicipalities: ReadonlySet<string>;
  /** Municipalities of the viewer agency's region of the covenant's kind (empty when unknown). */
  readonly viewerMunicipalities: ReadonlySet<string>;
  /** Municipalities of the owner agency's region of the covenant's kind (for an act: the receiver's). Absent: none, so `inOwnerRegion` fails. */
  readonly ownerMunicipalities?: ReadonlySet<string>;
  /** The controller, on the decision's day, of records an agency created (itself, or its successor). */
  readonly controllerOf: (agencyId: string) => string;
}

export function conditionHolds(condition: Condition, scope: ConditionScope): boolean {
  return conditionOutcome(condition, scope) === true;
}

/**
 * Whether the condition holds (true), fails (false), or turns on a withheld fact (null: an explanation
 * that may not show the fact). The enforcement's facts withhold nothing, so for it this is never null.
 * Three-valued as in Kleene's logic: an `anyOf` holds when one part holds, whatever the unknown ones.
 */
export function conditionOutcome(condition: Condition, scope: ConditionScope): boolean | null {
  const { facts } = scope;
  switch (condition.kind) {
    case 'householdHasMinors': return facts.householdHasMinors === WITHHELD ? null : facts.householdHasMinors === condition.value;
    case 'subjectIsMinor': return facts.subjectIsMinor === WITHHELD ? null : facts.subjectIsMinor === true;
    case 'viewerInvolved': return facts.viewerInvolved === WITHHELD ? null : facts.viewerInvolved;
    // Unknown municipality: outside every region, so deny (DOMAIN rules 1 and 9).
    case 'inCovenantRegion': return facts.municipality === WITHHELD ? null : facts.municipality !== null && scope.covenantMunicipalities.has(facts.municipality);
    case 'inViewerRegion': return facts.municipality === WITHHELD ? null : facts.municipality !== null && scope.viewerMunicipalities.has(facts.municipality);
    case 'inOwnerRegion': return facts.municipality === WITHHELD ? null : facts.municipality !== null && (scope.ownerMunicipalities?.has(facts.municipality) ?? false);
    case 'anyOf': {
      let unknown = false;
      for (const inner of condition.conditions) {
        const outcome = conditionOutcome(inner, scope);
        if (outcome === true) return true;
        if (outcome === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'referral': {
      const from = agencyOf(condition.from, scope);
      const to = agencyOf(condition.to, scope);
      const controller = (agencyId: string | null): string | null => (agencyId === null ? null : scope.controllerOf(agencyId));
      const met = facts.referrals.some((referral) =>
        controller(referral.fromAgencyId) === from && controller(referral.toAgencyId) === to
        && (condition.kinds === null || (referral.kind !== null && condition.kinds.includes(referral.kind)))
        && (condition.statuses === null || (referral.status !== null && condition.statuses.includes(referral.status))));
      // A referral another record may hold is withheld: none of the known ones meeting it proves nothing.
      return met ? true : facts.referralsComplete === false ? null : false;
    }
    case 'childInvolvement': {
      // Whether a child is a direct victim or a witness decides which agency acts next (DOMAIN section 1).
      const met = facts.childRoles.some((role) => condition.roles.includes(role));
      return met ? true : facts.childRolesComplete === false ? null : false;
    }
  }
}

/** The facts a condition reads (what an explanation names as evaluated once the condition was). */
export function factsReadBy(condition: Condition): readonly FactName[] {
  switch (condition.kind) {
    case 'householdHasMinors': case 'subjectIsMinor': case 'viewerInvolved': case 'referral':
      return [condition.kind === 'referral' ? 'referrals' : condition.kind];
    case 'inCovenantRegion': case 'inViewerRegion': case 'inOwnerRegion': return ['municipality'];
    case 'childInvolvement': return ['childRoles'];
    case 'anyOf': return [...new Set(condition.conditions.flatMap(factsReadBy))];
  }
}

/** How a sentence names the two sides: a read's viewer and record owner, or an act's sender and receiver. */
export interface PartyWords {
  /** The owner in a referral (`the record's owner`). */
  readonly owner: string;
  /** The owner as an agency with a region (`the owner agency`). */
  readonly ownerAgency: string;
  readonly viewer: string;
}

export const READ_PARTY_WORDS: PartyWords = Object.freeze({ owner: "the record's owner", ownerAgency: 'the owner agency', viewer: 'the viewer agency' });
/** Act grants read "viewer" as the sender and "owner" as the receiver. */
export const ACT_PARTY_WORDS: PartyWords = Object.freeze({ owner: 'the receiver', ownerAgency: 'the receiver', viewer: 'the sender' });

/** The condition as an English sentence, as a read grant's. */
export function describeCondition(condition: Condition): string {
  return describeConditionIn(condition, READ_PARTY_WORDS);
}

/** The condition of an act grant as an English sentence: the sender in the viewer's place, the receiver in the owner's. */
export function describeActCondition(condition: Condition): string {
  return describeConditionIn(condition, ACT_PARTY_WORDS);
}

/** The condition as an English sentence, the sides named by `words` (a read's, or an act's). */
export function describeConditionIn(condition: Condition, words: PartyWords): string {
  switch (condition.kind) {
    case 'householdHasMinors': return condition.value ? 'the household has minor children' : 'the household has no minor children';
    case 'subjectIsMinor': return 'the person the record is about is a minor';
    case 'viewerInvolved': return `${words.viewer} holds a record of its own in the same household`;
    case 'inCovenantRegion': return "the household's municipality lies in the covenant's regions";
    case 'inViewerRegion': return `the household's municipality lies in ${words.viewer}'s region`;
    case 'inOwnerRegion': return `the household's municipality lies in ${words.ownerAgency}'s region`;
    case 'childInvolvement':
      return `the child the record is about, or for a record about the household one of its children, is ${orList(condition.roles.map((role) => CHILD_ROLE_WORDS[role]))}`;
    case 'anyOf': return `any of: ${condition.conditions.map((inner, i) => `(${i + 1}) ${describeConditionIn(inner, words)}`).join('; ')}`;
    case 'referral': {
      const kinds = condition.kinds === null ? '' : `, of kind ${orList(condition.kinds)}`;
      const statuses = condition.statuses === null ? '' : `, with status ${orList(condition.statuses)}`;
      return `the household has a referral from ${partyName(condition.from, words)} to ${partyName(condition.to, words)}${kinds}${statuses}`;
    }
  }
}

const CHILD_ROLE_WORDS: Readonly<Record<ChildRole, string>> = {
  DIRECT_VICTIM: 'a direct victim',
  WITNESS_OF_PARTNER_VIOLENCE: 'a witness of partner violence',
};

function agencyOf(party: Party, scope: ConditionScope): string {
  return party === 'owner' ? scope.owner.agencyId : scope.viewer.agencyId;
}

function partyName(party: Party, words: PartyWords): string {
  return party === 'owner' ? words.owner : words.viewer;
}

function orList(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)!}`;
}
