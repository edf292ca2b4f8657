/**
 * Internal to src/policy.
 * A covenant's `acts:` and `actExamples:` (issue 13), already valid against covenant.schema.json,
 * into CovenantActGrant and CovenantActExample, with the checks JSON Schema cannot make, each error
 * naming `file:line`. Two checks are the domain's and hold whatever a covenant says:
 * - DOMAIN rule 7: the reporter's identity and restricted information never travel with an act. A
 *   read grant that names them is ignored for them (and linted); an act grant that does is refused,
 *   since an act delivers into another organisation's system and cannot be taken back.
 * - DOMAIN rule 4: feedback carries the phase category and the receiving care provider, nothing else.
 */
import type { ActKind } from '#domain/acts.ts';
import type { AgencyKind, ReferralKind } from '#domain/records.ts';
import type { ActDecisionReason } from './act-decision.ts';
import type { CovenantActExample, CovenantActGrant, DataCategoryDef } from './covenant-types.ts';
import { expandCoordinates } from './expand-coordinates.ts';
import { NO_FACTS, type RecordFacts } from './facts.ts';
import { ref } from './load-shared-files.ts';
import { parseCondition } from './parse-condition.ts';
import { OWNER_ONLY_COORDINATES } from './owner-only-fields.ts';
import { isCalendarDay } from './validity.ts';
import type { DataPath, YamlSource } from './yaml-source.ts';

/** The acts that carry out a referral of some kind: their grants must say which kinds. */
export const REFERRING_ACTS: readonly ActKind[] = Object.freeze(['HAND_OVER_CASE', 'REFER_ZORGMELDING']);

/** What feedback may carry (DOMAIN rule 4): where the case stands and who took it over, never care content. */
export const FEEDBACK_COORDINATES: readonly string[] = Object.freeze(['Involvement.phaseCategory', 'Report.receivingCareProvider']);

export interface RawActGrant {
  id: string; article: string; act: ActKind | ActKind[]; senderKinds: AgencyKind[]; receiverKinds: AgencyKind[];
  referralKinds?: ReferralKind[]; purposes: string[]; coordinates: string[]; conditions?: Record<string, unknown>[];
}
export interface RawActExample {
  name: string; act: ActKind; referralKind?: ReferralKind | null; sender: CovenantActExample['sender']; receiver: CovenantActExample['receiver'];
  purpose: string; date: string; facts?: Partial<RecordFacts>; expected: 'allow' | 'deny'; reason?: ActDecisionReason;
  travels?: string[]; staysBehind?: string[];
}

export interface ActGrantContext {
  readonly source: YamlSource;
  /** `id@version` of the covenant. */
  readonly key: string;
  readonly purposes: readonly string[];
  readonly partyKinds: ReadonlySet<AgencyKind>;
  readonly dataCategories: readonly DataCategoryDef[];
  readonly usedCategories: Map<string, DataCategoryDef>;
  /** Ids the covenant's read grants use: an act grant's id may not repeat one (the audit trail cites ids). */
  readonly grantIds: Set<string>;
  readonly fail: (path: DataPath, message: string) => void;
}

/** Whether a coordinate is one DOMAIN rule 7 keeps with its owner (`Type.*` patterns match the type's fields). */
export function isOwnerOnly(coordinate: string, patterns: readonly string[] = OWNER_ONLY_COORDINATES): boolean {
  return patterns.some((pattern) => (pattern.endsWith('.*') ? coordinate.startsWith(pattern.slice(0, -1)) : coordinate === pattern));
}

export function buildActGrants(raw: readonly RawActGrant[], context: ActGrantContext): CovenantActGrant[] {
  const { source, key, fail } = context;
  return raw.map((grant, g): CovenantActGrant => {
    const path = ['acts', g] as const;
    if (context.grantIds.has(grant.id)) fail([...path, 'id'], `grant id "${grant.id}" is used twice in ${key}`);
    context.grantIds.add(grant.id);
    const acts = Array.isArray(grant.act) ? grant.act : [grant.act];
    const referring = acts.filter((act) => REFERRING_ACTS.includes(act));
    if (referring.length > 0 && referring.length < acts.length) {
      fail([...path, 'act'], `act grant ${grant.id} mixes acts that carry out a referral (${referring.join(', ')}) with acts that do not: write two grants`);
    } else if (referring.length > 0 && grant.referralKinds === undefined) {
      fail([...path, 'act'], `act grant ${grant.id} grants ${referring.join(', ')}, which carry out a referral: say which referralKinds`);
    } else if (referring.length === 0 && grant.referralKinds !== undefined) {
      fail([...path, 'referralKinds'], `act grant ${grant.id} grants ${acts.join(', ')}, which carry out no referral: leave referralKinds out`);
    }
    grant.purposes.forEach((purpose, i) => {
      if (!context.purposes.includes(purpose)) fail([...path, 'purposes', i], `act grant ${grant.id} names purpose "${purpose}", which ${key} does not list`);
    });
    for (const side of ['senderKinds', 'receiverKinds'] as const) {
      grant[side].forEach((kind, i) => {
        if (!context.partyKinds.has(kind)) fail([...path, side, i], `act grant ${grant.id} names ${kind}, which is not a party to ${key}`);
      });
    }
    const { coordinates, coordinateSources } = expandCoordinates(grant.coordinates, path, source, context.dataCategories, context.usedCategories, fail);
    coordinates.forEach((coordinate, i) => {
      const where = `${coordinateSources[i]!.file}:${coordinateSources[i]!.line}`;
      if (isOwnerOnly(coordinate)) {
        fail([...path, 'coordinates'], `act grant ${grant.id} of ${key} lets ${coordinate} travel (written at ${where}), which never leaves its owner (DOMAIN rule 7): take it out`);
      } else if (acts.includes('GIVE_FEEDBACK') && !FEEDBACK_COORDINATES.includes(coordinate)) {
        fail([...path, 'coordinates'], `act grant ${grant.id} of ${key} gives ${coordinate} as feedback (written at ${where}); feedback carries ${FEEDBACK_COORDINATES.join(' and ')} only (DOMAIN rule 4)`);
      }
    });
    return {
      id: grant.id, article: grant.article, acts, senderKinds: grant.senderKinds, receiverKinds: grant.receiverKinds,
      referralKinds: grant.referralKinds ?? null, purposes: grant.purposes, coordinates,
      conditions: (grant.conditions ?? []).map(parseCondition), source: ref(source, path), coordinateSources,
    };
  });
}

export function buildActExamples(raw: readonly RawActExample[], context: Pick<ActGrantContext, 'source' | 'fail'> & { readonly knownPurposes: readonly string[] }): CovenantActExample[] {
  return raw.map((example, i): CovenantActExample => {
    if (!isCalendarDay(example.date)) context.fail(['actExamples', i, 'date'], `date ${example.date} is not a calendar day`);
    if (!context.knownPurposes.includes(example.purpose)) context.fail(['actExamples', i, 'purpose'], `unknown purpose "${example.purpose}"`);
    return {
      ...example, referralKind: example.referralKind ?? null, facts: { ...NO_FACTS, ...example.facts }, reason: example.reason ?? null,
      travels: example.travels ?? [], staysBehind: example.staysBehind ?? [], source: ref(context.source, ['actExamples', i]),
    };
  });
}
