/**
 * Told, not polled (issue 13): organisations subscribe to their acts over server-sent events at
 * /graphql/stream (graphql-sse's own client, real HTTP). Scenario 1: the AMK is told of the case
 * handed over to it as it reaches its system; the ASHG is told the AMK accepted; what a subscriber
 * missed is fetched again from its cursor; an organisation that is no party is told nothing. The
 * stream admits callers as /graphql does and takes subscriptions only.
 */
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const BJZ = { agencyId: 'bjz-groningen', purpose: 'early-intervention' };
const EVENTS = 'subscription($after: ID) { actEvents(after: $after) { cursor act { id kind status answer sender { id } receiver { id } fieldsSent } } }';

type Event = { cursor: string; act: { id: string; kind: string; status: string; answer: string | null; sender: { id: string }; receiver: { id: string }; fieldsSent: string[] } };

let gateway: TestGateway;
let url: string;
const clients: Client[] = [];
beforeAll(async () => {
  gateway = await startTestGateway({ actDelivery: { baseBackoffMs: 20, pollMs: 50 } });
  await gateway.gateway.app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(gateway.gateway.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const client of clients) client.dispose();
  await gateway?.close();
});

/** A subscriber: the events it was told, in order. */
async function subscribe(as: { agencyId: string; purpose: string }, after?: string): Promise<{ events: Event[]; errors: unknown[]; stop(): void }> {
  const token = await gateway.token({ agencyId: as.agencyId, purposes: [as.purpose] });
  const client = createClient({ url: `${url}/graphql/stream`, headers: { authorization: `Bearer ${token}`, 'x-purpose': as.purpose }, retryAttempts: 0 });
  clients.push(client);
  const events: Event[] = [];
  const errors: unknown[] = [];
  const stop = client.subscribe<{ actEvents: Event }>({ query: EVENTS, variables: { after: after ?? null } }, {
    next: (value) => { if (value.data) events.push(value.data.actEvents); if (value.errors) errors.push(...value.errors); },
    error: (error) => errors.push(error),
    complete: () => undefined,
  });
  // The stream is open once the gateway has admitted it; give it a moment to start looking.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { events, errors, stop };
}

