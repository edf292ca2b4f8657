/** Loading covenants/: the real files, and every way a file can be wrong, reported as file:line. */
import { describe, expect, test } from 'vitest';
import { DRENTHE_MUNICIPALITIES, GRONINGEN_MUNICIPALITIES } from '#mock-world/index.ts';
import { CovenantLoadError } from '#src/policy/errors.ts';
import { loadCovenants, parseCovenantFiles, type CovenantFile } from '#src/policy/load-covenants.ts';
import { COVENANTS_DIR, lineOf, realCovenantFiles } from './fixtures.ts';

const real = await realCovenantFiles();
const loaded = await loadCovenants(COVENANTS_DIR);
const V2 = 'covenants/groningen-ashg-amk.v2.yaml';

/** The real files with one replaced (or added), parsed; returns the load errors. */
function errorsWith(name: string, text: string): readonly string[] {
  return loadErrors([...real.files.filter((file) => file.name !== name), { name, text }]);
}

function loadErrors(files: readonly CovenantFile[]): readonly string[] {
  try {
    parseCovenantFiles({ jsonSchema: real.jsonSchema, files });
  } catch (error) {
    if (error instanceof CovenantLoadError) return error.errors;
    throw error;
  }
  return [];
}

function v2(): string {
  return real.files.find((file) => file.name === V2)!.text;
}

describe('the real covenants', () => {
  test('load: sixteen versions of thirteen covenants, linked by supersession', () => {
    expect(loaded.covenants.map((covenant) => covenant.key)).toEqual([
      'casusoverleg-groningen@1', 'casusoverleg-groningen@2', 'casusoverleg-veilig-thuis-amsterdam-amstelland@1', 'casusoverleg-veilig-thuis-drenthe@1',
      'groningen-ashg-amk@1', 'groningen-ashg-amk@2', 'groningen-ashg-amk@3', 'kindroute-amsterdam-amstelland@1',
      'politie-terugkoppeling@1', 'politie-terugkoppeling-veilig-thuis@1', 'raad-verzoek-tot-onderzoek@1',
      'regiovisie-zuid-drenthe@1', 'vroegsignalering-0-18@1', 'wijkteam-betrokkenheid@1', 'wijkteam-betrokkenheid-amsterdam@1',
      'wijkteam-betrokkenheid-assen@1',
    ]);
    const byKey = new Map(loaded.covenants.map((covenant) => [covenant.key, covenant]));
    expect(byKey.get('groningen-ashg-amk@1')).toMatchObject({ supersededBy: 'groningen-ashg-amk@2', supersededFrom: '2026-01-01', tacitRenewal: false });
    expect(byKey.get('groningen-ashg-amk@2')).toMatchObject({ supersedes: 'groningen-ashg-amk@1', supersededBy: 'groningen-ashg-amk@3', supersededFrom: '2027-03-01', tacitRenewal: true, renewalPeriodMonths: 12 });
    expect(byKey.get('groningen-ashg-amk@3')).toMatchObject({ supersededBy: null, supersededFrom: null });
    expect(byKey.get('casusoverleg-groningen@1')).toMatchObject({ supersededBy: 'casusoverleg-groningen@2', supersededFrom: '2026-11-16' });
  });

  test('regions match the world, and nederland holds all of them', () => {
    const regions = new Map(loaded.regions.map((region) => [region.id, region.municipalities]));
    expect(regions.get('groningen')).toEqual([...GRONINGEN_MUNICIPALITIES]);
    expect(regions.get('drenthe')).toEqual([...DRENTHE_MUNICIPALITIES]);
    expect(regions.get('gemeente-groningen')).toEqual(['Groningen']);
    const north = new Set(regions.get('noord-nederland'));
    for (const municipality of [...GRONINGEN_MUNICIPALITIES, ...DRENTHE_MUNICIPALITIES, 'Leeuwarden']) expect(north.has(municipality)).toBe(true);
    const amsterdamUnit = new Set(regions.get('eenheid-amsterdam'));
    for (const municipality of [...regions.get('amsterdam-amstelland')!, 'Zaanstad']) expect(amsterdamUnit.has(municipality)).toBe(true);
    expect(new Set(regions.get('nederland'))).toEqual(new Set([...north, ...amsterdamUnit]));
  });

  test('regions come in kinds that need not coincide: one Veilig Thuis region, two policy regions (S6)', () => {
    const byId = new Map(loaded.regions.map((region) => [region.id, region]));
    expect(byId.get('drenthe')?.kind).toBe('veilig-thuis');
    expect(byId.get('noord-nederland')?.kind).toBe('police-unit');
    const north = byId.get('regiovisie-noord-midden-drenthe')!;
    const south = byId.get('regiovisie-zuid-drenthe')!;
    expect([north.kind, south.kind]).toEqual(['regiovisie', 'regiovisie']);
    expect(byId.get('drenthe')!.municipalities).toEqual(expect.arrayContaining(['Assen', 'Emmen']));
    expect(north.municipalities).toContain('Assen');
    expect(north.municipalities).not.toContain('Emmen');
    expect(south.municipalities).toContain('Emmen');
    expect(new Set([...north.municipalities, ...south.municipalities])).toEqual(new Set(byId.get('drenthe')!.municipalities));
  });

  test('grants expand categories and keep where each coordinate was written', () => {
    const grant = loaded.covenants.find((covenant) => covenant.key === 'groningen-ashg-amk@3')!.grants[0]!;
    expect(grant.coordinates).toContain('Report.narrative');
    expect(grant.coordinates).toContain('Child.school');
    expect(grant.coordinates).not.toContain('Report.reporter');
    const school = grant.coordinateSources[grant.coordinates.indexOf('Child.school')]!;
    const text = real.files.find((file) => file.name.endsWith('groningen-ashg-amk.v3.yaml'))!.text;
    expect(school.line).toBe(lineOf(text, 'coordinates: [category:report-content, category:child-identity, Child.school]'));
    const narrative = grant.coordinateSources[grant.coordinates.indexOf('Report.narrative')]!;
    expect(narrative.file).toMatch(/data-categories\.yaml$/);
  });

  test('conditions are parsed into the closed set', () => {
    const grant = loaded.covenants.find((covenant) => covenant.key === 'groningen-ashg-amk@2')!.grants[0]!;
    expect(grant.conditions).toEqual([
      { kind: 'householdHasMinors', value: true },
      { kind: 'referral', from: 'owner', to: 'viewer', kinds: null, statuses: ['ACCEPTED', 'RUNNING', 'COMPLETED'] },
      { kind: 'inCovenantRegion' },
      { kind: 'inViewerRegion' },
    ]);
  });
});

