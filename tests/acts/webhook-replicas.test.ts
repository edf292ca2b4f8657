/**
 * Two replicas on one store send an organisation's webhooks once, not once each: they take turns by a
 * lease (src/acts/webhooks.ts, NoticeFeed.leaseWebhook). The one without the turn sends nothing; when the
 * sender stops, the other takes over at once (a stopped sender gives its lease up), and when a sender
 * dies without stopping, the other takes over once its lease has run out. On SQLite and on PostgreSQL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookDispatcher, type WebhookDispatcher } from '#src/acts/webhooks.ts';
import type { AuditStore } from '#src/audit/store.ts';
import type { NewNotice } from '#src/audit/notices.ts';
import { entry } from '../audit/entry-builder.ts';
import { describePostgres } from '../audit/postgres-env.ts';
import { openPostgresTestStore, openSqliteTestStore, type OpenedStore } from '../audit/test-stores.ts';

const ORGANISATION = 'ashg-groningen';
const SECRET = `whsec_${Buffer.from('a shared secret for the replicas test').toString('base64')}`;

let server: Server;
let url: string;
const received: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    received.push(String(request.headers['webhook-id']));
    request.resume().on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));

function notice(n: number): NewNotice {
  return {
    id: `nt_replicas_${n}`, recipient: ORGANISATION, kind: 'ACCESS', createdAt: new Date(Date.UTC(2026, 11, 7, 9, 0, n)),
    body: { agency: 'amk-groningen', purpose: 'child-abuse-assessment', basis: [], records: [], fields: [], household: null, referralKind: null },
  } as unknown as NewNotice;
}

function replica(store: AuditStore, clock: () => number): WebhookDispatcher {
  return createWebhookDispatcher({
    endpoints: [{ organisation: ORGANISATION, url, secret: SECRET }],
    notices: store.notices, acts: store.acts, account: async () => undefined,
    logger: pino({ level: 'silent' }), leaseMs: 5_000, now: clock,
  });
}

function describeReplicas(name: string, open: () => Promise<OpenedStore>): void {
  describe(name, () => {
    let opened: OpenedStore | null = null;
    afterEach(async () => {
      await opened?.cleanup();
      opened = null;
      received.length = 0;
    });

    it('sends each message once, takes turns when the sender stops, and takes over a dead sender when its lease runs out', async () => {
      opened = await open();
      const { store } = opened;
      let now = Date.UTC(2026, 11, 7, 9, 0, 0);
      const clock = () => now;
      const first = replica(store, clock);
      const second = replica(store, clock);
      // The stream starts from now on its first pass; then three notices.
      await first.runOnce();
      await store.append([entry(1)], [notice(1), notice(2), notice(3)]);
      expect(await second.runOnce()).toBe(0);
      expect(await first.runOnce()).toBe(3);
      expect(await second.runOnce()).toBe(0);
      expect(received).toEqual(['nt_replicas_1', 'nt_replicas_2', 'nt_replicas_3']);

      // The sender stops: its lease goes with it, and the other sends the next at once.
      await first.stop();
      await store.append([entry(2)], [notice(4)]);
      expect(await second.runOnce()).toBe(1);
      expect(received.at(-1)).toBe('nt_replicas_4');

      // The sender dies (never stops): the other waits out its lease, then sends.
      const third = replica(store, clock);
      await store.append([entry(3)], [notice(5)]);
      expect(await third.runOnce()).toBe(0);
      now += 5_001;
      expect(await third.runOnce()).toBe(1);
      expect(received).toEqual(['nt_replicas_1', 'nt_replicas_2', 'nt_replicas_3', 'nt_replicas_4', 'nt_replicas_5']);
      await third.stop();
    });
  });
}

describeReplicas('webhooks from two replicas on one SQLite trail', () => openSqliteTestStore('webhook-replicas'));

describePostgres('webhooks from two replicas on one PostgreSQL trail', () => {
  describeReplicas('on PostgreSQL', () => openPostgresTestStore('webhook_replicas'));
});
