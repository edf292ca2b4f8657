/**
 * The property test's oracle, independent of the gateway: facts computed here from the world's raw
 * data, decisions from the policy engine's pure evaluate(). A world value is forbidden to a viewer
 * (purpose, moment) when no agency record that holds it, under its coordinate, may be read by that
 * viewer: then it must not occur anywhere in a response. Values that public data also holds (agency
 * names, covenant texts, schema descriptions, municipalities) can never be attributed and are left out.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import type { OwnerTag } from '#domain/records.ts';
import type { World, WorldHousehold } from '#mock-world/index.ts';
import { EMBEDDED_AGENCIES } from '#src/config/agencies.ts';
import { compilePolicy, type CompiledPolicy } from '#src/policy/compile.ts';
import type { OrganisationRegistry } from '#src/policy/organisations.ts';
import type { Viewer } from '#src/policy/decision.ts';
import { evaluate } from '#src/policy/evaluate.ts';
import { CHILD_ROLES, type RecordFacts } from '#src/policy/facts.ts';
import { loadCovenants } from '#src/policy/load-covenants.ts';
import { PUBLIC_COORDINATES } from '#src/policy/public-fields.ts';
import { createNeedleIndex, type NeedleIndex } from './leak-scan.ts';
import { worldValues, type Holder, type WorldValue } from './world-values.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
export const COVENANTS_DIR = join(ROOT, 'covenants');
export const SCHEMA_DIR = join(ROOT, 'schema');

export function schemaSdl(): string {
  return readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.graphql')).sort()
    .map((name) => readFileSync(join(SCHEMA_DIR, name), 'utf8')).join('\n');
}

export async function loadPolicy(covenantsDir: string = COVENANTS_DIR): Promise<CompiledPolicy> {
  const loaded = await loadCovenants(covenantsDir);
  return compilePolicy({ ...loaded, schema: buildASTSchema(parse(schemaSdl())), publicCoordinates: PUBLIC_COORDINATES });
}

/** Everything any authenticated caller may read: agencies, covenants, purposes, regions, the schema. */
export function publicCorpus(extra: readonly string[] = [], covenantsDir: string = COVENANTS_DIR): string {
  const covenants = readdirSync(covenantsDir).sort().map((name) => readFileSync(join(covenantsDir, name), 'utf8'));
  return [JSON.stringify(EMBEDDED_AGENCIES), ...covenants, schemaSdl(), ...extra].join('\n');
}

/** The policy's view of an organisation of the registry, as viewer or as a record's creator. */
export function agencyTag(registry: OrganisationRegistry, agencyId: string): Viewer & OwnerTag {
  const organisation = registry.get(agencyId);
  if (!organisation) throw new Error(`unknown agency ${agencyId}`);
  return { agencyId: organisation.id, kind: organisation.kind, region: organisation.homeRegion };
}

const AMSTERDAM = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Europe/Amsterdam day (yyyy-mm-dd) of the instant: the registry's and the covenants' unit. */
export function dayOf(at: Date): string {
  return AMSTERDAM.format(at);
}

/** Whether the organisation exists on the instant's day (from validFrom to validTo, both included). */
export function existsAt(registry: OrganisationRegistry, agencyId: string, at: Date): boolean {
  const organisation = registry.get(agencyId);
  const day = dayOf(at);
  return organisation !== undefined && (organisation.validFrom === null || organisation.validFrom <= day) && (organisation.validTo === null || day <= organisation.validTo);
}

/**
 * Who controls, on the instant's day, the records `creatorId` created: the creator up to its last day,
 * then its successor, and so on (DOMAIN section 8).
 */
export function controllerAt(registry: OrganisationRegistry, creatorId: string, at: Date): string {
  const day = dayOf(at);
  let id = creatorId;
  for (const seen = new Set<string>(); !seen.has(id);) {
    seen.add(id);
    const organisation = registry.get(id);
    if (!organisation?.validTo || !organisation.successor || day <= organisation.validTo) break;
    id = organisation.successor;
  }
  return id;
}

/** Under 18 on the instant's Amsterdam day: the 18th birthday itself is the first adult day. */
export function isMinorOn(birthDate: string, at: Date): boolean {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  return dayOf(at) < new Date(Date.UTC(year + 18, month - 1, day)).toISOString().slice(0, 10);
}