async function until<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined || Date.now() > deadline) return value as T;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('scenario 1, told', () => {
  it('the AMK is told of the handover reaching it, the ASHG of the AMK accepting; a third party is told nothing', { timeout: 60_000 }, async () => {
    const amk = await subscribe(AMK);
    const ashg = await subscribe(ASHG);
    const bjz = await subscribe(BJZ);

    const bsn = createWorld().households[0]!.members[0]!.bsn;
    const reports = await gateway.query(ASHG, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }', { bsn });
    const reportId = (reports.body.data?.householdsOfPerson as { reports: { id: string; owner: { id: string } }[] }[])
      .flatMap((household) => household.reports).find((report) => report.owner.id === ASHG.agencyId)!.id;
    const handed = await gateway.query(ASHG, 'mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id } }', {
      input: { idempotencyKey: 'notified-0001', reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' },
    });
    const actId = (handed.body.data as { handOverCase: { id: string } }).handOverCase.id;

    const arrived = await until(() => amk.events.find((event) => event.act.id === actId && event.act.status === 'DELIVERED'));
    expect(arrived?.act).toMatchObject({ kind: 'HAND_OVER_CASE', sender: { id: 'ashg-groningen' }, receiver: { id: 'amk-groningen' } });
    expect(arrived!.act.fieldsSent).not.toContain('Report.reporter');

    await gateway.query(AMK, 'mutation($input: AnswerReferralInput!) { answerReferral(input: $input) { id } }', {
      input: { idempotencyKey: 'notified-answer-0001', actId, answer: 'ACCEPTED' },
    });
    const accepted = await until(() => ashg.events.find((event) => event.act.id === actId && event.act.status === 'ACCEPTED'));
    expect(accepted?.act.answer).toBe('ACCEPTED');

    // Cursors only grow; each event's act is one the subscriber's organisation sent or received.
    const seqs = ashg.events.map((event) => Number(event.cursor.slice(3)));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    for (const [subscriber, agencyId] of [[ashg, ASHG.agencyId], [amk, AMK.agencyId]] as const) {
      for (const event of subscriber.events) expect([event.act.sender.id, event.act.receiver.id]).toContain(agencyId);
    }
    expect(bjz.events).toEqual([]);
    for (const subscriber of [amk, ashg, bjz]) expect(subscriber.errors).toEqual([]);

    // Missed while away: from the cursor before the acceptance, the act as it stands now (ACCEPTED), again, by
    // query and by a new subscription. (An event is the act at its last change: states passed between two looks are not repeated.)
    const index = ashg.events.indexOf(accepted!);
    const from = index > 0 ? ashg.events[index - 1]!.cursor : 'ev_0';
    const missed = await gateway.query(ASHG, 'query($after: ID) { actEvents(after: $after) { cursor act { id status } } }', { after: from });
    const again = (missed.body.data as { actEvents: { cursor: string; act: { id: string; status: string } }[] }).actEvents;
    expect(again.find((event) => event.act.id === actId)?.act.status).toBe('ACCEPTED');
    expect(again.every((event) => Number(event.cursor.slice(3)) > Number(from.slice(3)))).toBe(true);
    const resumed = await subscribe(ASHG, from);
    expect(await until(() => resumed.events.find((event) => event.act.id === actId && event.act.status === 'ACCEPTED'))).toBeDefined();
  });
});

describe('scenario 3, told', () => {
  it('the police are told Bureau Jeugdzorg accepted their referral', { timeout: 60_000 }, async () => {
    const police = await subscribe({ agencyId: 'politie-noord-nederland', purpose: 'early-intervention' });
    const bsn = createWorld().households[2]!.members[0]!.bsn;
    const reports = await gateway.query({ agencyId: 'politie-noord-nederland', purpose: 'early-intervention' },
      'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }', { bsn });
    const reportId = (reports.body.data?.householdsOfPerson as { reports: { id: string; owner: { id: string } }[] }[])
      .flatMap((household) => household.reports).find((report) => report.owner.id === 'politie-noord-nederland')!.id;
    const referred = await gateway.query({ agencyId: 'politie-noord-nederland', purpose: 'early-intervention' },
      'mutation($input: ReferZorgmeldingInput!) { referZorgmelding(input: $input) { id } }',
      { input: { idempotencyKey: 'notified-referral-0003', reportId, to: 'bjz-groningen', referralKind: 'POLICE_TO_BJZ' } });
    const actId = (referred.body.data as { referZorgmelding: { id: string } }).referZorgmelding.id;
    const delivered = await until(() => police.events.find((event) => event.act.id === actId && event.act.status === 'DELIVERED'));
    expect(delivered).toBeDefined();
    await gateway.query(BJZ, 'mutation($input: AnswerReferralInput!) { answerReferral(input: $input) { id } }', {
      input: { idempotencyKey: 'notified-answer-0003', actId, answer: 'ACCEPTED' },
    });
    expect(await until(() => police.events.find((event) => event.act.id === actId && event.act.status === 'ACCEPTED'))).toBeDefined();
    expect(police.errors).toEqual([]);
  });
});

describe('the stream admits as /graphql does', () => {
  const post = (headers: Record<string, string>, body: object) =>
    fetch(`${url}/graphql/stream`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers }, body: JSON.stringify(body) });

  it('refuses a missing token, and anything but a subscription', async () => {
    const anonymous = await post({ 'x-purpose': ASHG.purpose }, { query: EVENTS });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json() as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('TOKEN_MISSING');
    const token = await gateway.token({ agencyId: ASHG.agencyId, purposes: [ASHG.purpose] });
    const auth = { authorization: `Bearer ${token}`, 'x-purpose': ASHG.purpose };
    const query = await post(auth, { query: '{ me { role } }' });
    expect(query.status).toBe(400);
    expect((await query.json() as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const huge = await post(auth, { query: `subscription { actEvents { ${'cursor '.repeat(20_000)} } }` });
    expect(huge.status).toBe(400);
  });

  it('and /graphql sends subscriptions here', async () => {
    const response = await gateway.query(ASHG, EVENTS);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/graphql\/stream/);
  });
});
