/**
 * The access matrix must tell the story the engine enforces. For every viewer kind, owner kind and
 * coordinate of the real covenants, on days before, inside and after each validity window and under
 * each filter, the decision predicted from the cell alone (its grants, their parties, purposes, regions
 * and conditions, in order) is compared with evaluate() for agencies of those kinds and a table of facts.
 */
import { agreementOf } from '#src/policy/decision.ts';
import { describe, expect, test } from 'vitest';
import type { AgencyKind } from '#domain/records.ts';
import { conditionHolds } from '#src/policy/conditions.ts';
import type { Viewer } from '#src/policy/decision.ts';
import { decideOn, evaluate } from '#src/policy/evaluate.ts';
import type { RecordFacts } from '#src/policy/facts.ts';
import { buildAccessMatrix, cellOf, type AccessMatrix, type MatrixGrant } from '#src/workbench/matrix.ts';
import { AGENCY_KINDS } from '#src/workbench/matrix-kinds.ts';
import { compileReal, factTable, permissiveFacts, testAgencies } from './fixtures.ts';

const { loaded, policy } = await compileReal();
const regionMunicipalities = new Map(loaded.regions.map((region) => [region.id, new Set(region.municipalities)]));
// Every organisation a covenant names, so each allowed cell has a party that can reach it.
const named = new Set(loaded.covenants.flatMap((covenant) => covenant.parties.flatMap((party) => party.agencyId ?? [])));
const agencies = [...testAgencies(AGENCY_KINDS), ...loaded.organisations.filter((organisation) => named.has(organisation.id))
  .map((organisation): Viewer => ({ agencyId: organisation.id, kind: organisation.kind, region: organisation.homeRegion }))]
  .filter((agency, index, all) => all.findIndex((other) => other.agencyId === agency.agencyId) === index);
const purposes = loaded.purposes.map((purpose) => purpose.code);
const coordinates = [...new Set([...policy.publicCoordinates, ...policy.ownerOnlyCoordinates, ...policy.grantsByCoordinate.keys()])];

/** The matrix's cells by viewer kind, owner kind and coordinate, for quick lookup. */
function indexCells(matrix: AccessMatrix): (viewer: AgencyKind, owner: AgencyKind, coordinate: string) => ReturnType<typeof cellOf> {
  const cells = new Map<string, ReturnType<typeof cellOf>>();
  for (const viewerKind of AGENCY_KINDS) for (const ownerKind of AGENCY_KINDS) for (const coordinate of coordinates) {
    cells.set(`${viewerKind} ${ownerKind} ${coordinate}`, cellOf(matrix, viewerKind, ownerKind, coordinate));
  }
  return (viewer, owner, coordinate) => cells.get(`${viewer} ${owner} ${coordinate}`)!;
}

const municipalitiesOfGrant = new Map<string, Set<string>>();

const regionKinds = new Map(loaded.regions.map((region) => [region.id, region.kind]));

/** The decision the matrix predicts, from the cell's data only (no compiled grant is consulted). */
function predict(cell: ReturnType<typeof cellOf>, viewer: Viewer, owner: Viewer, purpose: string, facts: RecordFacts): string {
  const { status, grants } = cell;
  if (status === 'PUBLIC') return 'allow PUBLIC';
  if (status === 'OWNER_ONLY') return 'deny';
  const party = (grant: MatrixGrant, agency: Viewer) => grant.parties.some((p) => p.kind === agency.kind && (p.agencyIds === null || p.agencyIds.includes(agency.agencyId)));
  for (const grant of grants) {
    if (!grant.purposes.includes(purpose) || !party(grant, viewer) || !party(grant, owner)) continue;
    let covenantMunicipalities = municipalitiesOfGrant.get(grant.id);
    if (!covenantMunicipalities) {
      covenantMunicipalities = new Set(grant.regions.flatMap((id) => [...(regionMunicipalities.get(id) ?? [])]));
      municipalitiesOfGrant.set(grant.id, covenantMunicipalities);
    }
    // `inViewerRegion` asks for the viewer's region of the covenant's kind (organisations.yaml), else its home region.
    const kind = regionKinds.get(grant.regions[0] ?? '');
    const viewerRegion = (kind && policy.organisations.get(viewer.agencyId)?.regions.get(kind)) ?? viewer.region;
    const scope = { viewer, owner, facts, covenantMunicipalities, viewerMunicipalities: regionMunicipalities.get(viewerRegion) ?? new Set<string>(), controllerOf: (id: string) => id };
    if (grant.conditions.every((condition) => conditionHolds(condition, scope))) return `allow ${grant.agreement.key} ${grant.agreement.article}`;
  }
  return 'deny';
}

