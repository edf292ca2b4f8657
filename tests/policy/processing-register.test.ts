/** The register of processing activities: the real file, and every way it can be wrong, reported as file:line. */
import { cpSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EMBEDDED_AGENCIES } from '#src/config/agencies.ts';
import { ProcessingRegisterError } from '#src/policy/errors.ts';
import { loadCovenants } from '#src/policy/load-covenants.ts';
import { loadProcessingRegister, parseProcessingRegister, PROCESSING_REGISTER_SCHEMA_FILE } from '#src/policy/load-processing-register.ts';
import { PROCESSING_REGISTER_FILE } from '#src/policy/processing-register.ts';
import { COVENANTS_DIR, lineOf } from './fixtures.ts';

const FILE = `covenants/${PROCESSING_REGISTER_FILE}`;
const TEXT = await readFile(join(COVENANTS_DIR, PROCESSING_REGISTER_FILE), 'utf8');
const jsonSchema = JSON.parse(await readFile(join(COVENANTS_DIR, PROCESSING_REGISTER_SCHEMA_FILE), 'utf8')) as object;
const loaded = await loadCovenants(COVENANTS_DIR);
const context = { organisations: EMBEDDED_AGENCIES, purposes: loaded.purposes, covenants: loaded.covenants };

function errorsOf(text: string): readonly string[] {
  try {
    parseProcessingRegister({ jsonSchema, file: { name: FILE, text }, ...context });
  } catch (error) {
    if (error instanceof ProcessingRegisterError) return error.errors;
    throw error;
  }
  return [];
}

/** The text with one line replaced; fails the test if the line is not there once. */
function edited(find: string, replace: string, text = TEXT): string {
  expect(text.split(find)).toHaveLength(2);
  return text.replace(find, replace);
}

/** The text without the activity whose `id:` line is given (up to the next activity or organisation). */
function without(idLine: string, text = TEXT): string {
  const start = text.indexOf(`      - id: ${idLine}\n`);
  expect(start).toBeGreaterThan(0);
  const rest = text.slice(start + 1);
  const next = rest.search(/\n( {6}- id: | {2}- agencyId: )/);
  return text.slice(0, start) + (next < 0 ? '' : rest.slice(next + 1));
}