describe('load errors name file and line', () => {
  test('the JSON Schema forbids an unknown condition kind', () => {
    const text = v2().replace('      - inViewerRegion: true\n  # Art. 4.2', '      - inViewerRegion: true\n      - reporterConsented: true\n  # Art. 4.2');
    const errors = errorsWith(V2, text);
    // Once where it is written, and where the two other grants reuse the list by alias.
    expect(errors).toEqual([
      `${V2}:${lineOf(text, 'reporterConsented')}: /grants/0/conditions/4: unknown condition kind "reporterConsented"`,
      `${V2}:${lineOf(text, 'conditions: *handed-over-to-this-amk')}: /grants/1/conditions/4: unknown condition kind "reporterConsented"`,
      expect.stringMatching(/: \/grants\/2\/conditions\/4: unknown condition kind "reporterConsented"$/),
    ]);
  });

  test('the JSON Schema forbids an unknown condition kind nested in anyOf', () => {
    const text = v2().replace('      - viewerInvolved: true\n', '      - anyOf:\n          - viewerInvolved: true\n          - evalCode: "true"\n');
    const errors = errorsWith(V2, text);
    expect(errors.some((error) => error.startsWith(`${V2}:${lineOf(text, 'evalCode')}:`) && error.includes('unknown condition kind "evalCode"'))).toBe(true);
  });

  test('two condition kinds in one list item are rejected', () => {
    const text = v2().replace('      - viewerInvolved: true\n', '      - { viewerInvolved: true, inViewerRegion: true }\n');
    const errors = errorsWith(V2, text);
    expect(errors.some((error) => error.startsWith(`${V2}:${lineOf(text, '{ viewerInvolved: true, inViewerRegion')}:`) && error.includes('must NOT have more than 1 properties'))).toBe(true);
  });

  test('a missing required field and a wrongly typed one', () => {
    const text = v2().replace('title: Samenwerkingsprotocol ASHG en AMK Groningen\n', '').replace('version: 2', 'version: two');
    const errors = errorsWith(V2, text);
    expect(errors).toContain(`${V2}:${lineOf(text, 'id: groningen-ashg-amk')}: (top level): must have required property 'title'`);
    expect(errors).toContain(`${V2}:${lineOf(text, 'version: two')}: /version: must be integer`);
  });

  test('a nullable field of the wrong type reports the mismatch, not "must be null"', () => {
    const text = v2().replace('tacitRenewal: { periodMonths: 12 }', 'tacitRenewal: yes');
    expect(errorsWith(V2, text)).toEqual([`${V2}:${lineOf(text, 'tacitRenewal: yes')}: /tacitRenewal: must be object`]);
  });

  test('an unknown property', () => {
    const text = v2().replace('    article: art. 5.1\n', '    article: art. 5.1\n    override: true\n');
    expect(errorsWith(V2, text)).toContain(`${V2}:${lineOf(text, 'override: true')}: /grants/3: unknown property "override"`);
  });

  test('an impossible date, and a validTo before validFrom', () => {
    const text = v2().replace('validTo: 2026-12-31', 'validTo: 2025-02-30');
    const errors = errorsWith(V2, text);
    expect(errors).toContain(`${V2}:${lineOf(text, 'validTo: 2025')}: validTo 2025-02-30 is not a calendar day`);
    expect(errors).toContain(`${V2}:${lineOf(text, 'validTo: 2025')}: validTo 2025-02-30 lies before validFrom 2026-01-01`);
  });

  test('unknown purpose, region, data category; a grant purpose or kind the covenant lacks', () => {
    const text = v2()
      .replace('purposes: [child-abuse-assessment, case-conference]', 'purposes: [child-abuse-assessment, case-conference, fishing]')
      .replace('regions: [groningen]', 'regions: [groningen, limburg]')
      .replace('[category:case-outcome, category:involvement', '[category:case-outcomes, category:involvement')
      .replace('    viewerKinds: [ASHG]\n    ownerKinds: [AMK]\n    purposes: [case-conference]', '    viewerKinds: [ASHG, POLITIE]\n    ownerKinds: [AMK]\n    purposes: [case-conference, privacy-audit]');
    const errors = errorsWith(V2, text);
    expect(errors).toEqual(expect.arrayContaining([
      `${V2}:${lineOf(text, 'purposes: [child-abuse-assessment, case-conference, fishing]')}: unknown purpose "fishing" (covenants/purposes.yaml)`,
      `${V2}:${lineOf(text, 'regions: [groningen, limburg]')}: unknown region "limburg" (covenants/regions.yaml)`,
      `${V2}:${lineOf(text, 'category:case-outcomes')}: unknown data category "case-outcomes" (covenants/data-categories.yaml)`,
      `${V2}:${lineOf(text, 'viewerKinds: [ASHG, POLITIE]')}: grant ashg-learns-amk-outcome names POLITIE, which is not a party to groningen-ashg-amk@2`,
      `${V2}:${lineOf(text, 'purposes: [case-conference, privacy-audit]')}: grant ashg-learns-amk-outcome names purpose "privacy-audit", which groningen-ashg-amk@2 does not list`,
    ]));
  });

  test('a version superseding one that is not loaded, and a file named after another version', () => {
    const text = v2().replace('supersedes: groningen-ashg-amk@1', 'supersedes: groningen-ashg-amk@7');
    expect(errorsWith(V2, text)).toEqual([`${V2}:${lineOf(text, 'supersedes:')}: groningen-ashg-amk@2 supersedes groningen-ashg-amk@7, which is not loaded`]);
    const copy = 'covenants/groningen-ashg-amk.v9.yaml';
    expect(errorsWith(copy, v2())).toEqual(expect.arrayContaining([
      `${copy}:${lineOf(v2(), 'id: groningen')}: file should be named groningen-ashg-amk.v2.yaml`,
      `${copy}:${lineOf(v2(), 'version: 2')}: groningen-ashg-amk@2 is defined twice`,
    ]));
  });

  test('a version superseded twice', () => {
    const rival = v2().replace('version: 2', 'version: 4').replace('validFrom: 2026-01-01', 'validFrom: 2026-06-01');
    const name = 'covenants/groningen-ashg-amk.v4.yaml';
    expect(errorsWith(name, rival)).toContain(`${name}:${lineOf(rival, 'supersedes:')}: groningen-ashg-amk@1 is superseded twice (by groningen-ashg-amk@2 and groningen-ashg-amk@4)`);
  });

  test('a YAML syntax error and a duplicate key', () => {
    const broken = v2().replace('title: Samenwerkingsprotocol', 'title: [Samenwerkingsprotocol');
    expect(errorsWith(V2, broken).length).toBeGreaterThan(0);
    expect(errorsWith(V2, broken).every((error) => error.startsWith(`${V2}:`))).toBe(true);
    const duplicate = v2().replace('validFrom: 2026-01-01\n', 'validFrom: 2026-01-01\nvalidFrom: 2026-02-01\n');
    expect(errorsWith(V2, duplicate)).toEqual([expect.stringMatching(new RegExp(`^${V2}:${lineOf(duplicate, 'validFrom: 2026-02-01')}: Map keys must be unique`))]);
  });

  test('a region including an unknown region, and a cycle', () => {
    const name = 'covenants/regions.yaml';
    const text = real.files.find((file) => file.name === name)!.text
      .replace('includes: [groningen, drenthe]', 'includes: [groningen, drenthe, friesland]')
      .replace('    includes: [amsterdam-amstelland]\n    municipalities: [Zaanstad', '    includes: [amsterdam-amstelland, nederland]\n    municipalities: [Zaanstad');
    const errors = errorsWith(name, text);
    expect(errors).toEqual(expect.arrayContaining([
      `${name}:${lineOf(text, 'includes: [groningen, drenthe, friesland]')}: region "noord-nederland" includes unknown region "friesland"`,
      expect.stringMatching(/which includes it back$/),
    ]));
  });

  test('a missing shared file is reported alone, without every covenant echoing it', () => {
    expect(loadErrors(real.files.filter((file) => !file.name.endsWith('purposes.yaml')))).toEqual(['purposes.yaml:1: missing; covenants need it']);
  });
});