/** The engine's decision. decideOn is evaluate with the Amsterdam day given (the day is what the matrix is asked for). */
function actual(viewer: Viewer, owner: Viewer, purpose: string, coordinate: string, facts: RecordFacts, day: string): string {
  const decision = decideOn(policy, { viewer, owner, purpose, coordinate, at: new Date(`${day}T12:00:00+01:00`) }, () => facts, day);
  if (decision.effect === 'deny') return 'deny';
  return decision.reason === 'PUBLIC' ? 'allow PUBLIC' : `allow ${agreementOf(decision)?.key} ${agreementOf(decision)?.article}`;
}

interface Case { readonly day: string; readonly region?: string; readonly purpose?: string }
const CASES: Case[] = [
  { day: '2018-12-31' }, { day: '2020-06-01' }, { day: '2025-12-31' }, { day: '2026-01-01' }, { day: '2026-11-23' },
  { day: '2027-02-28' }, { day: '2027-03-01' }, { day: '2030-01-01' },
  { day: '2027-03-01', region: 'groningen' }, { day: '2027-03-01', region: 'drenthe' }, { day: '2026-11-23', region: 'gemeente-groningen' },
  { day: '2027-03-01', purpose: 'child-abuse-assessment' }, { day: '2026-11-23', purpose: 'early-intervention', region: 'drenthe' },
];