describe('the real register', () => {
  const register = parseProcessingRegister({ jsonSchema, file: { name: FILE, text: TEXT }, ...context });

  test('every organisation of the registry has activities, each named after it, as id@version', () => {
    expect(new Set(register.activities.map((activity) => activity.organisation))).toEqual(new Set(EMBEDDED_AGENCIES.map((agency) => agency.id)));
    for (const activity of register.activities) {
      expect(activity.id.startsWith(`${activity.organisation}/`)).toBe(true);
      expect(activity.key).toBe(`${activity.id}@${activity.version}`);
      expect(activity.legalBasis.length).toBeGreaterThan(0);
    }
  });

  test.each([
    ['amk-groningen', 'child-abuse-assessment', 'amk-groningen/onderzoek-kindermishandeling@1'],
    ['amk-groningen', 'own-records', 'amk-groningen/onderzoek-kindermishandeling@1'],
    ['amk-groningen', 'case-conference', 'amk-groningen/casusoverleg@1'],
    ['ashg-groningen', 'case-conference', 'ashg-groningen/casusoverleg@2'],
    ['politie-noord-nederland', 'zorgmelding-feedback', 'politie-noord-nederland/zorgmeldingen@1'],
    ['bjz-groningen', 'early-intervention', 'bjz-groningen/toegang-jeugdzorg@1'],
    ['wijkteam-groningen', 'neighbourhood-support', 'wijkteam-groningen/ondersteuning-in-de-wijk@1'],
    ['amk-drenthe', 'privacy-audit', 'amk-drenthe/verantwoording-verstrekkingen@1'],
    // The chain as it is today: each purpose its covenants grant it, to an activity of its own.
    ['veilig-thuis-drenthe', 'case-conference', 'veilig-thuis-drenthe/casusoverleg@1'],
    ['veilig-thuis-amsterdam-amstelland', 'own-records', 'veilig-thuis-amsterdam-amstelland/advies-meldingen-en-onderzoek@1'],
    ['politie-noord-nederland', 'case-conference', 'politie-noord-nederland/casusoverleg@1'],
    ['politie-amsterdam', 'zorgmelding-feedback', 'politie-amsterdam/zorgmeldingen@1'],
    ['jeugdbescherming-regio-amsterdam', 'child-protection', 'jeugdbescherming-regio-amsterdam/kinderbescherming@1'],
    ['jeugdbescherming-noord', 'case-conference', 'jeugdbescherming-noord/casusoverleg@1'],
    ['wijkteam-amsterdam', 'voluntary-help', 'wijkteam-amsterdam/vrijwillige-hulp-na-verwijzing@1'],
    ['wijkteam-emmen', 'neighbourhood-support', 'wijkteam-emmen/ondersteuning-in-de-wijk@1'],
    ['raad-voor-de-kinderbescherming', 'child-protection-investigation', 'raad-voor-de-kinderbescherming/onderzoek-op-verzoek@1'],
    ['bjz-amsterdam', 'early-intervention', 'bjz-amsterdam/toegang-jeugdzorg@1'],
  ])('%s under %s belongs to %s', (organisation, purpose, key) => {
    expect(register.activityFor(organisation, purpose)?.key).toBe(key);
  });

  test('a purpose no covenant grants the organisation may go unmapped', () => {
    expect(register.activityFor('wijkteam-groningen', 'child-abuse-assessment')).toBeNull();
    expect(register.activityFor('no-such-agency', 'own-records')).toBeNull();
  });

  test('each activity knows where it was written', () => {
    const activity = register.activityFor('bjz-groningen', 'early-intervention')!;
    expect(activity.source).toEqual({ file: FILE, line: lineOf(TEXT, '- id: bjz-groningen/toegang-jeugdzorg') });
  });

  test('loads from the folder, and the covenants loader passes it over', async () => {
    const fromDisk = await loadProcessingRegister(COVENANTS_DIR, context);
    expect(fromDisk.activities.map((activity) => activity.key)).toEqual(register.activities.map((activity) => activity.key));
    expect(loaded.covenants.some((covenant) => covenant.source.file.endsWith(PROCESSING_REGISTER_FILE))).toBe(false);
  });
});

