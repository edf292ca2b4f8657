/**
 * Scenario 1 handed over with the audit trail and the act outbox in PostgreSQL, as a deployment has
 * them: two requests with one key at once queue one act with one set of entries (the store serialises
 * on the key), the AMK's system gets it once, the AMK's answer moves it to ACCEPTED.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditStore } from '#src/audit/store.ts';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import { createWorld } from '#mock-world/index.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from '../audit/postgres-env.ts';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';
import { receivedBy } from '../support/received-acts.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const HAND_OVER = 'mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id status } }';

describePostgres('acts on PostgreSQL', () => {
  const schema = uniqueSchema('acts_e2e');
  let store: AuditStore;
  let gateway: TestGateway;
  beforeAll(async () => {
    store = await createPostgresAuditStore({ connectionString: DATABASE_URL, schema });
    gateway = await startTestGateway({ audit: store, actDelivery: { baseBackoffMs: 20, pollMs: 50 } });
  });
  afterAll(async () => {
    await gateway?.close();
    await store?.close();
    await dropSchema(schema);
  });

  const data = <T>(response: GraphQLResponse, field: string): T => {
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    return (response.body.data as Record<string, T>)[field]!;
  };
  async function status(as: typeof ASHG, id: string, want: string): Promise<string> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const act = data<{ status: string } | null>(await gateway.query(as, 'query($id: ID!) { act(id: $id) { status } }', { id }), 'act');
      if (act?.status === want || Date.now() > deadline) return act?.status ?? 'MISSING';
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('one act for two requests with one key, delivered once, accepted', { timeout: 60_000 }, async () => {
    const bsn = createWorld().households[0]!.members[0]!.bsn;
    const reports = await gateway.query(ASHG, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }', { bsn });
    const reportId = data<{ reports: { id: string; owner: { id: string } }[] }[]>(reports, 'householdsOfPerson')
      .flatMap((household) => household.reports).find((report) => report.owner.id === ASHG.agencyId)!.id;
    const input = { idempotencyKey: 'pg-handover-0001', reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' };
    const [one, two] = await Promise.all([gateway.query(ASHG, HAND_OVER, { input }), gateway.query(ASHG, HAND_OVER, { input })]);
    const act = data<{ id: string }>(one, 'handOverCase');
    expect(data<{ id: string }>(two, 'handOverCase').id).toBe(act.id);

    expect(await status(ASHG, act.id, 'DELIVERED')).toBe('DELIVERED');
    expect(receivedBy(gateway, 'amk-groningen').filter((entry) => entry.actId === act.id)).toHaveLength(1);
    // One set of entries: every act entry of the trail comes from one of the two requests, and only one wrote.
    const entries = (await store.query({}, { first: 500 })).entries.filter((entry) => entry.kind === 'act');
    const writers = new Set(entries.map((entry) => entry.operationId));
    expect(writers.size).toBe(1);
    expect([one.headers['x-request-id'], two.headers['x-request-id']]).toContain([...writers][0]);

    data(await gateway.query(AMK, 'mutation($input: AnswerReferralInput!) { answerReferral(input: $input) { id } }', {
      input: { idempotencyKey: 'pg-answer-0001', actId: act.id, answer: 'ACCEPTED' },
    }), 'answerReferral');
    expect(await status(ASHG, act.id, 'ACCEPTED')).toBe('ACCEPTED');
    expect((await store.verify()).ok).toBe(true);
  });
});