describe('the access matrix agrees with evaluate on every cell', () => {
  test.each(CASES)('on $day (region $region, purpose $purpose)', ({ day, region, purpose }) => {
    const matrix = buildAccessMatrix(policy, { at: day, region: region ?? null, purpose: purpose ?? null });
    const inRegion = (facts: RecordFacts) => region === undefined || (facts.municipality !== null && regionMunicipalities.get(region)!.has(facts.municipality));
    const cellAt = indexCells(matrix);
    // The organisations on the day: one that does not exist reads nothing; one whose records another
    // controls is read as that one, in that one's column.
    const onDay = new Map(matrix.organisations.map((organisation) => [organisation.id, organisation]));
    const mismatches: string[] = [];
    let compared = 0;
    // Every allowed cell must be reachable: some agencies and facts (in the region filtered on) it allows for.
    const reached = new Set<string>();
    for (const viewerKind of AGENCY_KINDS) for (const ownerKind of AGENCY_KINDS) {
      const viewers = agencies.filter((agency) => agency.kind === viewerKind);
      const owners = agencies.filter((agency) => agency.kind === ownerKind);
      for (const viewer of viewers) for (const owner of owners) {
        if (viewer.agencyId === owner.agencyId) continue;
        if ((onDay.get(owner.agencyId)?.controller ?? owner.agencyId) !== owner.agencyId) continue;
        const gone = onDay.get(viewer.agencyId)?.exists === false;
        const table = factTable(viewer.agencyId, owner.agencyId).filter(inRegion);
        // A denied cell is tried with facts that satisfy every condition: a grant the matrix missed would allow.
        const permissive = ['Groningen', 'Assen', 'Emmen', 'Amsterdam'].map((m) => permissiveFacts(viewer.agencyId, owner.agencyId, m)).filter(inRegion);
        for (const coordinate of coordinates) {
          const cell = cellAt(viewerKind, ownerKind, coordinate);
          const tried = cell.status === 'ALLOWED' ? [...table, ...permissive] : permissive;
          // Allowed cells: the purposes their grants name, and one they do not. Others: every purpose.
          const cellPurposes = cell.status === 'ALLOWED' ? [...new Set([...cell.grants.flatMap((g) => g.purposes), 'own-records'])] : purposes;
          for (const facts of tried) for (const p of purpose ? [purpose] : cellPurposes) {
            const predicted = gone && cell.status !== 'PUBLIC' ? 'deny' : predict(cell, viewer, owner, p, facts);
            const decided = actual(viewer, owner, p, coordinate, facts, day);
            compared++;
            if (decided !== 'deny' && cell.status === 'ALLOWED') reached.add(`${viewerKind} reads ${ownerKind} ${coordinate}`);
            if (predicted !== decided && mismatches.length < 5) mismatches.push(`${viewer.agencyId} ${owner.agencyId} ${p} ${coordinate} ${JSON.stringify(facts).slice(0, 120)}: matrix ${predicted}, engine ${decided}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(10_000);
    const allowedCells = matrix.rows.flatMap((row) => row.cells.map((cell) => `${cell.viewerKind} reads ${cell.ownerKind} ${row.coordinate}`));
    expect(allowedCells.filter((cell) => !reached.has(cell))).toEqual([]);
  });

  test('decideOn, which the table uses for speed, is evaluate with the day given', () => {
    const agencies = testAgencies(AGENCY_KINDS);
    const viewer = agencies.find((a) => a.agencyId === 'amk-groningen')!;
    const owner = agencies.find((a) => a.agencyId === 'ashg-groningen')!;
    for (const facts of factTable(viewer.agencyId, owner.agencyId)) {
      const decision = evaluate(policy, { viewer, owner, purpose: 'child-abuse-assessment', coordinate: 'Child.school', facts, at: new Date('2027-03-01T12:00:00+01:00') });
      expect(actual(viewer, owner, 'child-abuse-assessment', 'Child.school', facts, '2027-03-01')).toBe(decision.effect === 'deny' ? 'deny' : `allow ${agreementOf(decision)?.key} ${agreementOf(decision)?.article}`);
    }
  });

  test('the matrix changes with the days the covenants change on', () => {
    const school = (day: string) => cellOf(buildAccessMatrix(policy, { at: day }), 'AMK', 'ASHG', 'Child.school');
    expect(school('2027-02-28').status).toBe('DENIED');
    expect(school('2027-03-01')).toMatchObject({ status: 'ALLOWED', grants: [{ agreement: { key: 'groningen-ashg-amk@3', article: 'art. 4.1' } }] });
    const phase = (day: string) => cellOf(buildAccessMatrix(policy, { at: day }), 'ASHG', 'AMK', 'Report.phase').status;
    expect([phase('2025-12-31'), phase('2026-01-01')]).toEqual(['DENIED', 'ALLOWED']);
  });

  test('owner-only and public coordinates are marked, whatever the kinds', () => {
    const matrix = buildAccessMatrix(policy, { at: '2027-03-01' });
    const kinds: AgencyKind[] = ['AMK', 'ASHG'];
    for (const coordinate of policy.ownerOnlyCoordinates) expect(cellOf(matrix, kinds[0]!, kinds[1]!, coordinate).status).toBe('OWNER_ONLY');
    expect(matrix.ownerOnlyCoordinates).toEqual(expect.arrayContaining(['Report.reporter', 'Reporter.name', 'Report.restrictedInformation']));
    expect(cellOf(matrix, 'WIJKTEAM', 'POLITIE', 'Agreement.title').status).toBe('PUBLIC');
    expect(matrix.rows.some((row) => policy.publicCoordinates.has(row.coordinate))).toBe(false);
  });
});
