/**
 * `npm run audit:verify [-- --json] [--anchor <seq>:<hash> ...]`: checks the whole audit chain and prints
 * the counts, the head (seq and hash) and the first broken link (seq and reason).
 *
 * The chain links requests (src/audit/unit.ts); each request's entries are the leaves of a hash tree its
 * header carries. A hash chain shows any change to an entry, but not a chain rewritten as a whole from
 * some request on (every later hash recomputed), nor its tail cut off together with the head. The head
 * printed here is the answer: record it outside the store (a signed mail, another agency, a notary log)
 * now and then, and give it back later as `--anchor`; the chain must still hold that request with that hash.
 *
 * Reads DATABASE_URL (schema: KETENPOORT_AUDIT_SCHEMA, default ketenpoort_audit), else the SQLite file
 * KETENPOORT_DATA_DIR/audit.sqlite (default ./data/audit.sqlite).
 * Exit code 0: intact (and every anchor held); 1: broken, or an anchor failed; 2: could not check.
 * Prints no entry contents.
 */
import { existsSync } from 'node:fs';
import { describeAuditLocation, openAuditStore, sqlitePath, type AuditStoreLocation } from '#src/audit/open-audit-store.ts';
import type { AuditStore, VerifyResult } from '#src/audit/store.ts';
import { parseCommandLine, runCommand, UsageError } from './cli.ts';

interface Anchor {
  readonly seq: number;
  readonly hash: string;
}

type AnchorVerdict = Anchor & ({ readonly held: true } | { readonly held: false; readonly reason: string } | { readonly held: null; readonly reason: string });

const USAGE = `Usage: npm run audit:verify -- [--json] [--anchor <seq>:<hash> ...]

Checks the whole audit hash chain; prints the counts, the head as an anchor to record elsewhere and the
first broken link. Prints no entry contents.

  --anchor <seq>:<hash>  an anchor printed before (repeatable): the chain must still hold that entry with that hash
  --json                 one JSON object instead of text
  -h, --help             this text

The store: DATABASE_URL (schema KETENPOORT_AUDIT_SCHEMA), else KETENPOORT_DATA_DIR/audit.sqlite (default ./data).
Exit 0: intact and every anchor held; 1: broken, or an anchor failed; 2: bad arguments or could not check.`;

const { values } = parseCommandLine({
  name: 'audit:verify', usage: USAGE,
  options: { json: { type: 'boolean', default: false }, anchor: { type: 'string', multiple: true, default: [] } },
});
const location: AuditStoreLocation = {
  databaseUrl: process.env.DATABASE_URL || undefined,
  schema: process.env.KETENPOORT_AUDIT_SCHEMA || undefined,
  dataDir: process.env.KETENPOORT_DATA_DIR || undefined,
};
const where = describeAuditLocation(location);

function parseAnchor(text: string): Anchor {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match || Number(match[1]) < 1 || !Number.isSafeInteger(Number(match[1]))) {
    throw new UsageError(`--anchor must be <seq>:<64 hex digits> as audit:verify printed it, not ${JSON.stringify(text)}`);
  }
  return { seq: Number(match[1]), hash: match[2] as string };
}

/** Whether the chain still holds the anchored request with the anchored hash. */
async function checkAnchor(store: AuditStore, result: VerifyResult, anchor: Anchor): Promise<AnchorVerdict> {
  if (anchor.seq > result.headSeq) {
    return { ...anchor, held: false, reason: `the chain ends at seq ${result.headSeq}, before the anchor: requests were removed and the chain rewritten` };
  }
  if (anchor.seq === result.headSeq) {
    return result.headHash === anchor.hash
      ? { ...anchor, held: true }
      : { ...anchor, held: false, reason: `seq ${anchor.seq} has another hash: the chain was rewritten from seq ${anchor.seq} or earlier` };
  }
  const stored = await store.requestHash(anchor.seq);
  if (stored !== null) {
    return stored === anchor.hash
      ? { ...anchor, held: true }
      : { ...anchor, held: false, reason: `seq ${anchor.seq} has another hash: the chain was rewritten from seq ${anchor.seq} or earlier` };
  }
  if (result.checkpointSeq !== null && anchor.seq <= result.checkpointSeq) {
    return { ...anchor, held: null, reason: `seq ${anchor.seq} was pruned (checkpoint at seq ${result.checkpointSeq}); record a newer anchor` };
  }
  return { ...anchor, held: false, reason: `seq ${anchor.seq} is missing` };
}

async function main(): Promise<number> {
  const anchors = (values.anchor ?? []).map(parseAnchor);
  // Verifying must not create an empty trail where the real one was expected.
  if (!location.databaseUrl && !existsSync(sqlitePath(location))) {
    console.error(`audit:verify: no audit trail at ${where}`);
    return 2;
  }
  const store = await openAuditStore(location);
  try {
    const result = await store.verify();
    // SQLite's search index follows the commit (docs/audit.md): verify compared its rows up to here.
    const index = await store.indexStatus?.() ?? null;
    const verdicts: AnchorVerdict[] = [];
    for (const anchor of anchors) verdicts.push(await checkAnchor(store, result, anchor));
    const anchorsHeld = verdicts.every((verdict) => verdict.held !== false);
    if (values.json) {
      console.log(JSON.stringify({ store: where, ...result, ...(index ? { indexedSeq: index.indexedSeq } : {}), ...(anchors.length > 0 ? { anchors: verdicts } : {}) }));
    } else {
      const start = result.checkpointSeq === null ? 'genesis' : `checkpoint at seq ${result.checkpointSeq}`;
      console.log(`audit chain (${where}): ${result.ok && anchorsHeld ? 'intact' : 'BROKEN'}`);
      console.log(`  head at seq ${result.headSeq}; walked from ${start}; ${result.checked} requests, ${result.entriesChecked} entries checked`);
      console.log(`  anchor to record elsewhere: ${result.headSeq}:${result.headHash}`);
      if (index) {
        const behind = Math.max(0, index.headSeq - index.indexedSeq);
        console.log(`  search index: rows checked up to request ${index.indexedSeq}${behind > 0 ? `; ${behind} after it not indexed yet (searches read them directly)` : ''}`);
      }
      if (!result.ok) console.log(`  first broken link: seq ${result.firstBrokenSeq}${result.firstBrokenEntrySeq === null ? '' : ` (entry ${result.firstBrokenEntrySeq})`}: ${result.reason}`);
      for (const verdict of verdicts) {
        const state = verdict.held === true ? 'held' : verdict.held === false ? 'FAILED' : 'not checkable';
        console.log(`  anchor ${verdict.seq}:${verdict.hash.slice(0, 12)}…: ${state}${'reason' in verdict ? `: ${verdict.reason}` : ''}`);
      }
    }
    return result.ok && anchorsHeld ? 0 : 1;
  } finally {
    await store.close();
  }
}

runCommand('audit:verify', async () => {
  try {
    return await main();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new Error(`could not check ${where}: ${(error as Error).message}`, { cause: error });
  }
});
