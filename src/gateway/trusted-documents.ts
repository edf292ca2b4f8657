/**
 * Trusted documents: in production only operations registered for the caller's organisation run.
 * Manifests (operations/organisations/<agency-id>.json, operations/privacy-console.json) map the
 * sha256 of a document, in hex, to the document; they are made by `npm run operations:register` and
 * reviewed in a pull request like code. Apollo Server's own persistedQueries option is APQ, a cache
 * any client fills, so it is no safelist and stays off; the lookup happens here, before Apollo.
 *
 * A request names its document by the GraphQL-over-HTTP `documentId` (`sha256:<hex>`), by Apollo's
 * `extensions.persistedQuery.sha256Hash`, or sends the full text, which runs only when its hash is
 * registered. An unknown id is PERSISTED_QUERY_NOT_FOUND (in every mode); an unregistered text is
 * OPERATION_NOT_TRUSTED when enforced (production by default).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, type GatewayErrorCode } from '#domain/errors.ts';
import type { TrustedDocumentsConfig } from '#src/config/config.ts';
import type { Caller } from '#src/identity/caller.ts';
import type { RequestNotes } from './request-notes.ts';

/** A manifest: lowercase hex sha256 of the document text, to the text. */
export type Manifest = Readonly<Record<string, string>>;

export const CONSOLE_MANIFEST = 'privacy-console.json';
export const ORGANISATIONS_DIR = 'organisations';

export interface TrustedDocuments {
  readonly enforced: boolean;
  /** The document the request runs, or why it may not run. */
  admit(caller: Pick<Caller, 'agencyId' | 'role'>, params: OperationParams): Admission;
}

/** What names the operation in a request (the POST body or the GET parameters). */
export interface OperationParams {
  readonly query?: unknown;
  readonly documentId?: unknown;
  readonly extensions?: unknown;
}

export type Admission =
  | { readonly ok: true; readonly query: string | null }
  | { readonly ok: false; readonly code: GatewayErrorCode; readonly message: string };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function loadTrustedDocuments(config: TrustedDocumentsConfig): TrustedDocuments {
  const byOrganisation = new Map<string, Manifest>();
  const organisationsDir = join(config.dir, ORGANISATIONS_DIR);
  if (existsSync(organisationsDir)) {
    for (const file of readdirSync(organisationsDir).filter((name) => name.endsWith('.json')).sort()) {
      byOrganisation.set(basename(file, '.json'), readManifest(join(organisationsDir, file)));
    }
  }
  const consolePath = join(config.dir, CONSOLE_MANIFEST);
  const consoleManifest = existsSync(consolePath) ? readManifest(consolePath) : {};
  const consoleRoles = new Set(config.consoleRoles);
  const lookup = (caller: Pick<Caller, 'agencyId' | 'role'>, hash: string): string | undefined =>
    byOrganisation.get(caller.agencyId)?.[hash] ?? (consoleRoles.has(caller.role) ? consoleManifest[hash] : undefined);

  return {
    enforced: config.enforced,
    admit(caller, params) {
      const named = namedHash(params);
      if (named === 'malformed') return refused('BAD_REQUEST', 'documentId must be written sha256:<64 hex digits>, persistedQuery.sha256Hash as 64 hex digits.');
      const query = typeof params.query === 'string' && params.query !== '' ? params.query : null;
      if (named !== null) {
        const document = lookup(caller, named);
        if (document === undefined) return refused('PERSISTED_QUERY_NOT_FOUND', 'No operation with this hash is registered for your organisation.');
        if (query !== null && sha256Hex(query) !== named) return refused('BAD_REQUEST', 'The query sent does not have the hash it names.');
        return { ok: true, query: document };
      }
      if (query === null || !config.enforced) return { ok: true, query };
      if (lookup(caller, sha256Hex(query)) === undefined) {
        return refused('OPERATION_NOT_TRUSTED', 'Only operations registered for your organisation run here; register it (npm run operations:register) in a reviewed pull request.');
      }
      return { ok: true, query };
    },
  };
}

