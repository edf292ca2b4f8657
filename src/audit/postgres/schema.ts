/**
 * Internal: the PostgreSQL audit schema, migrated at start-up under an advisory lock (two gateways
 * starting together migrate once), recorded in a versioned table.
 *
 * Append-only enforcement. A trigger refuses UPDATE, DELETE and TRUNCATE on the entries and the
 * checkpoints, and DELETE/TRUNCATE on the chain head. The one way to delete entries is the function
 * audit_prune_prefix: it sets a transaction-local flag the trigger accepts, removes exactly the planned
 * prefix (refusing if the last entry's hash or the count differs from the plan), writes the checkpoint
 * in the same transaction, and clears the flag. Why a function and not a bare session flag: the delete
 * and its checkpoint cannot be separated, and the function is SECURITY DEFINER with a pinned
 * search_path, so a deployment can give the gateway's role only SELECT/INSERT on entries, UPDATE on the
 * head and EXECUTE on the function — then no role but the owner can delete at all, and the trigger
 * still stops the owner's accidents. (The flag alone stops mistakes, not a role that may set it.)
 */
import type { ClientBase } from 'pg';
import { GENESIS_HASH } from '../unit.ts';

export const PRUNE_FLAG = 'ketenpoort.audit_prune';

export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new RangeError('audit schema name must match [a-z_][a-z0-9_]*');
  return `"${schema}"`;
}

