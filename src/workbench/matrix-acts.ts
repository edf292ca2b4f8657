/**
 * Internal to the workbench. The access matrix's acts (issue 13): which organisation may hand over,
 * refer, answer or give feedback to which, on the day, and what travels, read from the compiled act
 * grants decideAct decides by (validity, parties, kinds, referral kinds, purposes), never from the YAML.
 * Organisations, not kinds: an act is delivered into one organisation's system, and decideAct refuses
 * one that does not exist on the day. Pure.
 */
import { ACT_KINDS } from '#domain/acts.ts';
import type { AgencyKind, ReferralKind } from '#domain/records.ts';
import type { CompiledActGrant, CompiledGrant, CompiledPolicy, OrganisationDef } from '#src/policy/index.ts';
import { describeActCondition, existsOn, validityOn, viewerRegion } from '#src/policy/index.ts';
import { AGENCY_KINDS } from './matrix-kinds.ts';
import type { MatrixAct, MatrixActGrant } from './matrix-types.ts';

export interface ActRowsOptions {
  readonly day: string;
  /** Municipalities of the region filter; null: every household. */
  readonly regionMunicipalities: ReadonlySet<string> | null;
  readonly purpose: string | null;
  /** Sender and receiver kinds to show. */
  readonly kinds: readonly AgencyKind[];
}

export function actRows(policy: CompiledPolicy, options: ActRowsOptions): MatrixAct[] {
  const { day, purpose } = options;
  const existing = policy.organisations.organisations.filter((organisation) => existsOn(organisation, day) && options.kinds.includes(organisation.kind));
  const rows = new Map<string, { act: MatrixAct; grants: MatrixActGrant[]; coordinates: Set<string> }>();
  for (const grant of policy.actGrants) {
    const validity = validityOn(grant.covenant, day);
    if (validity !== 'IN_FORCE' && validity !== 'TACITLY_RENEWED') continue;
    const purposes = [...grant.purposes].filter((candidate) => purpose === null || candidate === purpose);
    if (purposes.length === 0) continue;
    const cited = cite(grant, validity);
    const senders = existing.filter((organisation) => bound(grant, organisation, 'sender'));
    const receivers = existing.filter((organisation) => bound(grant, organisation, 'receiver'));
    for (const sender of senders) for (const receiver of receivers) {
      if (sender.id === receiver.id || !mayHoldSomewhere(policy, grant, sender, receiver, options.regionMunicipalities)) continue;
      const referralKinds: (ReferralKind | null)[] = grant.referralKinds === null ? [null] : [...grant.referralKinds];
      for (const act of grant.acts) for (const referralKind of referralKinds) for (const forPurpose of purposes) {
        const key = [act, sender.id, receiver.id, referralKind ?? '', forPurpose].join('|');
        const row = rows.get(key) ?? {
          act: { act, senderId: sender.id, senderKind: sender.kind, receiverId: receiver.id, receiverKind: receiver.kind, referralKind, purpose: forPurpose, coordinates: [], grants: [] },
          grants: [], coordinates: new Set<string>(),
        };
        row.grants.push(cited);
        for (const coordinate of grant.coordinates) row.coordinates.add(coordinate);
        rows.set(key, row);
      }
    }
  }
  return [...rows.values()]
    .map(({ act, grants, coordinates }): MatrixAct => ({ ...act, grants, coordinates: [...coordinates].sort() }))
    .sort((a, b) => ACT_KINDS.indexOf(a.act) - ACT_KINDS.indexOf(b.act) || kindOrder(a, b)
      || cmp(a.senderId, b.senderId) || cmp(a.receiverId, b.receiverId) || cmp(a.referralKind ?? '', b.referralKind ?? '') || cmp(a.purpose, b.purpose));
}

/** Of a kind the grant names on that side, and a party to its covenant (by id where it names agencies). */
function bound(grant: CompiledActGrant, organisation: OrganisationDef, side: 'sender' | 'receiver'): boolean {
  const kinds = side === 'sender' ? grant.senderKinds : grant.receiverKinds;
  if (!kinds.has(organisation.kind)) return false;
  const named = grant.parties.get(organisation.kind);
  return named === null || (named !== undefined && named.has(organisation.id));
}

/**
 * Whether some household can meet the grant's region conditions between these two organisations (and
 * lie in the region filter): the top-level (AND) `inCovenantRegion`, `inViewerRegion` (the sender's
 * region) and `inOwnerRegion` (the receiver's) must all hold for one municipality. A national 0-18
 * referral thus goes to the bureau of the household's region only, and only that bureau is listed.
 * A read grant is judged the same way, the viewer as the sender and the owner as the receiver (matrix-sharing.ts).
 */
export function mayHoldSomewhere(policy: CompiledPolicy, grant: CompiledActGrant | CompiledGrant, sender: OrganisationDef, receiver: OrganisationDef, filter: ReadonlySet<string> | null): boolean {
  const regionOf = (organisation: OrganisationDef): ReadonlySet<string> => policy.regionMunicipalities
    .get(viewerRegion(policy, { agencyId: organisation.id, kind: organisation.kind, region: organisation.homeRegion }, grant.covenant.regionKind)) ?? new Set();
  const kinds = new Set(grant.grant.conditions.map((condition) => condition.kind));
  const sets: ReadonlySet<string>[] = [
    ...(filter === null ? [] : [filter]),
    ...(kinds.has('inCovenantRegion') ? [grant.covenantMunicipalities] : []),
    ...(kinds.has('inViewerRegion') ? [regionOf(sender)] : []),
    ...(kinds.has('inOwnerRegion') ? [regionOf(receiver)] : []),
  ];
  const [first, ...rest] = sets;
  if (first === undefined) return true;
  for (const municipality of first) if (rest.every((set) => set.has(municipality))) return true;
  return false;
}

function cite(grant: CompiledActGrant, validity: MatrixActGrant['validity']): MatrixActGrant {
  const { covenant } = grant;
  return {
    id: `${covenant.key}#${grant.grant.id}`, agreement: grant.agreement, title: covenant.title, ruleId: grant.grant.id, regions: covenant.regions,
    coordinates: [...grant.coordinates].sort(), conditions: grant.grant.conditions, conditionTexts: grant.grant.conditions.map(describeActCondition),
    validity, source: grant.grant.source,
  };
}

function kindOrder(a: MatrixAct, b: MatrixAct): number {
  return AGENCY_KINDS.indexOf(a.senderKind) - AGENCY_KINDS.indexOf(b.senderKind) || AGENCY_KINDS.indexOf(a.receiverKind) - AGENCY_KINDS.indexOf(b.receiverKind);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