/**
 * For /graphql, after the caller is admitted: refuses an untrusted document with a coded 400, or puts
 * the registered document where Apollo reads it (which does not know documentId, and answers
 * PERSISTED_QUERY_NOT_SUPPORTED to a persistedQuery extension): the POST body, or for GET the URL's
 * parameters (Apollo's fastify integration reads a GET from `request.url`). True when refused.
 */
export function refuseUntrusted(documents: TrustedDocuments, caller: Caller, request: FastifyRequest, reply: FastifyReply, notes: RequestNotes): boolean {
  if (request.method === 'GET') return refuseUntrustedGet(documents, caller, request, reply, notes);
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const params = body as Record<string, unknown>;
  const admission = documents.admit(caller, params);
  if (!admission.ok) return refuse(admission, reply, notes);
  if (admission.query !== null) params.query = admission.query;
  delete params.documentId;
  const extensions = params.extensions;
  if (extensions !== null && typeof extensions === 'object' && 'persistedQuery' in extensions) {
    delete (extensions as Record<string, unknown>).persistedQuery;
  }
  return false;
}

function refuseUntrustedGet(documents: TrustedDocuments, caller: Caller, request: FastifyRequest, reply: FastifyReply, notes: RequestNotes): boolean {
  const url = new URL(request.url, 'http://gateway.invalid');
  const search = url.searchParams;
  let extensions: unknown;
  try {
    extensions = search.has('extensions') ? JSON.parse(search.get('extensions')!) as unknown : undefined;
  } catch {
    extensions = undefined; // Apollo refuses unreadable extensions itself, with its own 400.
  }
  const admission = documents.admit(caller, { query: search.get('query') ?? undefined, documentId: search.get('documentId') ?? undefined, extensions });
  if (!admission.ok) return refuse(admission, reply, notes);
  if (admission.query !== null) search.set('query', admission.query);
  search.delete('documentId');
  if (extensions !== null && typeof extensions === 'object' && 'persistedQuery' in extensions) {
    const { persistedQuery: _named, ...rest } = extensions as Record<string, unknown>;
    search.set('extensions', JSON.stringify(rest));
  }
  request.raw.url = `${url.pathname}?${search.toString()}`;
  return false;
}

function refuse(admission: Extract<Admission, { ok: false }>, reply: FastifyReply, notes: RequestNotes): true {
  notes.outcome = admission.code;
  void reply.code(400).type('application/json').send(errorBody(admission.code, admission.message));
  return true;
}

/** The hash a request names, null when it names none. */
function namedHash(params: OperationParams): string | null | 'malformed' {
  if (params.documentId !== undefined && params.documentId !== null) {
    const match = typeof params.documentId === 'string' ? /^sha256:([0-9a-f]{64})$/i.exec(params.documentId) : null;
    return match ? match[1]!.toLowerCase() : 'malformed';
  }
  const extensions = params.extensions;
  if (extensions === null || typeof extensions !== 'object' || !('persistedQuery' in extensions)) return null;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  const hash = persisted !== null && typeof persisted === 'object' ? (persisted as { sha256Hash?: unknown }).sha256Hash : undefined;
  return typeof hash === 'string' && /^[0-9a-f]{64}$/i.test(hash) ? hash.toLowerCase() : 'malformed';
}

function refused(code: GatewayErrorCode, message: string): Admission {
  return { ok: false, code, message };
}

/** Reads a manifest and checks every key is the sha256 of its document; start-up fails otherwise. */
export function readManifest(path: string): Manifest {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path}: a manifest is an object of sha256 hex to document`);
  const manifest: Record<string, string> = {};
  for (const [hash, document] of Object.entries(parsed)) {
    if (typeof document !== 'string' || sha256Hex(document) !== hash) throw new Error(`${path}: ${hash} is not the sha256 of its document`);
    manifest[hash] = document;
  }
  return Object.freeze(manifest);
}