/**
 * The facts of a record of the household, as DOMAIN section 4 defines them. `controllerOf` (default:
 * every creator controls its own) says whose a record is on the day: the viewer is involved where it
 * controls a record of the household, one its predecessor created included.
 */
export function factsOf(household: WorldHousehold, viewerAgencyId: string, subjectBirthDate: string | null, at: Date,
  controllerOf: (creatorId: string) => string = (creatorId) => creatorId): RecordFacts {
  return {
    municipality: household.municipality,
    householdHasMinors: household.members.some((member) => isMinorOn(member.birthDate, at)),
    subjectIsMinor: subjectBirthDate ? isMinorOn(subjectBirthDate, at) : null,
    // Referrals of the household across all agencies' cases, whoever filed them.
    referrals: Object.values(household.cases).flatMap((found) => found.referrals.map((referral) => ({
      fromAgencyId: referral.fromAgencyId, toAgencyId: referral.toAgencyId, kind: referral.kind, status: referral.status,
    }))),
    viewerInvolved: Object.keys(household.cases).some((creatorId) => controllerOf(creatorId) === viewerAgencyId),
    // Every role any agency gives any child of the household: a record about the household as a whole
    // sees exactly these; for a record about one person it may allow more than the gateway, never less,
    // so the oracle flags no value the gateway may release (the per-child rule is tested in tests/enforcement).
    childRoles: CHILD_ROLES.filter((role) => Object.values(household.cases).some((found) => found.children.some((child) => child.role === role))),
  };
}

export interface Oracle {
  readonly values: ReadonlyMap<string, WorldValue>;
  /** Whether this one holder's value may be read by the viewer for the purpose at the moment. */
  holderAllows(holder: Holder, viewerAgencyId: string, purpose: string, at: Date): boolean;
  /** The forbidden values, indexed for scanning (memoised per viewer, purpose and moment). */
  forbidden(viewerAgencyId: string, purpose: string, at: Date): NeedleIndex;
}

export function createOracle(world: World, policy: CompiledPolicy, corpus: string): Oracle {
  const values = new Map([...worldValues(world)].filter(([, value]) => !corpus.includes(value.value)));
  const servedBy = new Set(policy.organisations.organisations.filter((organisation) => organisation.adapter !== null).map((organisation) => organisation.id));
  const memo = new Map<string, NeedleIndex>();
  // Which other text values contain a value, worked out once for all viewers.
  const texts = [...values.values()].filter((value) => value.kind === 'text').map((value) => value.value);
  const containing = new Map(texts.map((text) => [text, texts.filter((other) => other !== text && other.includes(text))]));

  const holderAllows = (holder: Holder, viewerAgencyId: string, purpose: string, at: Date): boolean => {
    // A member entry is shown as a Child only while the person is one.
    if (holder.asChild && holder.asChild.role !== 'CHILD' && !isMinorOn(holder.asChild.birthDate, at)) return false;
    // A record of an organisation with no record system behind the gateway (the world may hold more
    // than the registry gives a system) cannot be served: nobody may read it through the gateway.
    if (!servedBy.has(holder.agencyId)) return false;
    const decision = evaluate(policy, {
      viewer: agencyTag(policy.organisations, viewerAgencyId), purpose, owner: agencyTag(policy.organisations, holder.agencyId), coordinate: holder.coordinate, at,
      facts: factsOf(holder.household, viewerAgencyId, holder.subjectBirthDate, at, (creatorId) => controllerAt(policy.organisations, creatorId, at)),
    });
    return decision.effect === 'allow';
  };

  return {
    values,
    holderAllows,
    forbidden(viewerAgencyId, purpose, at) {
      const key = `${viewerAgencyId}|${purpose}|${at.toISOString()}`;
      const known = memo.get(key);
      if (known) return known;
      const forbidden: WorldValue[] = [];
      const allowed = new Set<string>();
      for (const value of values.values()) {
        if (value.holders.some((holder) => holderAllows(holder, viewerAgencyId, purpose, at))) allowed.add(value.value);
        else forbidden.push(value);
      }
      const index = createNeedleIndex(forbidden, (needle) => (containing.get(needle) ?? []).filter((other) => allowed.has(other)));
      memo.set(key, index);
      return index;
    },
  };
}