describe('a register that is wrong fails with file:line', () => {
  test('an organisation the registry does not know', () => {
    const text = edited('  - agencyId: amk-drenthe\n', '  - agencyId: amk-friesland\n');
    expect(errorsOf(text)).toEqual([
      `${FILE}:${lineOf(text, 'agencyId: amk-friesland')}: unknown organisation "amk-friesland" (not in covenants/organisations.yaml: ${EMBEDDED_AGENCIES.map((agency) => agency.id).join(', ')})`,
      // Where the list of organisations starts.
      `${FILE}:${lineOf(text, '- agencyId: ashg-groningen')}: the organisation amk-drenthe has no processing activities in the register`,
    ]);
  });

  test('an organisation listed twice', () => {
    const text = `${TEXT}  - agencyId: bjz-groningen\n    activities:\n      - id: bjz-groningen/iets-anders\n        version: 1\n        name: x\n        controller: x\n        legalBasis: [{ article: x, text: x }]\n        purposes: [own-records]\n`;
    expect(errorsOf(text)).toEqual([
      `${FILE}:${text.split('\n').length - 8}: organisation "bjz-groningen" is listed twice (first at line ${lineOf(TEXT, 'agencyId: bjz-groningen')})`,
    ]);
  });

  test('an unknown purpose', () => {
    const text = edited('purposes: [early-intervention, own-records]', 'purposes: [early-intervention, own-records, fishing]');
    expect(errorsOf(text)).toEqual([`${FILE}:${lineOf(text, 'fishing')}: unknown purpose "fishing" (covenants/purposes.yaml)`]);
  });

  test('a purpose mapped twice for one organisation', () => {
    const text = edited('        purposes: [case-conference]\n      - id: amk-groningen/verantwoording-verstrekkingen',
      '        purposes: [case-conference, child-abuse-assessment]\n      - id: amk-groningen/verantwoording-verstrekkingen');
    expect(errorsOf(text)).toEqual([
      `${FILE}:${lineOf(text, 'purposes: [case-conference, child-abuse-assessment]')}: purpose "child-abuse-assessment" of amk-groningen is mapped twice: `
      + `to amk-groningen/onderzoek-kindermishandeling (line ${lineOf(text, 'purposes: [child-abuse-assessment, own-records]')}) and to amk-groningen/casusoverleg`,
    ]);
  });

  test('the same purpose for two organisations is no conflict', () => {
    expect(errorsOf(TEXT)).toEqual([]);
    expect(TEXT.match(/purposes: \[privacy-audit\]/g)?.length).toBe(EMBEDDED_AGENCIES.length);
  });

  test('a purpose a covenant grants the organisation\'s kind, left unmapped', () => {
    const text = without('ashg-groningen/casusoverleg');
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${FILE}:${lineOf(text, 'agencyId: ashg-groningen')}: ashg-groningen maps no processing activity to purpose "case-conference", `
      + 'which casusoverleg-groningen@1 art\\. [0-9.]+ \\([a-z-]+\\) grants ASHG$'));
  });

  test('own-records and privacy-audit left unmapped', () => {
    const text = edited('purposes: [neighbourhood-support, own-records]', 'purposes: [neighbourhood-support]', without('wijkteam-groningen/verantwoording-verstrekkingen'));
    const where = `${FILE}:${lineOf(text, 'agencyId: wijkteam-groningen')}`;
    expect(errorsOf(text)).toEqual([
      `${where}: wijkteam-groningen maps no processing activity to purpose "own-records", which every organisation's callers may declare`,
      `${where}: wijkteam-groningen maps no processing activity to purpose "privacy-audit", which every organisation's callers may declare`,
    ]);
  });

  test('an activity named after another organisation, and one defined twice', () => {
    const text = edited('      - id: bjz-groningen/verantwoording-verstrekkingen', '      - id: amk-groningen/verantwoording-verstrekkingen');
    const line = text.indexOf('      - id: amk-groningen/verantwoording-verstrekkingen', text.indexOf('agencyId: bjz-groningen'));
    const at = `${FILE}:${text.slice(0, line).split('\n').length}`;
    expect(errorsOf(text)).toEqual([
      `${at}: activity "amk-groningen/verantwoording-verstrekkingen" of bjz-groningen must be named "bjz-groningen/<activity>"`,
      `${at}: activity "amk-groningen/verantwoording-verstrekkingen" is defined twice (first at ${FILE}:${lineOf(text, '- id: amk-groningen/verantwoording-verstrekkingen')})`,
    ]);
  });

  test('the JSON Schema: a missing controller, an unknown key, a version that is no number', () => {
    const text = edited('        controller: Bureau Jeugdzorg Groningen (assumption)\n        legalBasis:\n          - article: Wet op de jeugdzorg',
      '        legalBasis:\n          - article: Wet op de jeugdzorg')
      .replace('      - id: amk-drenthe/onderzoek-kindermishandeling\n        version: 1', '      - id: amk-drenthe/onderzoek-kindermishandeling\n        version: one\n        retention: 5 years');
    const bjz = lineOf(text, '- id: bjz-groningen/toegang-jeugdzorg');
    expect(errorsOf(text)).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^${FILE}:${bjz}: /organisations/3/activities/0: must have required property 'controller'$`)),
      `${FILE}:${lineOf(text, 'retention: 5 years')}: /organisations/5/activities/0: unknown property "retention"`,
      `${FILE}:${lineOf(text, 'version: one')}: /organisations/5/activities/0/version: must be integer`,
    ]));
  });

  test('a YAML syntax error', () => {
    const text = edited('  - agencyId: amk-groningen\n', '  - agencyId: [amk-groningen\n');
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.startsWith(`${FILE}:`))).toBe(true);
  });

  test('a folder without the register fails start-up naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-register-'));
    try {
      cpSync(COVENANTS_DIR, dir, { recursive: true });
      unlinkSync(join(dir, PROCESSING_REGISTER_FILE));
      await expect(loadProcessingRegister(dir, context)).rejects.toThrow(`${join(dir, PROCESSING_REGISTER_FILE)}:1: missing`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
