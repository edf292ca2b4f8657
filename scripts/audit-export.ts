/**
 * `npm run audit:export -- [--from ISO] [--to ISO] [--organisation <agency id>] [--out <file>] [--register-uri <base URI>]`
 * Writes audit entries as JSON lines in the shape of Logboek Dataverwerkingen, with the NEN 7513 fields
 * and ketenpoort's own (src/audit/ldv-record.ts; every field in docs/audit-ldv.md), oldest first.
 *
 * Same store selection as audit:verify: DATABASE_URL (schema KETENPOORT_AUDIT_SCHEMA), else the SQLite
 * file KETENPOORT_DATA_DIR/audit.sqlite. Reads pages through AuditStore.query; writes nothing to the store.
 * Exit 0: exported; 1: exported, but values that looked like a BSN were withheld (the trail should hold
 * none: report it); 2: bad arguments or could not read.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ldvLine, withholdBsnLookalikes } from '#src/audit/ldv-record.ts';
import { describeAuditLocation, openAuditStore, sqlitePath, type AuditStoreLocation } from '#src/audit/open-audit-store.ts';
import { MAX_AUDIT_PAGE, type AuditFilter } from '#src/audit/store.ts';
import { EXIT, parseCommandLine, runCommand, UsageError } from './cli.ts';

const USAGE = `Usage: npm run audit:export -- [--from <ISO instant>] [--to <ISO instant>] [--organisation <agency id>] [--out <file>] [--register-uri <base URI>]

Writes the audit entries as JSON lines, one per entry, oldest first, in the field names of Logboek
Dataverwerkingen with the NEN 7513 fields (docs/audit-ldv.md). Subjects and records appear only as
the trail's pseudonyms; no BSN, no name.

  --from <instant>         entries that started at or after this ISO 8601 instant
  --to <instant>           entries that started before this ISO 8601 instant
  --organisation <id>      entries whose viewer or owner is this agency (what its privacy officer may see)
  --out <file>             write to this file (created with mode 600, replaced if it exists) instead of stdout
  --register-uri <base>    the published register of processing activities: activity ids become URIs against it
  -h, --help               this text

The store: DATABASE_URL (schema KETENPOORT_AUDIT_SCHEMA), else KETENPOORT_DATA_DIR/audit.sqlite (default ./data).
Exit 0: exported; 1: exported, but values that looked like a BSN were withheld (report it);
2: bad arguments or could not read.`;

const { values } = parseCommandLine({
  name: 'audit:export', usage: USAGE,
  options: {
    from: { type: 'string' }, to: { type: 'string' }, organisation: { type: 'string' }, out: { type: 'string' }, 'register-uri': { type: 'string' },
  },
});
const location: AuditStoreLocation = {
  databaseUrl: process.env.DATABASE_URL || undefined,
  schema: process.env.KETENPOORT_AUDIT_SCHEMA || undefined,
  dataDir: process.env.KETENPOORT_DATA_DIR || undefined,
};
const where = describeAuditLocation(location);

function instant(text: string | undefined, option: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) throw new UsageError(`${option}: expected an ISO 8601 instant, e.g. 2026-11-01T00:00:00Z`);
  return date;
}

function filterOf(): AuditFilter {
  const from = instant(values.from, '--from');
  const to = instant(values.to, '--to');
  if (from && to && from >= to) throw new UsageError('--from must come before --to');
  const organisation = values.organisation;
  if (organisation !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(organisation)) throw new UsageError('--organisation: expected an agency id');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(organisation ? { scopeAgencyId: organisation } : {}) };
}

function registerUri(): string | undefined {
  const text = values['register-uri'];
  if (text === undefined) return undefined;
  if (!/^https?:\/\/\S+\/$/.test(text) || !URL.canParse(text)) throw new UsageError('--register-uri: expected an http(s) URI ending in /');
  return text;
}

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

async function main(): Promise<number> {
  const filter = filterOf();
  const base = registerUri();
  // Exporting must not create an empty trail where the real one was expected.
  if (!location.databaseUrl && !existsSync(sqlitePath(location))) throw new Error(`no audit trail at ${where}`);
  const store = await openAuditStore(location);
  let out: Writable = process.stdout;
  if (values.out) {
    const file = createWriteStream(values.out, { mode: 0o600 });
    try {
      await once(file, 'open');
    } catch (error) {
      await store.close();
      throw new Error(`cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { cause: error });
    }
    out = file;
  }
  let exported = 0;
  let withheld = 0;
  const withheldIn: number[] = [];
  try {
    let after: string | undefined;
    for (;;) {
      const page = await store.query(filter, { first: MAX_AUDIT_PAGE, ...(after ? { after } : {}) });
      for (const entry of page.entries) {
        const guarded = withholdBsnLookalikes(ldvLine(entry, base ? { registerUri: base } : {}));
        if (guarded.withheld > 0) {
          withheld += guarded.withheld;
          withheldIn.push(entry.seq);
        }
        await write(out, `${JSON.stringify(guarded.value)}\n`);
        exported++;
      }
      if (!page.hasNextPage || page.endCursor === null) break;
      after = page.endCursor;
    }
  } finally {
    await store.close();
    if (out !== process.stdout) {
      out.end();
      await once(out, 'close');
    }
  }
  if (values.out) console.log(`audit:export: ${exported} entries from ${where} to ${values.out}`);
  if (withheld > 0) {
    console.error(`audit:export: ${withheld} values that looked like a BSN were withheld, in entries ${withheldIn.slice(0, 20).join(', ')}${withheldIn.length > 20 ? ', …' : ''}; the trail should hold none: report it`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

runCommand('audit:export', async () => {
  try {
    return await main();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new Error(`could not export from ${where}: ${(error as Error).message}`, { cause: error });
  }
});
