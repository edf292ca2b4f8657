/**
 * The thread the SQLite audit store runs on. node:sqlite is synchronous: on the gateway's event loop
 * every commit (an fsync) and every verify or prune (a walk of the whole chain) would stall all requests
 * in flight. Here they stall only this thread. One connection, one request at a time, in arrival order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAuditStoreError } from '../errors.ts';
import { openSqliteEngine, type SqliteEngine, type SqliteEngineOptions } from './engine.ts';

export type SqliteOperation = keyof SqliteEngine;

export interface SqliteRequest {
  readonly id: number;
  readonly op: SqliteOperation;
  readonly args: readonly unknown[];
}

/** An error as it crosses the thread: its audit code when it has one, never the values it was about. */
export interface SqliteFailure {
  readonly code: string | null;
  readonly name: string;
  readonly message: string;
}

export type SqliteReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SqliteFailure };

function toFailure(error: unknown): SqliteFailure {
  if (isAuditStoreError(error)) return { code: error.code, name: error.name, message: error.message };
  if (error instanceof Error) return { code: null, name: error.name, message: error.message };
  return { code: null, name: 'Error', message: String(error) };
}

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread of store.ts');

let engine: SqliteEngine | null = null;
let openFailure: SqliteFailure | null = null;
try {
  engine = openSqliteEngine(workerData as SqliteEngineOptions);
} catch (error) {
  const { message } = toFailure(error);
  openFailure = { code: 'AUDIT_UNAVAILABLE', name: 'AuditStoreError', message: `audit store could not be opened: ${message}` };
}

port.on('message', (request: SqliteRequest) => {
  let reply: SqliteReply;
  if (!engine) reply = { id: request.id, ok: false, error: openFailure ?? toFailure(new Error('audit store did not open')) };
  else {
    try {
      const method = engine[request.op] as (...args: unknown[]) => unknown;
      reply = { id: request.id, ok: true, value: method(...request.args) };
    } catch (error) {
      reply = { id: request.id, ok: false, error: toFailure(error) };
    }
  }
  port.postMessage(reply);
  if (request.op === 'close') port.close();
});
