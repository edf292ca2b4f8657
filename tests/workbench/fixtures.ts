/** Shared by the workbench tests: the real covenants compiled as the gateway does, and temp copies to break. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgencyKind, ReferralKind, ReferralStatus } from '#domain/records.ts';
import type { Viewer } from '#src/policy/decision.ts';
import { CHILD_ROLES, type RecordFacts, type ReferralFact } from '#src/policy/facts.ts';
import { compileFolder } from '../../scripts/policy-source.ts';

export const COVENANTS_DIR = fileURLToPath(new URL('../../covenants/', import.meta.url));

export function compileReal() {
  return compileFolder(COVENANTS_DIR);
}

/** A temp copy of covenants/ with files added, replaced (same name) or removed (text null). */
export function covenantsWith(files: Record<string, string | null>): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'ketenpoort-workbench-'));
  const dir = join(root, 'covenants');
  cpSync(COVENANTS_DIR, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    if (text === null) rmSync(join(dir, name));
    else writeFileSync(join(dir, name), text);
  }
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export const REFERRAL_KINDS: readonly ReferralKind[] = [
  'VOLUNTARY_CARE', 'HANDOVER_ASHG_TO_AMK', 'POLICE_TO_AMK', 'POLICE_TO_BJZ', 'TO_WIJKTEAM', 'POLICE_TO_VEILIG_THUIS', 'REQUEST_TO_RAAD',
];
export const REFERRAL_STATUSES: readonly ReferralStatus[] = ['DRAFT', 'OFFERED', 'ACCEPTED', 'REFUSED', 'RUNNING', 'COMPLETED', 'RETURNED_UNSAFE'];

/**
 * The embedded agencies, two more of the test fixtures, the chain as it is today, and an agency no
 * covenant names for every kind (in `region`, default groningen).
 */
export function testAgencies(kinds: readonly AgencyKind[], region = 'groningen'): Viewer[] {
  return [
    { agencyId: 'ashg-groningen', kind: 'ASHG', region: 'groningen' },
    { agencyId: 'amk-groningen', kind: 'AMK', region: 'groningen' },
    { agencyId: 'amk-drenthe', kind: 'AMK', region: 'drenthe' },
    { agencyId: 'politie-noord-nederland', kind: 'POLITIE', region: 'noord-nederland' },
    { agencyId: 'bjz-groningen', kind: 'BJZ', region: 'groningen' },
    { agencyId: 'bjz-drenthe', kind: 'BJZ', region: 'drenthe' },
    { agencyId: 'wijkteam-groningen', kind: 'WIJKTEAM', region: 'gemeente-groningen' },
    { agencyId: 'veilig-thuis-drenthe', kind: 'VEILIG_THUIS', region: 'drenthe' },
    { agencyId: 'veilig-thuis-amsterdam-amstelland', kind: 'VEILIG_THUIS', region: 'amsterdam-amstelland' },
    { agencyId: 'politie-amsterdam', kind: 'POLITIE', region: 'eenheid-amsterdam' },
    { agencyId: 'jeugdbescherming-noord', kind: 'CERTIFIED_INSTITUTION', region: 'drenthe' },
    { agencyId: 'jeugdbescherming-regio-amsterdam', kind: 'CERTIFIED_INSTITUTION', region: 'amsterdam-amstelland' },
    { agencyId: 'wijkteam-assen', kind: 'WIJKTEAM', region: 'gemeente-assen' },
    { agencyId: 'wijkteam-emmen', kind: 'WIJKTEAM', region: 'gemeente-emmen' },
    { agencyId: 'wijkteam-amsterdam', kind: 'WIJKTEAM', region: 'gemeente-amsterdam' },
    { agencyId: 'raad-voor-de-kinderbescherming', kind: 'RAAD', region: 'nederland' },
    ...kinds.map((kind): Viewer => ({ agencyId: `other-${kind.toLowerCase()}`, kind, region })),
  ];
}

const ref = (fromAgencyId: string | null, toAgencyId: string | null, kind: ReferralKind | null, status: ReferralStatus | null): ReferralFact => ({ fromAgencyId, toAgencyId, kind, status });

/** Facts that satisfy as many conditions as facts can: every referral between the two, of every kind and status. */
export function permissiveFacts(viewer: string, owner: string, municipality: string | null): RecordFacts {
  const referrals = [[owner, viewer], [viewer, owner]].flatMap(([from, to]) => REFERRAL_KINDS.flatMap((kind) => REFERRAL_STATUSES.map((status) => ref(from!, to!, kind, status))));
  return { municipality, householdHasMinors: true, subjectIsMinor: true, viewerInvolved: true, referrals, childRoles: CHILD_ROLES };
}

/** A table of fact combinations: each condition kind both holding and failing, in and out of the regions. */
export function factTable(viewer: string, owner: string): RecordFacts[] {
  const referralSets: ReferralFact[][] = [
    [],
    [ref(owner, viewer, 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED')],
    [ref(owner, viewer, 'POLICE_TO_BJZ', 'RUNNING')],
    [ref(owner, viewer, 'VOLUNTARY_CARE', 'RETURNED_UNSAFE'), ref(viewer, owner, 'POLICE_TO_AMK', 'OFFERED')],
  ];
  const out: RecordFacts[] = [];
  for (const municipality of ['Groningen', 'Midden-Groningen', 'Assen', null]) {
    for (const householdHasMinors of [true, false]) for (const subjectIsMinor of [true, false]) {
      for (const viewerInvolved of [true, false]) for (const referrals of referralSets) out.push({ municipality, householdHasMinors, subjectIsMinor, viewerInvolved, referrals, childRoles: [] });
    }
  }
  // Records not about one person, with each set of children's roles.
  for (const childRoles of [[], ['DIRECT_VICTIM'], ['WITNESS_OF_PARTNER_VIOLENCE'], CHILD_ROLES] as const) {
    for (const referrals of referralSets) out.push({ municipality: 'Groningen', householdHasMinors: true, subjectIsMinor: null, viewerInvolved: true, referrals, childRoles });
  }
  return out;
}
