/**
 * The organisations registry (covenants/organisations.yaml): every way it can be wrong stops start-up
 * with `file:line`, and controllers over time follow succession (issue 11, S8).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { WORLD_AGENCIES, WORLD_AGENCY_CODES, WORLD_ORGANISATIONS } from '#mock-world/index.ts';
import { agenciesOfRegistry, EMBEDDED_AGENCIES } from '#src/config/agencies.ts';
import { ConfigError } from '#src/config/config-error.ts';
import { loadConfig } from '#src/config/config.ts';
import { CovenantLoadError } from '#src/policy/errors.ts';
import { loadCovenants, parseCovenantFiles, type CovenantFile } from '#src/policy/load-covenants.ts';
import { loadOrganisationsSync } from '#src/policy/load-organisations.ts';
import { controllerOn, controllersAt, createOrganisationRegistry, existsOn } from '#src/policy/organisations.ts';
import { COVENANTS_DIR, lineOf, realCovenantFiles } from './fixtures.ts';

const real = await realCovenantFiles();
const loaded = await loadCovenants(COVENANTS_DIR);
const registry = createOrganisationRegistry(loaded.organisations);
const FILE = 'covenants/organisations.yaml';
const TEXT = real.files.find((file) => file.name === FILE)!.text;

function loadErrors(files: readonly CovenantFile[]): readonly string[] {
  try {
    parseCovenantFiles({ jsonSchema: real.jsonSchema, files });
  } catch (error) {
    if (error instanceof CovenantLoadError) return error.errors;
    throw error;
  }
  return [];
}

/** The registry with one text replaced, loaded with every other real file. */
function errorsWith(text: string, name = FILE): readonly string[] {
  return loadErrors([...real.files.filter((file) => file.name !== name), { name, text }]);
}

/** The line of the n-th occurrence (1-based) of `needle`. */
function nthLineOf(text: string, needle: string, n: number): number {
  let index = -1;
  for (let i = 0; i < n; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`"${needle}" occurs fewer than ${n} times`);
  return text.slice(0, index).split('\n').length;
}

function edited(from: string, to: string): string {
  expect(TEXT).toContain(from);
  return TEXT.replace(from, to);
}

describe('the registry', () => {
  test('holds the chain: three Veilig Thuis regions, their successions, the Raad as a national viewer', () => {
    const vtDrenthe = registry.get('veilig-thuis-drenthe')!;
    expect(vtDrenthe).toMatchObject({ kind: 'VEILIG_THUIS', validFrom: '2015-01-01', validTo: null, adapter: 'amk', homeRegion: 'drenthe' });
    for (const predecessor of ['ashg-drenthe', 'amk-drenthe']) expect(registry.get(predecessor)).toMatchObject({ validTo: '2014-12-31', successor: 'veilig-thuis-drenthe' });
    expect(registry.get('bjz-amsterdam')).toMatchObject({ kind: 'BJZ', successor: 'jeugdbescherming-regio-amsterdam' });
    expect(registry.get('jeugdbescherming-regio-amsterdam')?.kind).toBe('CERTIFIED_INSTITUTION');
    expect(registry.get('raad-voor-de-kinderbescherming')).toMatchObject({ kind: 'RAAD', adapter: null, homeRegion: 'nederland' });
    expect(registry.get('wijkteam-emmen')?.regions.get('regiovisie')).toBe('regiovisie-zuid-drenthe');
  });

  test('is the world the mocks serve: the same ids, and the partner codes the systems write', () => {
    const ids = new Set(loaded.organisations.map((organisation) => organisation.id));
    for (const id of [...Object.values(WORLD_AGENCIES), ...Object.values(WORLD_ORGANISATIONS)]) expect(ids.has(id)).toBe(true);
    const codes = Object.fromEntries(loaded.organisations.map((organisation) => [organisation.code, organisation.id]));
    for (const [code, id] of Object.entries(WORLD_AGENCY_CODES)) expect(codes[code]).toBe(id);
  });

  test('is the embedded default: every organisation, a system wherever the registry gives one', () => {
    expect(EMBEDDED_AGENCIES.map((agency) => agency.id)).toEqual(loaded.organisations.map((organisation) => organisation.id));
    const vt = EMBEDDED_AGENCIES.find((agency) => agency.id === 'veilig-thuis-amsterdam-amstelland')!;
    expect(vt.upstream?.adapter).toBe('amk');
    expect(vt.upstream?.agencyCodes['VT-AA']).toBe('veilig-thuis-amsterdam-amstelland');
    expect(EMBEDDED_AGENCIES.find((agency) => agency.id === 'raad-voor-de-kinderbescherming')!.upstream).toBeUndefined();
  });
});

