/**
 * Signed webhooks (issue 13, docs/notifications.md): the ASHG configures an endpoint and is sent its
 * notices and act events, each signed by the Standard Webhooks scheme and verified here with the same
 * library a receiver would use; in order, at least once (an endpoint that fails is sent the same message
 * again, then the rest); a restarted gateway resumes after what was acknowledged; no value travels.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import { stringsIn } from '../support/received-acts.ts';

const world = createWorld();
const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const READ = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id reports { id narrative owner { id } } members { name bsn } } }';
const NOTICES = 'query($after: ID) { notifications(after: $after, first: 100) { cursor id kind agency { id } purpose basis records { type id } fields } }';
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;

interface Received { readonly headers: IncomingHttpHeaders; readonly body: string }
const received: Received[] = [];
let answer = 204;
let server: Server;
let endpoint: string;
const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-webhook-'));
let gateway: TestGateway;

async function start(): Promise<TestGateway> {
  const started = await startTestGateway({
    dataDir,
    configure: (config) => ({ ...config, agencies: config.agencies.map((agency) => (agency.id === ASHG.agencyId ? { ...agency, webhook: { url: endpoint, secret: SECRET } } : agency)) }),
    webhookDelivery: { pollMs: 40, baseBackoffMs: 40, maxBackoffMs: 160 },
    actDelivery: { baseBackoffMs: 20, pollMs: 50 },
  });
  // The first pass starts the endpoint's stream from now; wait for it so what follows is sent.
  await until(async () => (await started.gateway.services.audit.notices.webhookCursor(ASHG.agencyId)) ?? undefined);
  return started;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => void (body += chunk)).on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ketenpoort-hook`;
  gateway = await start();
});
afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value as T;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The messages as the receiver verifies them; a bad signature throws. */
function verified(messages: readonly Received[]): { id: string; type: string; data: Record<string, unknown> }[] {
  const verifier = new Webhook(SECRET);
  return messages.map(({ headers, body }) => {
    const payload = verifier.verify(body, headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    return { id: headers['webhook-id'] as string, type: payload.type, data: payload.data };
  });
}

describe('signed webhooks', () => {
  it('sends the ASHG the notice of the AMK\'s read, signed, exactly as Query.notifications shows it, with no value in it', async () => {
    const household = world.households[0]!;
    const from = received.length;
    const read = await gateway.query(AMK, READ, { bsn: household.members[0]!.bsn });
    expect(read.body.errors, JSON.stringify(read.body.errors)).toBeUndefined();
    const messages = await until(() => {
      const found = verified(received.slice(from)).filter((message) => message.type === 'notification.record_accessed');
      return found.length > 0 ? found : undefined;
    });
    expect(messages).toHaveLength(1);
    const listed = (await gateway.query(ASHG, NOTICES)).body.data as { notifications: { cursor: string; id: string; kind: string; agency: { id: string }; purpose: string; basis: string[]; records: unknown[]; fields: string[] }[] };
    const notice = listed.notifications.find((candidate) => candidate.id === messages[0]!.id)!;
    expect(notice).toBeDefined();
    expect(messages[0]!.data).toMatchObject({ cursor: notice.cursor, id: notice.id, kind: 'RECORD_ACCESSED', agency: AMK.agencyId, purpose: notice.purpose, basis: notice.basis, records: notice.records, fields: notice.fields });
    // Accounted before it was sent: the ASHG's endpoint the viewer, the notice by its cursor.
    const accounted = await gateway.gateway.services.audit.query({ viewerAgencyId: ASHG.agencyId }, { first: 500 });
    expect(accounted.entries.filter((entry) => entry.viewer.userId === 'ketenpoort:webhook' && entry.searchTerms?.cursors === notice.cursor)).toHaveLength(1);
    const values = new Set(household.members.flatMap((member) => [member.bsn, member.name]));
    for (const text of stringsIn(JSON.parse(received.at(-1)!.body))) expect(values.has(text)).toBe(false);
  });

  it('a body changed on the way, or signed with another secret, does not verify', () => {
    const last = received.at(-1)!;
    expect(() => new Webhook(SECRET).verify(`${last.body} `, last.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook(`whsec_${randomBytes(24).toString('base64')}`).verify(last.body, last.headers as Record<string, string>)).toThrow();
  });

  it('sends the ASHG its act\'s events: queued, then delivered into the AMK\'s system', async () => {
    const from = received.length;
    const reports = await gateway.query(ASHG, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }', { bsn: world.households[0]!.members[0]!.bsn });
    const reportId = (reports.body.data?.householdsOfPerson as { reports: { id: string; owner: { id: string } }[] }[]).flatMap((h) => h.reports).find((r) => r.owner.id === ASHG.agencyId)!.id;
    const handed = await gateway.query(ASHG, 'mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id } }',
      { input: { idempotencyKey: `webhook-${process.pid}-1`, reportId, to: AMK.agencyId, referralKind: 'HANDOVER_ASHG_TO_AMK' } });
    const actId = (handed.body.data as { handOverCase: { id: string } }).handOverCase.id;
    const statuses = await until(() => {
      const found = verified(received.slice(from)).filter((message) => message.type === 'act.changed' && (message.data.act as { id: string }).id === actId)
        .map((message) => (message.data.act as { status: string }).status);
      return found.includes('DELIVERED') ? found : undefined;
    });
    expect(statuses.at(-1)).toBe('DELIVERED');
  });

  it('an endpoint that fails is sent the same message again, then the rest, in order; a restarted gateway resumes after what was acknowledged', async () => {
    answer = 503;
    const from = received.length;
    // Two reads of scenario 1 by the AMK: two notices to the ASHG.
    for (const member of [world.households[0]!.members[0]!, world.households[0]!.members[1]!]) await gateway.query(AMK, READ, { bsn: member.bsn });
    // Refused at least twice: the first message comes again, nothing after it is sent meanwhile.
    await until(() => (received.length - from >= 3 ? true : undefined));
    const refused = received.slice(from).map((message) => message.headers['webhook-id']);
    expect(new Set(refused).size).toBe(1);
    answer = 204;
    const notices = (await gateway.query(ASHG, NOTICES)).body.data as { notifications: { id: string; cursor: string }[] };
    const wanted = notices.notifications.slice(-2).map((notice) => notice.id);
    expect(wanted[0]).toBe(refused[0]);
    await until(() => (received.some((message) => message.headers['webhook-id'] === wanted[1]) ? true : undefined));
    const ids = received.slice(from).map((message) => message.headers['webhook-id']);
    // Each message only after the one before was acknowledged: the refused one repeated, then the next once.
    expect(ids.lastIndexOf(wanted[0]) < ids.indexOf(wanted[1])).toBe(true);
    expect(ids.filter((id) => id === wanted[1])).toHaveLength(1);

    // A notice the endpoint refused when the gateway stopped is sent by the next one on the same store, after
    // nothing it had acknowledged: the cursor is the store's, not the process's.
    answer = 503;
    const refusedFrom = received.length;
    await gateway.query(AMK, READ, { bsn: world.households[0]!.members[0]!.bsn });
    await until(() => (received.length > refusedFrom ? true : undefined));
    const pending = received[refusedFrom]!.headers['webhook-id'] as string;
    await gateway.close();
    answer = 204;
    const before = received.length;
    gateway = await start();
    await until(() => (received.slice(before).some((message) => message.headers['webhook-id'] === pending) ? true : undefined));
    const resent = verified(received.slice(before)).map((message) => message.id);
    expect(resent).toContain(pending);
    expect(resent).not.toContain(wanted[0]);
    expect(resent).not.toContain(wanted[1]);
  });
});
