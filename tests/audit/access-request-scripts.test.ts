/**
 * audit:access-request and audit:check-proof as an officer and an outsider run them: real processes on
 * a real SQLite trail. The report holds the organisation's scope and the period only, names the person
 * by pseudonym (never the BSN, on screen or in a file), enters itself in the trail, and every proof in
 * it checks against an anchor recorded before, unless the report or the trail was changed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessReport } from '#src/audit/access-report.ts';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import { createPseudonymizer } from '#src/audit/pseudonymize.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import { entry, MINUTE_MS, T0 } from './entry-builder.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'a-test-pseudonym-secret-of-forty-characters';
const BSN = '111222333';
const OTHER_BSN = '123456782';
const pseudonymize = createPseudonymizer(SECRET);
const P = pseudonymize(BSN);
const Q = pseudonymize(OTHER_BSN);
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE_MS);
const viewer = (agencyId: string) => ({ agencyId, userId: 'user-17', role: 'caseworker', responsibleUserId: null, accessPoint: 'amk-portal' });
const FROM = at(1).toISOString();
const TO = at(8).toISOString();

function run(script: string, args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of ['DATABASE_URL', 'KETENPOORT_AUDIT_SCHEMA', 'KETENPOORT_DATA_DIR', 'KETENPOORT_PSEUDONYM_SECRET', 'KETENPOORT_CONFIG']) delete base[name];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env: { ...base, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

let dir: string;
let env: Record<string, string>;
let recorded: string;
const file = (name: string) => join(dir, name);

/** One request of three entries: the household (the person named besides), the person's own record, another child's. */
function householdRequest(): AuditEntryInput[] {
  const shared = entry(3, { viewer: viewer('amk-groningen'), owner: 'amk-groningen' });
  return [
    { ...shared, entityType: 'Household', subject: Q, subjectType: 'household', relatedSubjects: [P] },
    { ...shared, entityType: 'Child', entityId: `pe_${'4'.padStart(22, '0')}`, subject: P, subjectType: 'person' },
    { ...shared, entityType: 'Child', entityId: `pe_${'5'.padStart(22, '0')}`, subject: Q, subjectType: 'person' },
  ];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ketenpoort-access-request-'));
  env = { KETENPOORT_DATA_DIR: dir, KETENPOORT_PSEUDONYM_SECRET: SECRET };
  const store = createSqliteAuditStore({ path: join(dir, 'audit.sqlite') });
  await store.append([
    entry(1, { viewer: viewer('amk-groningen'), owner: 'ashg-groningen', subject: P, subjectType: 'person' }),
    entry(2, { viewer: viewer('ashg-groningen'), owner: 'ashg-groningen', subject: P, subjectType: 'person' }),
    ...householdRequest(),
    entry(6, { viewer: viewer('wijkteam-groningen'), owner: 'amk-groningen', entityType: 'Household', subject: Q, subjectType: 'household', relatedSubjects: [P] }),
    entry(7, { viewer: viewer('amk-groningen'), owner: 'amk-groningen', subject: Q, subjectType: 'person' }),
    // At the period's end: outside it.
    entry(8, { viewer: viewer('amk-groningen'), owner: 'amk-groningen', subject: P, subjectType: 'person' }),
  ]);
  // The anchor an officer recorded elsewhere (request 6: the head now); then the trail goes on.
  recorded = `6:${await store.requestHash(6)}`;
  await store.append([entry(9, { time: at(7), viewer: viewer('amk-groningen'), owner: 'amk-groningen', subject: P, subjectType: 'person' })]);
  await store.close();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit:access-request', () => {
  let report: AccessReport;
  let made: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    made = await run('audit-access-request.ts', ['--bsn', '-', '--from', FROM, '--to', TO, '--organisation', 'amk-groningen', '--json', file('report.json'), '--html', file('report.html'), '--user', 'officer-3'], env, `${BSN}\n`);
    report = JSON.parse(readFileSync(file('report.json'), 'utf8')) as AccessReport;
  }, 60_000);

  it('reports the organisation\'s entries about the person in the period, as subject and as a household member', () => {
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(report.subject).toBe(P);
    expect(report.entries.map((item) => [item.seq, item.relation, item.viewer.agencyId, item.owner])).toEqual([
      [1, 'subject', 'amk-groningen', 'ashg-groningen'],
      [3, 'related-subject', 'amk-groningen', 'amk-groningen'],
      [4, 'subject', 'amk-groningen', 'amk-groningen'],
      [6, 'related-subject', 'wijkteam-groningen', 'amk-groningen'],
      [9, 'subject', 'amk-groningen', 'amk-groningen'],
    ]);
    expect(report.counts).toMatchObject({ entries: 5, organisations: 2, organisationsThatSaw: 2, complete: true });
    expect(report.entries[0]!.decisions[0]).toMatchObject({ agreementKey: 'groningen-ashg-amk@2', article: 'art. 4.2', ruleId: 'amk-reads-ashg-reports' });
    expect(report.anchor?.seq).toBe(7);
    expect(made.stdout).toContain('5 entries by 2 organisation(s)');
    expect(made.stdout).toContain('proofs: 5 of 5 hold');
  });

  it('never prints or writes the BSN, and prints a printable page', () => {
    for (const text of [made.stdout, made.stderr, readFileSync(file('report.json'), 'utf8'), readFileSync(file('report.html'), 'utf8')]) expect(text).not.toContain(BSN);
    const html = readFileSync(file('report.html'), 'utf8');
    expect(html).toContain('Access request (AVG article 15)');
    expect(html).toContain('groningen-ashg-amk@2 art. 4.2 (rule amk-reads-ashg-reports)');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it('is itself entered in the trail', async () => {
    const store = createSqliteAuditStore({ path: join(dir, 'audit.sqlite') });
    try {
      const { entries } = await store.query({ kind: 'audit-query', subject: P }, { first: 10 });
      expect(entries.at(-1)).toMatchObject({ viewer: { agencyId: 'amk-groningen', userId: 'officer-3', role: 'privacy-officer' }, purpose: 'privacy-audit',
        searchTerms: { scope: 'amk-groningen', subject: P, report: 'access-request', anchorSeq: '7' } });
      expect((await store.verify()).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('audit:check-proof: holds against the report\'s anchor, and against one recorded before for the entries it covers', async () => {
    const own = await run('audit-check-proof.ts', [file('report.json'), '--anchor', `${report.anchor!.seq}:${report.anchor!.hash}`], {});
    expect(own).toMatchObject({ code: 0, stderr: '' });
    expect(own.stdout).toContain('5 of 5 entries hold');
    const earlier = await run('audit-check-proof.ts', [file('report.json'), '--anchor', recorded], {});
    expect(earlier.code).toBe(1);
    expect(earlier.stdout).toContain('entry 6: holds');
    expect(earlier.stdout).toContain('entry 9: not checked: its request 7 lies after the anchor 6');
    expect(earlier.stdout).toContain('4 of 5 entries hold');
  });

  it('audit:check-proof: names the entries a changed report or a foreign anchor fail', async () => {
    const changed = structuredClone(report) as unknown as { entries: { viewer: { agencyId: string }; proof: { entryDocument: string } }[] };
    changed.entries[0]!.viewer.agencyId = 'politie-groningen';
    changed.entries[2]!.proof.entryDocument = changed.entries[2]!.proof.entryDocument.replace('"fieldsWithheld":["Report.reporter"]', '"fieldsWithheld":[]');
    writeFileSync(file('changed.json'), JSON.stringify(changed));
    const result = await run('audit-check-proof.ts', [file('changed.json'), '--anchor', `${report.anchor!.seq}:${report.anchor!.hash}`], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('entry 1: FAILS: the report says otherwise than the proved entry about: viewer');
    expect(result.stdout).toContain('entry 4: FAILS: the audit path does not lead to the request\'s root');
    expect(result.stdout).toContain('3 of 5 entries hold');
    const foreign = await run('audit-check-proof.ts', [file('report.json'), '--anchor', `7:${'ab'.repeat(32)}`, '--json'], {});
    expect(foreign.code).toBe(1);
    expect(JSON.parse(foreign.stdout)).toMatchObject({ ok: true, holding: 0, entries: 5 });
  });
});

describe('audit:access-request refuses', () => {
  it('a BSN that is none, without echoing it; an anchor the trail does not hold', async () => {
    const bad = await run('audit-access-request.ts', ['--bsn', '111222334', '--from', '2026-03-02', '--to', '2026-03-02', '--organisation', 'amk-groningen'], env);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).not.toContain('111222334');
    const anchor = await run('audit-access-request.ts', ['--bsn', BSN, '--from', FROM, '--to', TO, '--organisation', 'amk-groningen', '--anchor', `6:${'0'.repeat(64)}`], env);
    expect(anchor.code).toBe(1);
    expect(anchor.stderr).toContain('does not hold the anchor 6:');
    expect(`${anchor.stdout}${anchor.stderr}`).not.toContain(BSN);
  });

  it('proofs of a trail changed underneath: exit 1, naming the entry', async () => {
    const db = new DatabaseSync(join(dir, 'audit.sqlite'));
    db.exec('DROP TRIGGER IF EXISTS audit_request_no_update');
    db.prepare("UPDATE audit_request SET purpose = 'case-conference' WHERE seq = 3").run();
    db.close();
    const result = await run('audit-access-request.ts', ['--bsn', BSN, '--from', '2026-03-02', '--to', '2026-03-02', '--organisation', 'amk-groningen'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/entry 3: FAILS: the chain does not lead to the anchor/);
    expect(result.stdout).toMatch(/entry 4: FAILS/);
  });
});