describe('controllers over time (S8)', () => {
  test('the creator controls its records while it exists, its successor from the day after', () => {
    expect(controllerOn(registry, 'ashg-drenthe', '2014-12-31')).toBe('ashg-drenthe');
    expect(controllerOn(registry, 'ashg-drenthe', '2015-01-01')).toBe('veilig-thuis-drenthe');
    expect(controllerOn(registry, 'amk-amsterdam-amstelland', '2026-06-01')).toBe('veilig-thuis-amsterdam-amstelland');
    expect(controllerOn(registry, 'bjz-drenthe', '2026-06-01')).toBe('jeugdbescherming-noord');
    expect(controllerOn(registry, 'veilig-thuis-drenthe', '2026-06-01')).toBe('veilig-thuis-drenthe');
    // Groningen's first-wave fiction has no merger configured.
    expect(controllerOn(registry, 'ashg-groningen', '2026-06-01')).toBe('ashg-groningen');
    expect(controllerOn(registry, 'not-in-the-registry', '2026-06-01')).toBe('not-in-the-registry');
  });

  test('succession is followed as far as the day needs', () => {
    const chain = createOrganisationRegistry([
      { ...registry.get('ashg-drenthe')!, id: 'a', successor: 'b', validTo: '2009-12-31' },
      { ...registry.get('ashg-drenthe')!, id: 'b', successor: 'c', validFrom: '2010-01-01', validTo: '2014-12-31' },
      { ...registry.get('veilig-thuis-drenthe')!, id: 'c' },
    ]);
    expect(['2009-06-01', '2012-06-01', '2020-06-01'].map((day) => controllerOn(chain, 'a', day))).toEqual(['a', 'b', 'c']);
    expect(controllersAt(chain, new Date('2014-12-31T23:30:00Z'))('b')).toBe('c');
  });

  test('an organisation exists between its first and last day, both included', () => {
    const vt = registry.get('veilig-thuis-drenthe')!;
    expect([existsOn(vt, '2014-12-31'), existsOn(vt, '2015-01-01')]).toEqual([false, true]);
    const amk = registry.get('amk-drenthe')!;
    expect([existsOn(amk, '2014-12-31'), existsOn(amk, '2015-01-01')]).toEqual([true, false]);
  });
});

