/**
 * Internal to the covenant lint. Two grants overlap when, on some common day, both can release the same
 * field of the same owner kind to the same viewer kind, for the same purpose, between agencies both
 * bind and in a region both can hold in. Same conditions: redundant (warning). One grant asking for
 * strictly fewer conditions than the other: they contradict (error), because the looser one releases
 * the field whatever the stricter one's extra conditions say. Other differences: warning.
 *
 * Only fields that hold data of their own count: a field whose value is an object, a union or an
 * interface, or a list of them (Household.timeline, Report.household), leads to records each of whose
 * fields is decided on its own coordinate. Such a link is named by every category that releases what
 * it leads to (report-content and referral-file both name Household.timeline, which lists reports and
 * referrals), so two grants sharing it release nothing twice unless they share one of those fields too,
 * and then the pair is reported for those.
 */
import { getNamedType, isLeafType, isObjectType, type GraphQLSchema } from 'graphql';
import type { AgencyKind } from '#domain/records.ts';
import type { CompiledGrant, CompiledPolicy } from '#src/policy/index.ts';
import { describeCondition } from '#src/policy/index.ts';
import type { Condition } from '#src/policy/index.ts';
import { addDays } from './diff-space.ts';
import type { LintFinding } from './lint-finding.ts';

export function lintOverlaps(policy: CompiledPolicy, schema: GraphQLSchema): LintFinding[] {
  const pairs = new Map<string, { a: CompiledGrant; b: CompiledGrant; coordinates: string[]; from: string }>();
  for (const [coordinate, grants] of policy.grantsByCoordinate) {
    if (policy.ownerOnlyCoordinates.has(coordinate) || !holdsData(schema, coordinate)) continue;
    for (let i = 0; i < grants.length; i++) {
      for (let j = i + 1; j < grants.length; j++) {
        const a = grants[i]!;
        const b = grants[j]!;
        const from = overlapFrom(a, b);
        if (from === null) continue;
        const key = `${a.agreement.key}#${a.grant.id}|${b.agreement.key}#${b.grant.id}`;
        const pair = pairs.get(key) ?? { a, b, coordinates: [], from };
        pair.coordinates.push(coordinate);
        pairs.set(key, pair);
      }
    }
  }
  return [...pairs.values()].map(({ a, b, coordinates, from }): LintFinding => {
    const what = `${coordinates.join(', ')} (${shared(a.viewerKinds, b.viewerKinds).join('/')} reading ${shared(a.ownerKinds, b.ownerKinds).join('/')}, for ${shared(a.purposes, b.purposes).join('/')}, from ${from})`;
    const where = `${b.grant.source.file}:${b.grant.source.line}`;
    const [ca, cb] = [conditionSet(a.grant.conditions), conditionSet(b.grant.conditions)];
    const looser = subset(ca, cb) && ca.size < cb.size ? { loose: a, strict: b, extra: difference(cb, ca) }
      : subset(cb, ca) && cb.size < ca.size ? { loose: b, strict: a, extra: difference(ca, cb) } : null;
    if (looser) {
      return {
        severity: 'error', rule: 'contradicting-grants', where,
        message: `${name(looser.loose)} releases ${what} without requiring ${looser.extra.map((c) => `"${c}"`).join(' and ')}, which ${name(looser.strict)} requires: that restriction has no effect`,
      };
    }
    const same = ca.size === cb.size && subset(ca, cb);
    return {
      severity: 'warning', rule: 'overlapping-grants', where,
      message: `${name(a)} and ${name(b)} both release ${what}${same ? ' under the same conditions' : ' under different conditions; the first whose conditions hold is cited'}`,
    };
  });
}

/** Whether the field's value is a scalar or an enum (or a list of them), rather than a link to records. */
function holdsData(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, fieldName] = coordinate.split('.');
  const type = schema.getType(typeName ?? '');
  const field = isObjectType(type) ? type.getFields()[fieldName ?? ''] : undefined;
  // A coordinate the schema does not know is the compiler's to refuse; count it rather than hide it.
  return field === undefined || isLeafType(getNamedType(field.type));
}

/** The first day both grants can apply, or null when they never overlap. */
function overlapFrom(a: CompiledGrant, b: CompiledGrant): string | null {
  const viewers = shared(a.viewerKinds, b.viewerKinds).filter((kind) => partiesMeet(a, b, kind));
  const owners = shared(a.ownerKinds, b.ownerKinds).filter((kind) => partiesMeet(a, b, kind));
  if (viewers.length === 0 || owners.length === 0 || shared(a.purposes, b.purposes).length === 0) return null;
  if (usesCovenantRegion(a) && usesCovenantRegion(b) && ![...a.covenantMunicipalities].some((m) => b.covenantMunicipalities.has(m))) return null;
  const [startA, endA] = interval(a);
  const [startB, endB] = interval(b);
  const start = startA > startB ? startA : startB;
  return (endA === null || start < endA) && (endB === null || start < endB) ? start : null;
}

/** In force from validFrom until (exclusive) it is superseded, or the day after validTo without tacit renewal. */
function interval(grant: CompiledGrant): [string, string | null] {
  const { covenant } = grant;
  const lapses = covenant.validTo !== null && !covenant.tacitRenewal ? addDays(covenant.validTo, 1) : null;
  const ends = [covenant.supersededFrom, lapses].filter((day): day is string => day !== null).sort();
  return [covenant.validFrom, ends[0] ?? null];
}

function partiesMeet(a: CompiledGrant, b: CompiledGrant, kind: AgencyKind): boolean {
  const [pa, pb] = [a.parties.get(kind), b.parties.get(kind)];
  if (pa === undefined || pb === undefined) return false;
  return pa === null || pb === null || [...pa].some((id) => pb.has(id));
}

function usesCovenantRegion(grant: CompiledGrant): boolean {
  return grant.grant.conditions.some((condition) => condition.kind === 'inCovenantRegion');
}

function conditionSet(conditions: readonly Condition[]): Map<string, string> {
  return new Map(conditions.map((condition) => [canonical(condition), describeCondition(condition)]));
}

/** The condition as a key in which the order of listed kinds, statuses and roles does not matter. */
function canonical(condition: Condition): string {
  if (condition.kind === 'anyOf') return `anyOf(${condition.conditions.map(canonical).sort().join(',')})`;
  if (condition.kind === 'childInvolvement') return JSON.stringify({ ...condition, roles: [...condition.roles].sort() });
  if (condition.kind !== 'referral') return JSON.stringify(condition);
  return JSON.stringify({ ...condition, kinds: condition.kinds && [...condition.kinds].sort(), statuses: condition.statuses && [...condition.statuses].sort() });
}

function subset(a: Map<string, string>, b: Map<string, string>): boolean {
  return [...a.keys()].every((key) => b.has(key));
}

function difference(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...a].filter(([key]) => !b.has(key)).map(([, words]) => words);
}

function shared<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] {
  return [...a].filter((value) => b.has(value));
}

function name(grant: CompiledGrant): string {
  return `${grant.agreement.key} ${grant.agreement.article} (${grant.grant.id})`;
}
