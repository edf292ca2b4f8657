/**
 * Internal: the PostgreSQL chain walks. verify reads one REPEATABLE READ snapshot, so the head and the
 * requests agree while other gateways keep appending. prune plans and removes under a session advisory
 * lock (one prune at a time per schema), taken before the snapshot so it sees the previous prune.
 */
import type { ClientBase } from 'pg';
import { createPrunePlanner, noticeCutoffs } from '../prune-plan.ts';
import type { PruneResult, VerifyResult } from '../store.ts';
import { GENESIS, type ChainLink, type IndexKind, type IndexRow } from '../unit.ts';
import { rowToUnit, type RecordRow } from '../unit-rows.ts';
import { createChainVerifier, type ReadUnit, type Strays } from '../verify-chain.ts';
import { POSTGRES_CODEC, type PostgresRequestRow } from './rows.ts';

interface ChainEnds {
  readonly checkpoint: ChainLink | null;
  readonly head: ChainLink;
}

type LinkRow = { seq: string; hash: string; entry_seq: string };
const toLink = (row: LinkRow): ChainLink => ({ seq: Number(row.seq), hash: row.hash, entrySeq: Number(row.entry_seq) });

async function readEnds(client: ClientBase, s: string): Promise<ChainEnds> {
  const checkpoint = await client.query<LinkRow>(`SELECT seq, hash, entry_seq FROM ${s}.audit_checkpoint ORDER BY seq DESC LIMIT 1`);
  const head = await client.query<LinkRow>(`SELECT seq, hash, entry_seq FROM ${s}.audit_chain_head WHERE id = 1`);
  const headRow = head.rows[0];
  if (!headRow) throw new Error('audit chain head row is missing');
  const checkpointRow = checkpoint.rows[0];
  return { checkpoint: checkpointRow ? toLink(checkpointRow) : null, head: toLink(headRow) };
}

const PAGE = 500;

/** The requests after `start` with their entries and index rows, a page of requests at a time. */
async function* walkUnits(client: ClientBase, s: string, start: ChainLink): AsyncGenerator<{ seq: number; read: () => ReadUnit }> {
  let afterSeq = start.seq;
  let afterEntry = start.entrySeq;
  for (;;) {
    const { rows: requests } = await client.query<PostgresRequestRow>(`SELECT * FROM ${s}.audit_request WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`, [afterSeq]);
    if (requests.length === 0) return;
    const lastRequest = requests.at(-1) as PostgresRequestRow;
    const lastSeq = Number(lastRequest.seq);
    const lastEntry = Number(lastRequest.first_entry_seq) + Number(lastRequest.entry_count) - 1;
    const { rows: records } = await client.query<RecordRow>(`SELECT * FROM ${s}.audit_record WHERE seq > $1 AND seq <= $2 ORDER BY seq`, [afterEntry, lastEntry]);
    const { rows: index } = await client.query<{ kind: string; value: string; request_seq: string }>(
      `SELECT kind, value, request_seq FROM ${s}.audit_index WHERE request_seq > $1 AND request_seq <= $2 ORDER BY request_seq, kind, value`,
      [afterSeq, lastSeq]);
    let r = 0;
    let i = 0;
    for (const row of requests) {
      const seq = Number(row.seq);
      const end = Number(row.first_entry_seq) + Number(row.entry_count) - 1;
      const own: RecordRow[] = [];
      while (r < records.length && Number((records[r] as RecordRow).seq) <= end) own.push(records[r++] as RecordRow);
      const rowsOfIndex: IndexRow[] = [];
      while (i < index.length && Number(index[i]?.request_seq) <= seq) {
        const found = index[i++] as { kind: string; value: string; request_seq: string };
        rowsOfIndex.push({ kind: found.kind as IndexKind, value: found.value, unitSeq: Number(found.request_seq) });
      }
      yield { seq, read: () => ({ unit: rowToUnit(row, own, POSTGRES_CODEC), index: rowsOfIndex }) };
    }
    afterSeq = lastSeq;
    afterEntry = Math.max(afterEntry, lastEntry);
    if (requests.length < PAGE) return;
  }
}

async function strays(client: ClientBase, s: string, start: ChainLink, head: ChainLink): Promise<Strays> {
  const entries = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${s}.audit_record WHERE seq > $1 OR seq <= $2`, [head.entrySeq, start.entrySeq]);
  const index = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${s}.audit_index WHERE request_seq > $1 OR request_seq <= $2`, [head.seq, start.seq]);
  return { entriesAfterHead: Number(entries.rows[0]?.n ?? 0), indexRowsOutside: Number(index.rows[0]?.n ?? 0) };
}

export async function verifyPostgresChain(client: ClientBase, s: string): Promise<VerifyResult> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const { checkpoint, head } = await readEnds(client, s);
    const start = checkpoint ?? GENESIS;
    const verifier = createChainVerifier(start, checkpoint ? 'checkpoint' : 'genesis');
    for await (const { seq, read } of walkUnits(client, s, start)) if (verifier.checkUnit(read, seq)) break;
    const verdict = verifier.result(head, checkpoint?.seq ?? null, await strays(client, s, start, head));
    await client.query('COMMIT');
    return verdict;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export async function prunePostgresChain(
  client: ClientBase, s: string, schema: string, retentionDaysByOwner: Record<string, number>, now: Date,
): Promise<PruneResult> {
  const lockKey = `ketenpoort-audit-prune:${schema}`;
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      const { checkpoint, head } = await readEnds(client, s);
      const start = checkpoint ?? GENESIS;
      const planner = createPrunePlanner(start, head, retentionDaysByOwner, now);
      let reachedEnd = true;
      for await (const { seq, read } of walkUnits(client, s, start)) {
        if (!planner.offer(read, seq)) {
          reachedEnd = false;
          break;
        }
      }
      const plan = planner.finish(reachedEnd ? await strays(client, s, start, head) : { entriesAfterHead: 0, indexRowsOutside: 0 });
      if (plan.upTo) {
        await client.query(`SELECT ${s}.audit_prune_prefix($1, $2, $3, $4, $5)`, [plan.upTo.seq, plan.upTo.hash, plan.upTo.entrySeq, plan.removed, now]);
      }
      // Notices past their recipient's retention (not chained: each goes at its own time).
      const { byRecipient, others } = noticeCutoffs(retentionDaysByOwner, now);
      let noticesRemoved = 0;
      for (const [recipient, beforeMs] of byRecipient) {
        noticesRemoved += (await client.query(`DELETE FROM ${s}.notice WHERE recipient = $1 AND created_ms < $2`, [recipient, beforeMs])).rowCount ?? 0;
      }
      if (others !== null) {
        noticesRemoved += (await client.query(`DELETE FROM ${s}.notice WHERE created_ms < $1 AND NOT (recipient = ANY($2::text[]))`,
          [others, byRecipient.map(([recipient]) => recipient)])).rowCount ?? 0;
      }
      await client.query('COMMIT');
      return { removed: plan.removed, checkpointSeq: plan.upTo?.seq ?? null, noticesRemoved };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
  }
}
