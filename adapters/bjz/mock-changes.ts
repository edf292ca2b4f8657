/**
 * Internal to mock.ts: BJZ's wijzigingen (issue 12), the change log behind `GET /v2/wijzigingen`. Every
 * change to a gezin after start gets the next volgnummer (`sequence`), starting after 0: the fixtures are
 * the state at position 0. A page is cursor-paged like the client listing, but always answers a cursor
 * (`nextCursor`, where to ask from next time) and says whether more wait (`hasMore`).
 */
import type { MockReply } from '#mock-world/mock-server.ts';
import { JSON_TYPE } from './mock-auth.ts';
import type { WireWijziging, WireWijzigingen, WireWijzigingSoort } from './wire-types.ts';

export interface BjzChangeLog {
  /** Logs one change of a gezin under the next sequence number. */
  log(gezinId: string, type: WireWijzigingSoort): void;
  /** `GET /v2/wijzigingen?after=&limit=`: without `after`, no changes and the current position. */
  page(params: URLSearchParams, batchLimit: number): MockReply;
}

const DEFAULT_PAGE_SIZE = 25;

export function createBjzChangeLog(): BjzChangeLog {
  // Index i holds sequence i + 1: the log only grows, so a position is an index.
  const changes: WireWijziging[] = [];

  return {
    log(gezinId, type) {
      changes.push({ sequence: changes.length + 1, gezinId, type });
    },
    page(params, batchLimit) {
      const limitText = params.get('limit');
      const limit = limitText === null ? DEFAULT_PAGE_SIZE : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > batchLimit) return reply(400, { fout: `limit moet tussen 1 en ${batchLimit} liggen` });
      const after = params.get('after');
      if (after === null) return reply(200, { data: [], nextCursor: encodeCursor(changes.length), hasMore: false } satisfies WireWijzigingen);
      const position = decodeCursor(after);
      // A cursor from the future is one this system never handed out (another BJZ's, or one from before a restart).
      if (position === undefined || position > changes.length) return reply(400, { fout: 'onbekende cursor' });
      const data = changes.slice(position, position + limit);
      const last = data.at(-1)?.sequence ?? position;
      return reply(200, { data, nextCursor: encodeCursor(last), hasMore: last < changes.length } satisfies WireWijzigingen);
    },
  };
}

/** Opaque to clients, as the listing's cursor is; inside, the sequence number of the last change served. */
function encodeCursor(sequence: number): string {
  return Buffer.from(JSON.stringify({ na: sequence }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const na = typeof value === 'object' && value !== null ? (value as { na?: unknown }).na : undefined;
    return Number.isSafeInteger(na) && (na as number) >= 0 ? na as number : undefined;
  } catch {
    return undefined;
  }
}

function reply(status: number, body: unknown): MockReply {
  return { status, headers: JSON_TYPE, body: JSON.stringify(body) };
}
