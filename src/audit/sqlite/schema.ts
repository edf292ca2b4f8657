/**
 * Internal: the SQLite audit schema, migrated by PRAGMA user_version. Triggers make the entries and
 * checkpoints append-only for every connection; the one exception is prune, which opens a gate row
 * inside its own transaction (no other connection ever sees it open).
 */
import type { DatabaseSync } from 'node:sqlite';
import { GENESIS_HASH } from '../unit.ts';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE audit_entry (
     seq INTEGER PRIMARY KEY,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL,
     trace_id TEXT NOT NULL,
     operation_id TEXT NOT NULL,
     operation_name TEXT,
     time_ms INTEGER NOT NULL,
     kind TEXT NOT NULL,
     viewer_agency TEXT NOT NULL,
     viewer_user TEXT NOT NULL,
     viewer_role TEXT NOT NULL,
     purpose TEXT NOT NULL,
     processing_activity TEXT NOT NULL,
     owner_agency TEXT,
     entity_type TEXT,
     entity_id TEXT,
     subject TEXT,
     fields_released TEXT NOT NULL,
     fields_withheld TEXT NOT NULL,
     decisions TEXT NOT NULL,
     search_terms TEXT,
     outcome TEXT NOT NULL
   ) STRICT;
   CREATE INDEX audit_entry_subject ON audit_entry (subject, seq) WHERE subject IS NOT NULL;
   CREATE INDEX audit_entry_viewer ON audit_entry (viewer_agency, seq);
   CREATE INDEX audit_entry_owner ON audit_entry (owner_agency, seq);
   CREATE INDEX audit_entry_time ON audit_entry (time_ms);
   -- Lookup aid for findDecision; the answer is always read from the hashed entry row.
   CREATE TABLE audit_decision_ref (decision_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (decision_id, seq)) WITHOUT ROWID, STRICT;
   CREATE TABLE audit_chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL) STRICT;
   INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');
   CREATE TABLE audit_checkpoint (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, removed INTEGER NOT NULL, pruned_at_ms INTEGER NOT NULL) STRICT;
   CREATE TABLE audit_prune_gate (open INTEGER NOT NULL) STRICT;
   CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
     BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
   CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
     WHEN NOT EXISTS (SELECT 1 FROM audit_prune_gate)
     BEGIN SELECT RAISE(ABORT, 'audit entries are removed only by prune'); END;
   CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
     BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
   CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
     BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
   CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
     BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be removed'); END;`,
  // 2: the other persons a household-level record is about, and the lookup table a subject filter uses.
  `ALTER TABLE audit_entry ADD COLUMN related_subjects TEXT;
   CREATE TABLE audit_subject_ref (subject TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (subject, seq)) WITHOUT ROWID, STRICT;`,
  // 3: the second format (unit.ts): the chain links requests, each a hash tree over its entries; entries
  // compact; the index rows derived and verified. A trail of the first format is refused (see below).
  `DROP TABLE audit_entry; DROP TABLE audit_decision_ref; DROP TABLE audit_subject_ref;
   DROP TABLE audit_chain_head; DROP TABLE audit_checkpoint; DROP TABLE audit_prune_gate;
   CREATE TABLE audit_request (
     seq INTEGER PRIMARY KEY,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL,
     root TEXT NOT NULL,
     first_entry_seq INTEGER NOT NULL,
     entry_count INTEGER NOT NULL,
     trace_id TEXT NOT NULL,
     span_id TEXT,
     parent_span_id TEXT,
     operation_id TEXT NOT NULL,
     operation_name TEXT,
     time_ms INTEGER NOT NULL,
     end_ms INTEGER NOT NULL,
     viewer_agency TEXT NOT NULL,
     viewer_user TEXT NOT NULL,
     viewer_role TEXT NOT NULL,
     responsible_user TEXT,
     access_point TEXT,
     purpose TEXT NOT NULL,
     processing_activity TEXT NOT NULL,
     dictionary TEXT NOT NULL
   ) STRICT;
   CREATE INDEX audit_request_viewer ON audit_request (viewer_agency, seq);
   CREATE INDEX audit_request_time ON audit_request (time_ms);
   CREATE INDEX audit_request_trace ON audit_request (trace_id);
   CREATE INDEX audit_request_operation ON audit_request (operation_id);
   CREATE TABLE audit_record (
     seq INTEGER PRIMARY KEY,
     request_seq INTEGER NOT NULL,
     kind TEXT NOT NULL,
     owner_agency TEXT,
     entity_type TEXT,
     entity_id TEXT,
     outcome TEXT NOT NULL,
     body TEXT NOT NULL,
     leaf TEXT NOT NULL
   ) STRICT;
   CREATE INDEX audit_record_owner ON audit_record (owner_agency, seq) WHERE owner_agency IS NOT NULL;
   CREATE INDEX audit_record_entity ON audit_record (entity_id) WHERE entity_id IS NOT NULL;
   -- Derived from the requests (unit.ts indexRows) and compared with them by verify.
   CREATE TABLE audit_index (kind TEXT NOT NULL, value TEXT NOT NULL, request_seq INTEGER NOT NULL,
     PRIMARY KEY (kind, value, request_seq)) WITHOUT ROWID, STRICT;
   CREATE TABLE audit_chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL, entry_seq INTEGER NOT NULL) STRICT;
   INSERT INTO audit_chain_head (id, seq, hash, entry_seq) VALUES (1, 0, '${GENESIS_HASH}', 0);
   CREATE TABLE audit_checkpoint (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, entry_seq INTEGER NOT NULL,
     removed INTEGER NOT NULL, pruned_at_ms INTEGER NOT NULL) STRICT;
   CREATE TABLE audit_prune_gate (open INTEGER NOT NULL) STRICT;
   CREATE TRIGGER audit_request_no_update BEFORE UPDATE ON audit_request
     BEGIN SELECT RAISE(ABORT, 'audit requests are append-only'); END;
   CREATE TRIGGER audit_request_no_delete BEFORE DELETE ON audit_request
     WHEN NOT EXISTS (SELECT 1 FROM audit_prune_gate)
     BEGIN SELECT RAISE(ABORT, 'audit requests are removed only by prune'); END;
   CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record
     BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
   CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record
     WHEN NOT EXISTS (SELECT 1 FROM audit_prune_gate)
     BEGIN SELECT RAISE(ABORT, 'audit entries are removed only by prune'); END;
   CREATE TRIGGER audit_index_no_update BEFORE UPDATE ON audit_index
     BEGIN SELECT RAISE(ABORT, 'audit index rows are append-only'); END;
   CREATE TRIGGER audit_index_no_delete BEFORE DELETE ON audit_index
     WHEN NOT EXISTS (SELECT 1 FROM audit_prune_gate)
     BEGIN SELECT RAISE(ABORT, 'audit index rows are removed only by prune'); END;
   CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
     BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
   CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
     BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
   CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
     BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be removed'); END;`,
  // 4: the entity index keyed on a prefix of the pseudonym (rows.ts ENTITY_INDEX_PREFIX): about half the
  // bytes per entry of the full 25 characters; the filter compares the full pseudonym after the lookup.
  // An expression, not a stored column: nothing is stored that a leaf hash does not cover.
  `DROP INDEX audit_record_entity;
   CREATE INDEX audit_record_entity ON audit_record (substr(entity_id, 1, 11)) WHERE entity_id IS NOT NULL;`,
  // 5: the act outbox (act-outbox.ts), in the trail's database so an act and its entries commit together.
  `CREATE TABLE act (
     id TEXT PRIMARY KEY,
     sender TEXT NOT NULL,
     idempotency_key TEXT NOT NULL,
     input_hash TEXT NOT NULL,
     kind TEXT NOT NULL,
     referral_kind TEXT,
     receiver TEXT NOT NULL,
     status TEXT NOT NULL,
     answers_act TEXT,
     fields_sent TEXT NOT NULL,
     basis TEXT NOT NULL,
     payload TEXT,
     reference TEXT,
     municipality TEXT,
     created_ms INTEGER NOT NULL,
     delivered_ms INTEGER,
     answered_ms INTEGER,
     answer TEXT,
     receiver_reference TEXT,
     attempts INTEGER NOT NULL,
     next_attempt_ms INTEGER,
     lease_until_ms INTEGER,
     last_error TEXT,
     UNIQUE (sender, idempotency_key)
   ) STRICT;
   CREATE INDEX act_due ON act (status, next_attempt_ms);
   CREATE INDEX act_sender ON act (sender, created_ms);
   CREATE INDEX act_receiver ON act (receiver, created_ms);`,
  // Act events (Subscription.actEvents): the one order of the acts' changes of status.
  `ALTER TABLE act ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX act_changed ON act (changed_seq);`,
  // Notifications (notices.ts): each written with its audit entry, in the one order of the commits.
  `CREATE TABLE notice (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     recipient TEXT NOT NULL,
     kind TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     body TEXT NOT NULL
   ) STRICT;
   CREATE INDEX notice_recipient ON notice (recipient, seq);`,
  // Signed webhooks (src/acts/webhooks.ts): what each organisation's endpoint acknowledged.
  `CREATE TABLE webhook_cursor (organisation TEXT PRIMARY KEY, notice_seq INTEGER NOT NULL, act_seq INTEGER NOT NULL) STRICT;`,
  // The search index leaves the commit (trail-index.ts): its rows, the entity index among them, are
  // written behind the chain into a file of their own and rebuilt there from the requests.
  `DROP TABLE audit_index;
   DROP INDEX audit_record_entity;`,
  // Which process sends an organisation's webhooks now (src/acts/webhooks.ts), until when (epoch ms).
  `CREATE TABLE webhook_lease (organisation TEXT PRIMARY KEY, holder TEXT NOT NULL, until_ms INTEGER NOT NULL) STRICT;`,
];

/** The first migration of the second format: a non-empty trail of the first format is not silently dropped. */
const SECOND_FORMAT = 2;

/** Brings the database to the newest schema; the steps and the new version number commit together. */
export function migrateSqliteAudit(db: DatabaseSync): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (row.user_version > 0 && row.user_version <= SECOND_FORMAT) {
      const held = db.prepare('SELECT count(*) AS n FROM audit_entry').get() as { n: number };
      if (held.n > 0) {
        throw new Error('this audit database holds a trail of the first format: verify and archive it with the previous release (audit:verify), then start on a new file');
      }
    }
    for (let version = row.user_version; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version] as string);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
