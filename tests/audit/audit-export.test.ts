/**
 * `npm run audit:export`, run as the operator would (a real process) on a real SQLite trail the whole
 * gateway wrote: every line parses, carries the Logboek Dataverwerkingen and NEN 7513 fields, ties to
 * its proof, and holds no BSN.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import { MAX_AUDIT_PAGE } from '#src/audit/store.ts';
import { isValidBsn } from '#domain/bsn.ts';
import { createWorld } from '#mock-world/index.ts';
import { checkProof } from '#src/audit/proof.ts';
import { DEV_TOKEN_ALGORITHM, ensureDevKeys } from '#src/identity/dev-keys.ts';
import { startTestGateway, SCENARIO_NOW, type TestGateway } from '../support/test-gateway.ts';
import { entry } from './entry-builder.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from './postgres-env.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const world = createWorld();
const scenario1 = world.households[0]!;
const EVERY_BSN = new Set(world.households.flatMap((household) => household.members.map((member) => member.bsn)));
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

interface Line {
  trace_id: string; span_id: string; parent_span_id: string | null; name: string; start_time: number; end_time: number; status_code: string;
  foreign_operation: { trace_id: string; span_id: string; entity: string } | null;
  resource: { attributes: Record<string, string> };
  attributes: Record<string, unknown>;
}

function runExport(args: string[], dataDir: string, store: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, KETENPOORT_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.KETENPOORT_AUDIT_SCHEMA;
  Object.assign(env, store);
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'scripts', 'audit-export.ts'), ...args], { cwd: ROOT, env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function linesOf(stdout: string): Line[] {
  return stdout.split('\n').filter(Boolean).map((text) => JSON.parse(text) as Line);
}

describe('audit:export on a trail the gateway wrote', () => {
  let gateway: TestGateway;
  let all: Line[];
  beforeAll(async () => {
    gateway = await startTestGateway();
    const lookup = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id reports { id phase narrative } children { name } } }';
    // A delegate of an AMK caseworker, through the AMK's case system, continuing the caller's trace.
    const { privateJwk } = await ensureDevKeys(gateway.dataDir, 'amk-groningen');
    const issuedAt = Math.floor(SCENARIO_NOW.getTime() / 1000);
    const delegated = await new SignJWT({ role: 'caseworker', purposes: ['child-abuse-assessment'], act: { sub: 'assistant-4' }, azp: 'amk-casesystem' })
      .setProtectedHeader({ alg: DEV_TOKEN_ALGORITHM, typ: 'JWT', ...(privateJwk.kid ? { kid: privateJwk.kid } : {}) })
      .setIssuer('amk-groningen').setSubject('caseworker-9').setAudience('ketenpoort').setIssuedAt(issuedAt).setExpirationTime(issuedAt + 3600)
      .sign(await importJWK(privateJwk, DEV_TOKEN_ALGORITHM));
    const first = await gateway.raw({ authorization: `Bearer ${delegated}`, 'x-purpose': 'child-abuse-assessment', traceparent: `00-${TRACE}-${CALLER_SPAN}-01` },
      { query: lookup, variables: { bsn: scenario1.members[0]!.bsn } });
    expect(first.body.errors).toBeUndefined();
    const police = await gateway.query({ agencyId: 'politie-noord-nederland', purpose: 'zorgmelding-feedback' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id } }', { bsn: scenario1.members[1]!.bsn });
    expect(police.body.errors).toBeUndefined();
    const officer = await gateway.query({ agencyId: 'amk-groningen', purpose: 'privacy-audit', role: 'privacy-officer' },
      'query($bsn: String) { auditEntries(filter: { subjectBsn: $bsn }, first: 5) { edges { node { seq } } } }', { bsn: scenario1.members[0]!.bsn });
    expect(officer.body.errors).toBeUndefined();
    const result = await runExport([], gateway.dataDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    all = linesOf(result.stdout);
  }, 120_000);
  afterAll(async () => gateway?.close());

  it('writes one parsable line per entry, oldest first', async () => {
    const { entries } = await gateway.gateway.services.audit.query({}, { first: 500 });
    expect(all.map((line) => line.attributes['ketenpoort.entry_seq'])).toEqual(entries.map((entry) => entry.seq));
    expect(all.length).toBeGreaterThan(5);
  });

  it('every line carries the LDV interface fields and core attributes', () => {
    for (const line of all) {
      expect(line.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);
      expect(line.parent_span_id).toMatch(/^[0-9a-f]{16}$/);
      expect(line.name).toMatch(/^(read [A-Z]\w+|search|explain|audit-query|disclose Notification)$/);
      expect(Number.isInteger(line.start_time) && line.end_time >= line.start_time).toBe(true);
      expect(line.status_code).toBe('STATUS_CODE_OK');
      expect(line.resource.attributes).toEqual({ 'service.name': 'ketenpoort', 'nen7513.AuditSourceID': 'ketenpoort' });
      expect(line.attributes['dpl.core.processing_activity_id']).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+@\d+$/);
      if (line.attributes['dpl.core.data_subject_id'] !== undefined) {
        expect(line.attributes['dpl.core.data_subject_id']).toMatch(/^ps_[A-Za-z0-9_-]{43}$/);
        expect(line.attributes['dpl.core.data_subject_id_type']).toBe('ketenpoort-bsn-pseudonym');
      }
      expect(line.attributes['dpl.nen7513.eventTypeCode']).toBe(line.name.split(' ')[0]);
    }
    // One action, and one span, per data subject.
    expect(new Set(all.map((line) => line.span_id)).size).toBe(all.length);
  });

  it('the delegated read: user, responsible user, access point, the caller\'s trace as foreign operation', async () => {
    // The owner's notice of this read (docs/notifications.md) shares its trace; its viewer is the owner.
    const reads = all.filter((line) => line.trace_id === TRACE && line.name !== 'disclose Notification');
    expect(reads.length).toBeGreaterThan(1);
    const subjects = new Set(scenario1.members.map((member) => gateway.gateway.services.pseudonymize(member.bsn)));
    for (const line of reads) {
      expect(line.foreign_operation).toEqual({ trace_id: TRACE, span_id: CALLER_SPAN, entity: 'amk-groningen' });
      expect(line.attributes['dpl.nen7513.users']).toEqual([
        { userID: 'assistant-4', userIsRequestor: true, roleIDCode: 'caseworker', purposeOfUse: 'child-abuse-assessment', networkAccessPointID: 'amk-casesystem' },
        { userID: 'caseworker-9', userIsRequestor: false },
      ]);
      expect(line.attributes['dpl.core.processing_activity_id']).toBe('amk-groningen/onderzoek-kindermishandeling@1');
      if (line.name.startsWith('read ')) expect(subjects.has(line.attributes['dpl.core.data_subject_id'] as string)).toBe(true);
    }
    const report = reads.find((line) => line.name === 'read Report' && line.attributes['ketenpoort.owner_agency_id'] === 'ashg-groningen')!;
    expect(report.attributes['ketenpoort.fields_released']).toContain('Report.narrative');
    expect(report.attributes['dpl.nen7513.autorisatieProtocol']).toEqual(expect.arrayContaining([expect.stringMatching(/^groningen-ashg-amk@\d#art\. 4\.1$/)]));
    expect(report.attributes['ketenpoort.decisions']).toContainEqual(expect.objectContaining({ coordinate: 'Report.narrative', effect: 'allow', basis: expect.stringMatching(/^groningen-ashg-amk@\d#art\. 4\.1$/) }));
    const participants = report.attributes['dpl.nen7513.participants'] as { participantObjectID: string; participantObjectIDTypeCode: string }[];
    expect(participants.map((p) => p.participantObjectIDTypeCode)).toEqual(['ketenpoort-bsn-pseudonym', 'ketenpoort-record-pseudonym']);
    expect(participants[1]!.participantObjectID).toMatch(/^pe_/);
  });

  it('each line ties to its proof: entry seq, leaf hash and request hash', async () => {
    for (const line of all.slice(0, 5)) {
      const proof = await gateway.gateway.services.audit.prove(line.attributes['ketenpoort.entry_seq'] as number);
      expect(proof).not.toBeNull();
      expect(checkProof(proof!).ok).toBe(true);
      expect(proof!.requestSeq).toBe(line.attributes['ketenpoort.request_seq']);
      expect(line.span_id).toBe((line.attributes['ketenpoort.leaf_hash'] as string).slice(0, 16));
      expect(await gateway.gateway.services.audit.requestHash(proof!.requestSeq)).toBe(line.attributes['ketenpoort.request_hash']);
    }
  });

  it('holds no BSN of the world, and no BSN-shaped number at all', () => {
    const text = all.map((line) => JSON.stringify(line)).join('\n');
    for (const bsn of EVERY_BSN) expect(text.includes(bsn)).toBe(false);
    for (const match of text.matchAll(/(?<![0-9A-Za-z])[0-9]{8,9}(?![0-9A-Za-z])/g)) expect(isValidBsn(match[0].padStart(9, '0'))).toBe(false);
    // Nor a name: the members' names are in the world, never in the trail.
    for (const member of scenario1.members) expect(text.includes(member.name)).toBe(false);
  });

  // Each run is a Node process (seconds on a shared machine): the runs of a case go in parallel.
  const SLOW = 120_000;

  it('--organisation, --from/--to and --out select and write what they say', async () => {
    const start = new Date(all.at(-1)!.start_time).toISOString();
    const out = join(gateway.dataDir, 'export.jsonl');
    const [police, late, early, written] = await Promise.all([
      runExport(['--organisation', 'politie-noord-nederland'], gateway.dataDir),
      runExport(['--from', start], gateway.dataDir),
      runExport(['--to', new Date(all[0]!.start_time).toISOString()], gateway.dataDir),
      runExport(['--out', out, '--register-uri', 'https://register.example/verwerkingen/'], gateway.dataDir),
    ]);
    const lines = linesOf(police.stdout);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const viewer = (line.attributes['ketenpoort.viewer'] as { agency_id: string }).agency_id;
      expect([viewer, line.attributes['ketenpoort.owner_agency_id']]).toContain('politie-noord-nederland');
    }
    expect(linesOf(late.stdout).map((line) => line.attributes['ketenpoort.entry_seq']))
      .toEqual(all.filter((line) => line.start_time >= all.at(-1)!.start_time).map((line) => line.attributes['ketenpoort.entry_seq']));
    expect(linesOf(early.stdout)).toEqual([]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(`audit:export: ${all.length} entries from sqlite ${join(gateway.dataDir, 'audit.sqlite')} to ${out}\n`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const fromFile = linesOf(readFileSync(out, 'utf8'));
    expect(fromFile[0]!.attributes['dpl.core.processing_activity_id']).toBe(`https://register.example/verwerkingen/${all[0]!.attributes['dpl.core.processing_activity_id'] as string}`);
  }, SLOW);

  it('refuses bad arguments (exit 2) and a missing trail without creating one', async () => {
    const [badInstant, backwards, badUri, missing] = await Promise.all([
      runExport(['--from', '2026-13-45'], gateway.dataDir),
      runExport(['--from', '2026-11-02T00:00:00Z', '--to', '2026-11-01T00:00:00Z'], gateway.dataDir),
      runExport(['--register-uri', 'register'], gateway.dataDir),
      runExport([], join(gateway.dataDir, 'nothing-here')),
    ]);
    expect([badInstant.code, backwards.code, badUri.code, missing.code]).toEqual([2, 2, 2, 2]);
    expect(backwards.stderr).toContain('--from must come before --to');
    expect(missing.stderr).toContain('no audit trail');
  }, SLOW);
});

describe('audit:export on a trail longer than a page', () => {
  it('pages through the whole trail, in order', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-export-'));
    try {
      const store = createSqliteAuditStore({ path: join(dataDir, 'audit.sqlite') });
      await store.append(Array.from({ length: MAX_AUDIT_PAGE * 2 + 1 }, (_, index) => entry(index + 1)));
      await store.close();
      const result = await runExport([], dataDir);
      expect(result.code).toBe(0);
      const seqs = linesOf(result.stdout).map((line) => line.attributes['ketenpoort.entry_seq']);
      expect(seqs).toEqual(Array.from({ length: MAX_AUDIT_PAGE * 2 + 1 }, (_, index) => index + 1));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describePostgres('audit:export on PostgreSQL', () => {
  it('reads DATABASE_URL and the schema, and scopes to an organisation', async () => {
    const schema = uniqueSchema('audit_export');
    const store = await createPostgresAuditStore({ connectionString: DATABASE_URL, schema });
    try {
      await store.append([entry(1), entry(2, { viewer: { agencyId: 'bjz-groningen', userId: 'u', role: 'caseworker', responsibleUserId: null, accessPoint: null }, owner: 'bjz-groningen' }), entry(3)]);
      const env = { DATABASE_URL, KETENPOORT_AUDIT_SCHEMA: schema };
      const [every, bjz] = await Promise.all([runExport([], '/nonexistent', env), runExport(['--organisation', 'bjz-groningen'], '/nonexistent', env)]);
      expect(every.code).toBe(0);
      expect(linesOf(every.stdout).map((line) => line.attributes['ketenpoort.operation_id'])).toEqual(['op-1', 'op-2', 'op-3']);
      expect(linesOf(bjz.stdout).map((line) => line.attributes['ketenpoort.operation_id'])).toEqual(['op-2']);
      expect(every.stdout + every.stderr).not.toContain('postgres@');
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  }, 120_000);
});