describe('bad configuration stops start-up, named at file and line', () => {
  test('an unknown region, and a region listed under the wrong kind', () => {
    const unknown = edited('regions: { veilig-thuis: drenthe }\n    system: { adapter: amk }', 'regions: { veilig-thuis: friesland }\n    system: { adapter: amk }');
    expect(errorsWith(unknown)).toEqual([`${FILE}:${lineOf(unknown, 'veilig-thuis: friesland')}: veilig-thuis-drenthe serves unknown region "friesland" (covenants/regions.yaml)`]);
    const wrongKind = edited('regions: { police-unit: eenheid-amsterdam }', 'regions: { veilig-thuis: eenheid-amsterdam }');
    expect(errorsWith(wrongKind)).toEqual([
      `${FILE}:${lineOf(wrongKind, 'veilig-thuis: eenheid-amsterdam')}: politie-amsterdam lists "eenheid-amsterdam" as its veilig-thuis region, but it is a police-unit region`,
    ]);
  });

  test('a successor cycle', () => {
    const text = edited('    validFrom: 2015-01-01\n\n  - id: bjz-drenthe', '    validFrom: 2015-01-01\n    validTo: 2030-12-31\n    successor: ashg-drenthe\n\n  - id: bjz-drenthe');
    expect(errorsWith(text)).toEqual(expect.arrayContaining([
      `${FILE}:${lineOf(text, 'successor: veilig-thuis-drenthe')}: succession cycle ashg-drenthe -> veilig-thuis-drenthe -> ashg-drenthe`,
    ]));
  });

  test('an organisation whose validity overlaps its successor\'s, and a successor without an end', () => {
    const overlap = edited('    validFrom: 2015-01-01\n\n  - id: bjz-drenthe', '    validFrom: 2014-06-01\n\n  - id: bjz-drenthe');
    const at = lineOf(overlap, 'successor: veilig-thuis-drenthe');
    expect(errorsWith(overlap)).toEqual([
      `${FILE}:${at}: veilig-thuis-drenthe exists from 2014-06-01, before ashg-drenthe ends (2014-12-31): their validities overlap`,
      `${FILE}:${nthLineOf(overlap, 'successor: veilig-thuis-drenthe', 2)}: veilig-thuis-drenthe exists from 2014-06-01, before amk-drenthe ends (2014-12-31): their validities overlap`,
    ]);
    const open = edited('    system: { adapter: ashg }\n    validTo: 2014-12-31\n', '    system: { adapter: ashg }\n');
    expect(errorsWith(open)).toEqual([`${FILE}:${lineOf(open, 'successor: veilig-thuis-drenthe')}: ashg-drenthe has a successor but no validTo: say on which day it ends`]);
  });

  test('an unknown successor, a duplicate id or code, a day that is no day, a misspelt key', () => {
    const successor = edited('successor: jeugdbescherming-noord', 'successor: jeugdbescherming-zuid');
    expect(errorsWith(successor)).toEqual([`${FILE}:${lineOf(successor, 'successor: jeugdbescherming-zuid')}: bjz-drenthe is succeeded by unknown organisation "jeugdbescherming-zuid"`]);
    const twice = edited('  - id: wijkteam-emmen', '  - id: wijkteam-assen');
    expect(errorsWith(twice)).toEqual([`${FILE}:${nthLineOf(twice, '- id: wijkteam-assen', 2)}: organisation "wijkteam-assen" is defined twice`]);
    const code = edited('code: WT-EMM', 'code: WT-ASN');
    expect(errorsWith(code)).toEqual([`${FILE}:${nthLineOf(code, 'code: WT-ASN', 2)}: code WT-ASN is used by wijkteam-assen too`]);
    const day = edited('validTo: 2014-12-31\n    successor: jeugdbescherming-noord', 'validTo: 2014-02-30\n    successor: jeugdbescherming-noord');
    expect(errorsWith(day)).toEqual(expect.arrayContaining([`${FILE}:${lineOf(day, 'validTo: 2014-02-30')}: validTo 2014-02-30 is not a calendar day`]));
    const misspelt = edited('    code: RAAD\n', '    code: RAAD\n    sucessor: nobody\n');
    expect(errorsWith(misspelt)).toEqual([`${FILE}:${lineOf(misspelt, 'sucessor: nobody')}: /organisations/19: unknown property "sucessor"`]);
  });

  test('a covenant party the registry does not know, or of another kind', () => {
    const name = 'covenants/politie-terugkoppeling.v1.yaml';
    const text = real.files.find((file) => file.name === name)!.text;
    const unknown = text.replace('agencyId: politie-noord-nederland', 'agencyId: politie-oost-nederland');
    expect(errorsWith(unknown, name)).toEqual([`${name}:${lineOf(unknown, 'agencyId: politie-oost-nederland')}: unknown organisation "politie-oost-nederland" (covenants/organisations.yaml)`]);
    const otherKind = text.replace('  - agencyKind: AMK\n    agencyId: amk-groningen', '  - agencyKind: AMK\n    agencyId: veilig-thuis-drenthe');
    expect(errorsWith(otherKind, name)).toEqual([`${name}:${lineOf(otherKind, '- agencyKind: AMK')}: veilig-thuis-drenthe is of kind VEILIG_THUIS, not AMK (covenants/organisations.yaml)`]);
  });

  test('an adapter kind that does not exist (the gateway reads the registry before anything starts)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-registry-'));
    cpSync(COVENANTS_DIR, dir, { recursive: true });
    const file = join(dir, 'organisations.yaml');
    const text = readFileSync(file, 'utf8').replace('code: GI-NRD\n    regions: { veilig-thuis: drenthe }\n    system: { adapter: bjz }', 'code: GI-NRD\n    regions: { veilig-thuis: drenthe }\n    system: { adapter: jeugdnet }');
    writeFileSync(file, text);
    expect(() => agenciesOfRegistry(loadOrganisationsSync(dir))).toThrow(ConfigError);
    try {
      loadConfig({ KETENPOORT_COVENANTS_DIR: dir });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        `${file}:${lineOf(text, '- id: jeugdbescherming-noord')}: jeugdbescherming-noord's system speaks adapter kind "jeugdnet", which does not exist (known: ashg, amk, politie, bjz)`,
      ]);
      return;
    }
    expect.unreachable('loadConfig accepted an adapter kind that does not exist');
  });
});
