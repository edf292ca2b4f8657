/**
 * Internal: the PostgreSQL chain walks. verify reads one REPEATABLE READ snapshot, so the head and the
 * entries agree while other gateways keep appending. prune plans and removes under a session advisory
 * lock (one prune at a time per schema), taken before the snapshot so it sees the previous prune.
 */
import type { ClientBase } from 'pg';
import { GENESIS, type ChainLink } from '../chain.ts';
import { pageEntries, toEntry } from './rows.ts';
import { createPrunePlanner, unreadableRow } from '../prune-plan.ts';
import type { PruneResult, VerifyResult } from '../store.ts';
import { createChainVerifier } from '../verify-chain.ts';

interface ChainEnds {
  readonly checkpoint: ChainLink | null;
  readonly head: ChainLink;
}

async function readEnds(client: ClientBase, s: string): Promise<ChainEnds> {
  const checkpoint = await client.query<{ seq: string; hash: string }>(`SELECT seq, hash FROM ${s}.audit_checkpoint ORDER BY seq DESC LIMIT 1`);
  const head = await client.query<{ seq: string; hash: string }>(`SELECT seq, hash FROM ${s}.audit_chain_head WHERE id = 1`);
  const headRow = head.rows[0];
  if (!headRow) throw new Error('audit chain head row is missing');
  const checkpointRow = checkpoint.rows[0];
  return {
    checkpoint: checkpointRow ? { seq: Number(checkpointRow.seq), hash: checkpointRow.hash } : null,
    head: { seq: Number(headRow.seq), hash: headRow.hash },
  };
}

export async function verifyPostgresChain(client: ClientBase, s: string): Promise<VerifyResult> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const { checkpoint, head } = await readEnds(client, s);
    const start = checkpoint ?? GENESIS;
    const verifier = createChainVerifier(start, checkpoint ? 'checkpoint' : 'genesis');
    for await (const row of pageEntries(client, s, start.seq)) if (verifier.checkRow(Number(row.seq), () => toEntry(row))) break;
    const verdict = verifier.result(head, checkpoint?.seq ?? null);
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
      for await (const row of pageEntries(client, s, start.seq)) {
        let entry;
        try {
          entry = toEntry(row);
        } catch {
          throw unreadableRow(Number(row.seq));
        }
        if (!planner.offer(entry)) break;
      }
      const plan = planner.finish();
      if (plan.upTo) {
        await client.query(`SELECT ${s}.audit_prune_prefix($1, $2, $3, $4)`, [plan.upTo.seq, plan.upTo.hash, plan.removed, now]);
      }
      await client.query('COMMIT');
      return { removed: plan.removed, checkpointSeq: plan.upTo?.seq ?? null };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
  }
}