function migrations(s: string): readonly string[] {
  return [
    `CREATE TABLE ${s}.audit_entry (
       seq bigint PRIMARY KEY,
       prev_hash text NOT NULL,
       hash text NOT NULL,
       trace_id text NOT NULL,
       operation_id text NOT NULL,
       operation_name text,
       time timestamptz NOT NULL,
       kind text NOT NULL,
       viewer_agency text NOT NULL,
       viewer_user text NOT NULL,
       viewer_role text NOT NULL,
       purpose text NOT NULL,
       processing_activity text NOT NULL,
       owner_agency text,
       entity_type text,
       entity_id text,
       subject text,
       fields_released jsonb NOT NULL,
       fields_withheld jsonb NOT NULL,
       decisions jsonb NOT NULL,
       search_terms jsonb,
       outcome text NOT NULL
     );
     CREATE INDEX audit_entry_subject ON ${s}.audit_entry (subject, seq) WHERE subject IS NOT NULL;
     CREATE INDEX audit_entry_viewer ON ${s}.audit_entry (viewer_agency, seq);
     CREATE INDEX audit_entry_owner ON ${s}.audit_entry (owner_agency, seq);
     CREATE INDEX audit_entry_time ON ${s}.audit_entry (time);
     CREATE INDEX audit_entry_decisions ON ${s}.audit_entry USING gin (decisions jsonb_path_ops);
     CREATE TABLE ${s}.audit_chain_head (id smallint PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL);
     INSERT INTO ${s}.audit_chain_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');
     CREATE TABLE ${s}.audit_checkpoint (seq bigint PRIMARY KEY, hash text NOT NULL, removed bigint NOT NULL, pruned_at timestamptz NOT NULL);

     CREATE FUNCTION ${s}.audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_entry' AND current_setting('${PRUNE_FLAG}', true) = 'on' THEN
         RETURN OLD;
       END IF;
       RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
         USING ERRCODE = 'insufficient_privilege';
     END $fn$;
     CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON ${s}.audit_entry
       FOR EACH ROW EXECUTE FUNCTION ${s}.audit_refuse_change();
     CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON ${s}.audit_entry
       FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_refuse_change();
     CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON ${s}.audit_checkpoint
       FOR EACH ROW EXECUTE FUNCTION ${s}.audit_refuse_change();
     CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON ${s}.audit_checkpoint
       FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_refuse_change();
     CREATE TRIGGER audit_chain_head_keep BEFORE DELETE ON ${s}.audit_chain_head
       FOR EACH ROW EXECUTE FUNCTION ${s}.audit_refuse_change();
     CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON ${s}.audit_chain_head
       FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_refuse_change();

     CREATE FUNCTION ${s}.audit_prune_prefix(p_up_to bigint, p_hash text, p_expected bigint, p_now timestamptz)
       RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${s}, pg_temp AS $fn$
     DECLARE
       stored text;
       removed bigint;
     BEGIN
       SELECT hash INTO stored FROM audit_entry WHERE seq = p_up_to;
       IF stored IS DISTINCT FROM p_hash THEN
         RAISE EXCEPTION 'prune: entry % is not the one planned', p_up_to;
       END IF;
       PERFORM set_config('${PRUNE_FLAG}', 'on', true);
       DELETE FROM audit_entry WHERE seq <= p_up_to;
       GET DIAGNOSTICS removed = ROW_COUNT;
       PERFORM set_config('${PRUNE_FLAG}', 'off', true);
       IF removed <> p_expected THEN
         RAISE EXCEPTION 'prune: removed % entries, planned %', removed, p_expected;
       END IF;
       INSERT INTO audit_checkpoint (seq, hash, removed, pruned_at) VALUES (p_up_to, p_hash, removed, p_now);
       RETURN removed;
     END $fn$;`,
    // 2: the other persons a household-level record is about, searchable through a GIN index.
    `ALTER TABLE ${s}.audit_entry ADD COLUMN related_subjects jsonb;
     CREATE INDEX audit_entry_related_subjects ON ${s}.audit_entry USING gin (related_subjects jsonb_path_ops);`,
    // 3: the second format (unit.ts): requests chained, each a hash tree over its compact entries; index
    // rows derived and verified. A non-empty trail of the first format is refused before this runs.
    `DROP FUNCTION ${s}.audit_prune_prefix(bigint, text, bigint, timestamptz);
     DROP TABLE ${s}.audit_entry; DROP TABLE ${s}.audit_chain_head; DROP TABLE ${s}.audit_checkpoint;
     CREATE TABLE ${s}.audit_request (
       seq bigint PRIMARY KEY,
       prev_hash text NOT NULL,
       hash text NOT NULL,
       root text NOT NULL,
       first_entry_seq bigint NOT NULL,
       entry_count integer NOT NULL,
       trace_id text NOT NULL,
       span_id text,
       parent_span_id text,
       operation_id text NOT NULL,
       operation_name text,
       time timestamptz NOT NULL,
       end_time timestamptz NOT NULL,
       viewer_agency text NOT NULL,
       viewer_user text NOT NULL,
       viewer_role text NOT NULL,
       responsible_user text,
       access_point text,
       purpose text NOT NULL,
       processing_activity text NOT NULL,
       dictionary jsonb NOT NULL
     );
     CREATE INDEX audit_request_viewer ON ${s}.audit_request (viewer_agency, seq);
     CREATE INDEX audit_request_time ON ${s}.audit_request (time);
     CREATE INDEX audit_request_trace ON ${s}.audit_request (trace_id);
     CREATE INDEX audit_request_operation ON ${s}.audit_request (operation_id);
     CREATE TABLE ${s}.audit_record (
       seq bigint PRIMARY KEY,
       request_seq bigint NOT NULL,
       kind text NOT NULL,
       owner_agency text,
       entity_type text,
       entity_id text,
       outcome text NOT NULL,
       body jsonb NOT NULL,
       leaf text NOT NULL
     );
     CREATE INDEX audit_record_owner ON ${s}.audit_record (owner_agency, seq) WHERE owner_agency IS NOT NULL;
     CREATE INDEX audit_record_entity ON ${s}.audit_record (entity_id) WHERE entity_id IS NOT NULL;
     CREATE TABLE ${s}.audit_index (kind text NOT NULL, value text NOT NULL, request_seq bigint NOT NULL, PRIMARY KEY (kind, value, request_seq));
     CREATE INDEX audit_index_request ON ${s}.audit_index (request_seq);
     CREATE TABLE ${s}.audit_chain_head (id smallint PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL, entry_seq bigint NOT NULL);
     INSERT INTO ${s}.audit_chain_head (id, seq, hash, entry_seq) VALUES (1, 0, '${GENESIS_HASH}', 0);
     CREATE TABLE ${s}.audit_checkpoint (seq bigint PRIMARY KEY, hash text NOT NULL, entry_seq bigint NOT NULL, removed bigint NOT NULL, pruned_at timestamptz NOT NULL);

     CREATE OR REPLACE FUNCTION ${s}.audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF TG_OP = 'DELETE' AND TG_TABLE_NAME IN ('audit_request', 'audit_record', 'audit_index')
          AND current_setting('${PRUNE_FLAG}', true) = 'on' THEN
         RETURN OLD;
       END IF;
       RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
         USING ERRCODE = 'insufficient_privilege';
     END $fn$;
     ${['audit_request', 'audit_record', 'audit_index', 'audit_checkpoint'].map((table) => `
     CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${s}.${table}
       FOR EACH ROW EXECUTE FUNCTION ${s}.audit_refuse_change();
     CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${s}.${table}
       FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_refuse_change();`).join('')}
     CREATE TRIGGER audit_chain_head_keep BEFORE DELETE ON ${s}.audit_chain_head
       FOR EACH ROW EXECUTE FUNCTION ${s}.audit_refuse_change();
     CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON ${s}.audit_chain_head
       FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_refuse_change();

     CREATE FUNCTION ${s}.audit_prune_prefix(p_up_to bigint, p_hash text, p_entry_seq bigint, p_expected bigint, p_now timestamptz)
       RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${s}, pg_temp AS $fn$
     DECLARE
       stored text;
       removed bigint;
     BEGIN
       SELECT hash INTO stored FROM audit_request WHERE seq = p_up_to;
       IF stored IS DISTINCT FROM p_hash THEN
         RAISE EXCEPTION 'prune: request % is not the one planned', p_up_to;
       END IF;
       PERFORM set_config('${PRUNE_FLAG}', 'on', true);
       DELETE FROM audit_record WHERE seq <= p_entry_seq;
       GET DIAGNOSTICS removed = ROW_COUNT;
       DELETE FROM audit_request WHERE seq <= p_up_to;
       DELETE FROM audit_index WHERE request_seq <= p_up_to;
       PERFORM set_config('${PRUNE_FLAG}', 'off', true);
       IF removed <> p_expected THEN
         RAISE EXCEPTION 'prune: removed % entries, planned %', removed, p_expected;
       END IF;
       INSERT INTO audit_checkpoint (seq, hash, entry_seq, removed, pruned_at) VALUES (p_up_to, p_hash, p_entry_seq, removed, p_now);
       RETURN removed;
     END $fn$;`,
    // The act outbox (act-outbox.ts), beside the trail so an act and its entries commit together.
    `CREATE TABLE ${s}.act (
       id text PRIMARY KEY,
       sender text NOT NULL,
       idempotency_key text NOT NULL,
       input_hash text NOT NULL,
       kind text NOT NULL,
       referral_kind text,
       receiver text NOT NULL,
       status text NOT NULL,
       answers_act text,
       fields_sent text NOT NULL,
       basis text NOT NULL,
       payload text,
       reference text,
       municipality text,
       created_ms bigint NOT NULL,
       delivered_ms bigint,
       answered_ms bigint,
       answer text,
       receiver_reference text,
       attempts integer NOT NULL,
       next_attempt_ms bigint,
       lease_until_ms bigint,
       last_error text,
       UNIQUE (sender, idempotency_key)
     );
     CREATE INDEX act_due ON ${s}.act (status, next_attempt_ms);
     CREATE INDEX act_sender ON ${s}.act (sender, created_ms);
     CREATE INDEX act_receiver ON ${s}.act (receiver, created_ms);`,
    // Act events (Subscription.actEvents): the one order of the acts' changes of status.
    `ALTER TABLE ${s}.act ADD COLUMN changed_seq bigint NOT NULL DEFAULT 0;
     CREATE SEQUENCE ${s}.act_change;
     CREATE INDEX act_changed ON ${s}.act (changed_seq);`,
    // Notifications (notices.ts): each written with its audit entry; seq taken under a transaction lock.
    `CREATE SEQUENCE ${s}.notice_seq;
     CREATE TABLE ${s}.notice (
       seq bigint PRIMARY KEY,
       id text NOT NULL UNIQUE,
       recipient text NOT NULL,
       kind text NOT NULL,
       created_ms bigint NOT NULL,
       body text NOT NULL
     );
     CREATE INDEX notice_recipient ON ${s}.notice (recipient, seq);`,
    // Signed webhooks (src/acts/webhooks.ts): what each organisation's endpoint acknowledged.
    `CREATE TABLE ${s}.webhook_cursor (organisation text PRIMARY KEY, notice_seq bigint NOT NULL, act_seq bigint NOT NULL);`,
    // Which replica sends an organisation's webhooks now (src/acts/webhooks.ts), until when (epoch ms).
    `CREATE TABLE ${s}.webhook_lease (organisation text PRIMARY KEY, holder text NOT NULL, until_ms bigint NOT NULL);`,
  ];
}

/** Runs the migrations not yet applied, in one transaction, under an advisory lock per schema. */
export async function migratePostgresAudit(client: ClientBase, schema: string): Promise<void> {
  const s = quoteSchema(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ketenpoort-audit-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.audit_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${s}.audit_schema_version`);
    const steps = migrations(s);
    const from = rows[0]?.version ?? 0;
    if (from > 0 && from <= 2) {
      const held = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${s}.audit_entry`);
      if (Number(held.rows[0]?.n ?? 0) > 0) {
        throw new Error('this audit schema holds a trail of the first format: verify and archive it with the previous release (audit:verify), then start on a new schema');
      }
    }
    for (let version = from; version < steps.length; version++) {
      await client.query(steps[version] as string);
      await client.query(`INSERT INTO ${s}.audit_schema_version (version) VALUES ($1)`, [version + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
