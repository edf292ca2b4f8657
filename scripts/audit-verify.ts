/**
 * `npm run audit:verify [-- --json]`: checks the whole audit chain and prints the counts and the
 * first broken link (seq and reason). Reads DATABASE_URL (schema: KETENPOORT_AUDIT_SCHEMA, default
 * ketenpoort_audit), else the SQLite file KETENPOORT_DATA_DIR/audit.sqlite (default ./data/audit.sqlite).
 * Exit code 0: intact; 1: broken; 2: could not check. Prints no entry contents.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeAuditLocation, openAuditStore, sqlitePath, type AuditStoreLocation } from '#src/audit/open-audit-store.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const location: AuditStoreLocation = {
  databaseUrl: process.env.DATABASE_URL || undefined,
  schema: process.env.KETENPOORT_AUDIT_SCHEMA || undefined,
  dataDir: process.env.KETENPOORT_DATA_DIR || undefined,
};
const where = describeAuditLocation(location);

async function main(): Promise<number> {
  // Verifying must not create an empty trail where the real one was expected.
  if (!location.databaseUrl && !existsSync(sqlitePath(location))) {
    console.error(`audit:verify: no audit trail at ${where}`);
    return 2;
  }
  const store = await openAuditStore(location);
  try {
    const result = await store.verify();
    if (values.json) {
      console.log(JSON.stringify({ store: where, ...result }));
    } else {
      const start = result.checkpointSeq === null ? 'genesis' : `checkpoint at seq ${result.checkpointSeq}`;
      console.log(`audit chain (${where}): ${result.ok ? 'intact' : 'BROKEN'}`);
      console.log(`  head at seq ${result.headSeq}; walked from ${start}; ${result.checked} entries checked`);
      if (!result.ok) console.log(`  first broken link: seq ${result.firstBrokenSeq}: ${result.reason}`);
    }
    return result.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(`audit:verify: could not check ${where}: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
