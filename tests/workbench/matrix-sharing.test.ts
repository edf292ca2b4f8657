/**
 * The access matrix by data category and by organisation: the categories of covenants/data-categories.yaml
 * carried to the console, and who may see what of whom on a day, organisations named, arrows labelled
 * by the categories they release wholly.
 */
import { describe, expect, test } from 'vitest';
import { buildAccessMatrix } from '#src/workbench/matrix.ts';
import { wholeCategories } from '#src/workbench/matrix-sharing.ts';
import { compileReal } from './fixtures.ts';

const { policy } = await compileReal();
const pair = (matrix: ReturnType<typeof buildAccessMatrix>, viewerId: string, ownerId: string) =>
  matrix.sharing.find((candidate) => candidate.viewerId === viewerId && candidate.ownerId === ownerId);

describe('data categories', () => {
  test('every category of data-categories.yaml, in written order, with its description and coordinates', () => {
    const { dataCategories } = buildAccessMatrix(policy, { at: '2027-03-01' });
    expect(dataCategories.map((category) => category.name).slice(0, 5)).toEqual(['household-location', 'household-address', 'household-composition', 'member-identity', 'child-identity']);
    const child = dataCategories.find((category) => category.name === 'child-identity')!;
    expect(child.description).toContain("children's identity");
    expect(child.coordinates).toContain('Child.bsn');
    // The school is granted by name (groningen-ashg-amk@3 art. 4.1), in no category: the console lists it under other fields.
    expect(dataCategories.some((category) => category.coordinates.includes('Child.school'))).toBe(false);
  });
});

describe('who may see what of whom', () => {
  test('on 1 March 2027 the AMK Groningen reads the ASHG Groningen\'s report content, children and school under art. 4', () => {
    const matrix = buildAccessMatrix(policy, { at: '2027-03-01', region: 'groningen' });
    const amk = pair(matrix, 'amk-groningen', 'ashg-groningen')!;
    expect(amk.categories).toEqual(expect.arrayContaining(['child-identity', 'report-content', 'referral-file', 'household-address']));
    // case-outcome lies inside report-content: not named twice.
    expect(amk.categories).not.toContain('case-outcome');
    expect(amk.otherCoordinates).toEqual(['Child.school']);
    expect(amk.grants.map((grant) => `${grant.agreement.key} ${grant.agreement.article}`)).toContain('groningen-ashg-amk@3 art. 4.1');
    expect(amk.purposes).toContain('child-abuse-assessment');
    // The day before, under version 2, the school is not among them.
    const before = pair(buildAccessMatrix(policy, { at: '2027-02-28', region: 'groningen' }), 'amk-groningen', 'ashg-groningen')!;
    expect(before.coordinates).not.toContain('Child.school');
    expect(before.otherCoordinates).toEqual([]);
  });

  test('the purpose filter keeps only the pairs and purposes of that purpose', () => {
    const matrix = buildAccessMatrix(policy, { at: '2027-03-01', region: 'groningen', purpose: 'case-conference' });
    expect(pair(matrix, 'amk-groningen', 'ashg-groningen')?.coordinates ?? []).not.toContain('Child.school');
    expect(matrix.sharing.every((candidate) => candidate.purposes.every((purpose) => purpose === 'case-conference'))).toBe(true);
    expect(pair(matrix, 'ashg-groningen', 'amk-groningen')?.categories).toContain('case-outcome');
  });

  test('Drenthe before and after the merger: the ASHG and AMK in 2014, Veilig Thuis in 2026', () => {
    const inRegion = (day: string) => buildAccessMatrix(policy, { at: day, region: 'drenthe' }).organisations
      .filter((organisation) => organisation.exists && organisation.inRegion).map((organisation) => organisation.id);
    expect(inRegion('2014-06-01')).toEqual(expect.arrayContaining(['ashg-drenthe', 'amk-drenthe', 'politie-noord-nederland']));
    expect(inRegion('2014-06-01')).not.toContain('veilig-thuis-drenthe');
    expect(inRegion('2026-06-01')).toContain('veilig-thuis-drenthe');
    expect(inRegion('2026-06-01')).not.toContain('ashg-drenthe');
    // Groningen's organisations serve no Drenthe municipality.
    expect(inRegion('2026-06-01')).not.toContain('amk-groningen');
    // The Raad (national) reads Veilig Thuis Drenthe's reports after the merger, not before.
    expect(pair(buildAccessMatrix(policy, { at: '2026-06-01', region: 'drenthe' }), 'raad-voor-de-kinderbescherming', 'veilig-thuis-drenthe')?.categories).toContain('report-content');
    expect(buildAccessMatrix(policy, { at: '2014-06-01', region: 'drenthe' }).sharing.some((candidate) => candidate.ownerId === 'veilig-thuis-drenthe')).toBe(false);
  });

  test('an organisation never appears as sharing with itself, and every pair cites a grant of the matrix', () => {
    const matrix = buildAccessMatrix(policy, { at: '2027-03-01' });
    expect(matrix.sharing.length).toBeGreaterThan(0);
    for (const candidate of matrix.sharing) {
      expect(candidate.viewerId).not.toBe(candidate.ownerId);
      expect(candidate.grants.every((grant) => matrix.grants.includes(grant))).toBe(true);
    }
  });
});

describe('wholeCategories', () => {
  const categories = [
    { name: 'a', description: null, coordinates: ['T.x', 'T.y'] },
    { name: 'inside-a', description: null, coordinates: ['T.x'] },
    { name: 'b', description: null, coordinates: ['T.z', 'T.public'] },
    { name: 'same-as-a', description: null, coordinates: ['T.y', 'T.x'] },
    { name: 'only-public', description: null, coordinates: ['T.public'] },
  ];
  const governed = new Set(['T.x', 'T.y', 'T.z']);
  test.each([
    { released: ['T.x', 'T.y', 'T.z'], expected: ['a', 'b'] },
    { released: ['T.x', 'T.y'], expected: ['a'] },
    { released: ['T.x'], expected: ['inside-a'] },
    { released: ['T.x', 'T.z'], expected: ['inside-a', 'b'] },
    { released: [], expected: [] },
  ])('released $released: $expected', ({ released, expected }) => {
    expect(wholeCategories(categories, governed, new Set(released)).map((category) => category.name)).toEqual(expected);
  });
});
