/**
 * The chain's acts end to end (issue 13, docs/acts.md): DOMAIN scenario 1 (the ASHG hands the case over
 * to the AMK, which accepts) and scenario 3 (the police refer a child to Bureau Jeugdzorg under the 0-18
 * covenant, which accepts and gives feedback), played through the gateway over real HTTP into the
 * receivers' mocks; scenario 6 refused. Asserted on three sides: what the caller sees (the act and its
 * status), what the receiver's system holds (exactly the granted fields, once), and the trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#src/audit/entry.ts';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';
import { coordinatesOf, receivedBy, recordDeliveries, stringsIn } from '../support/received-acts.ts';
import type { ActDelivery } from '#domain/acts.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const POLICE = { agencyId: 'politie-noord-nederland', purpose: 'early-intervention' };
const POLICE_FEEDBACK = { agencyId: 'politie-noord-nederland', purpose: 'zorgmelding-feedback' };
const BJZ = { agencyId: 'bjz-groningen', purpose: 'early-intervention' };
const NEVER_TRAVELS = ['Report.reporter', 'Reporter.name', 'Reporter.type', 'Reporter.phone', 'Reporter.anonymityPromised', 'Report.restrictedInformation'];

const ACT = 'id kind referralKind status sender { id } receiver { id } answers answer fieldsSent basis attempts lastError';
const HAND_OVER = `mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { ${ACT} } }`;
const REFER = `mutation($input: ReferZorgmeldingInput!) { referZorgmelding(input: $input) { ${ACT} } }`;
const ANSWER = `mutation($input: AnswerReferralInput!) { answerReferral(input: $input) { ${ACT} } }`;
const FEEDBACK = `mutation($input: GiveFeedbackInput!) { giveFeedback(input: $input) { ${ACT} } }`;
const GET_ACT = `query($id: ID!) { act(id: $id) { ${ACT} } }`;
const REPORTS = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }';

type Act = { id: string; status: string; attempts: number; fieldsSent: string[]; basis: string[]; receiver: { id: string } | null; answer: string | null; lastError: string | null };
type Caller = { agencyId: string; purpose: string; role?: string };

const world = createWorld();
let gateway: TestGateway;
let deliveries: ReadonlyMap<string, readonly ActDelivery[]>;
let keys = 0;
const key = (): string => `test-key-${Date.now()}-${keys++}`;

beforeAll(async () => {
  gateway = await startTestGateway({ actDelivery: { baseBackoffMs: 20, maxBackoffMs: 1000, maxAttempts: 100, pollMs: 50 } });
  deliveries = recordDeliveries(gateway);
});

/** What reached the receiver: the delivery in the domain's words (its last attempt) and what its system stored. */
function reached(agencyId: string, actId: string) {
  const stored = receivedBy(gateway, agencyId).filter((entry) => entry.actId === actId);
  return { delivery: deliveries.get(actId)?.at(-1), stored };
}
afterAll(async () => gateway?.close());

/** The caller's own report on the scenario's household, by the id the caller sees. */
async function ownReport(as: Caller, scenario: number): Promise<string> {
  const household = world.households[scenario - 1]!;
  const response = await gateway.query(as, REPORTS, { bsn: household.members[0]!.bsn });
  expect(response.body.errors).toBeUndefined();
  const reports = (response.body.data?.householdsOfPerson as { reports: { id: string; owner: { id: string } | null }[] }[]).flatMap((h) => h.reports);
  const own = reports.find((report) => report.owner?.id === as.agencyId);
  expect(own, `${as.agencyId} has a report in scenario ${scenario}`).toBeDefined();
  return own!.id;
}

function act(response: GraphQLResponse, field: string): Act {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return (response.body.data as Record<string, Act>)[field]!;
}

function errorCode(response: GraphQLResponse): unknown {
  return (response.body.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code;
}

async function until(as: Caller, id: string, statuses: readonly string[], done: (act: Act) => boolean = () => false): Promise<Act> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const current = act(await gateway.query(as, GET_ACT, { id }), 'act');
    if (statuses.includes(current.status) || done(current) || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function actEntries(response: GraphQLResponse): Promise<AuditEntry[]> {
  const page = await gateway.gateway.services.audit.query({}, { first: 500 });
  return page.entries.filter((entry) => entry.operationId === response.headers['x-request-id'] && entry.kind === 'act');
}

describe('scenario 1: the ASHG hands the case over to the AMK', () => {
  let handedOver: Act;

  it('is queued PENDING with exactly the granted fields, each accounted under its article', async () => {
    const reportId = await ownReport(ASHG, 1);
    const response = await gateway.query(ASHG, HAND_OVER, { input: {
      idempotencyKey: key(), reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK',
      reason: 'Kinderen getuige van huiselijk geweld; onderzoek door het AMK nodig.',
    } });
    handedOver = act(response, 'handOverCase');
    expect(handedOver.status).toBe('PENDING');
    expect(handedOver.receiver?.id).toBe('amk-groningen');
    expect(handedOver.fieldsSent.length).toBeGreaterThan(0);
    for (const coordinate of NEVER_TRAVELS) expect(handedOver.fieldsSent).not.toContain(coordinate);
    expect(handedOver.basis.every((basis) => /^groningen-ashg-amk@\d+#/.test(basis))).toBe(true);

    const entries = await actEntries(response);
    expect(entries.length).toBeGreaterThan(0);
    const entered = new Set(entries.flatMap((entry) => entry.fieldsReleased));
    expect([...entered].sort()).toEqual([...handedOver.fieldsSent].sort());
    for (const entry of entries) {
      expect(entry.owner).toBe('ashg-groningen');
      expect(entry.searchTerms).toMatchObject({ act: 'HAND_OVER_CASE', receiver: 'amk-groningen' });
      for (const decision of entry.decisions) expect(decision.agreementKey && decision.article).toBeTruthy();
    }
  });

  it('reaches the AMK\'s system once, holding exactly the fields that were sent', async () => {
    const delivered = await until(ASHG, handedOver.id, ['DELIVERED']);
    expect(delivered.status).toBe('DELIVERED');
    const { delivery, stored } = reached('amk-groningen', handedOver.id);
    expect(stored).toHaveLength(1);
    expect(coordinatesOf(delivery!)).toEqual([...handedOver.fieldsSent].sort());
    // In the AMK's own words: the report's content is there, the reporter (a general practitioner) is not.
    const report = world.households[0]!.cases['ashg-groningen']!.reports[0]!;
    const strings = stringsIn(stored[0]!.record);
    if (handedOver.fieldsSent.includes('Report.narrative')) expect(strings).toContain(report.narrative);
    for (const secret of [report.reporter?.name, report.reporter?.phone].filter((value): value is string => !!value)) {
      expect(strings.some((text) => text.includes(secret)), secret).toBe(false);
    }
    // The payload is gone from the outbox once the receiver holds it; the sealed reference stays for the answer.
    const row = await gateway.gateway.services.audit.acts.get(handedOver.id);
    expect(row?.payload).toBeNull();
  });

  let accepted: { input: Record<string, string>; act: Act };

  it('the AMK accepts; the ASHG sees ACCEPTED and its system gets the answer', async () => {
    const input = { idempotencyKey: key(), actId: handedOver.id, answer: 'ACCEPTED' };
    const response = await gateway.query(AMK, ANSWER, { input });
    const answer = act(response, 'answerReferral');
    accepted = { input, act: answer };
    expect(answer.receiver?.id).toBe('ashg-groningen');
    expect((await until(ASHG, handedOver.id, ['ACCEPTED'])).status).toBe('ACCEPTED');
    expect((await until(AMK, answer.id, ['DELIVERED'])).status).toBe('DELIVERED');
    expect(receivedBy(gateway, 'ashg-groningen').filter((delivery) => delivery.actId === answer.id)).toHaveLength(1);
  });

  it('the same answer sent again (a lost response) answers the first answer, even now the act is answered', async () => {
    const again = act(await gateway.query(AMK, ANSWER, { input: accepted.input }), 'answerReferral');
    expect(again.id).toBe(accepted.act.id);
  });

  it('a second answer is its own coded error and changes nothing', async () => {
    const response = await gateway.query(AMK, ANSWER, { input: { idempotencyKey: key(), actId: handedOver.id, answer: 'REFUSED', reason: 'Toch niet.' } });
    expect(errorCode(response)).toBe('ACT_ALREADY_ANSWERED');
    expect((await until(ASHG, handedOver.id, ['ACCEPTED'])).status).toBe('ACCEPTED');
  });

  it('nobody but the two parties sees the act: a third organisation gets null, as for an act that does not exist', async () => {
    const response = await gateway.query(BJZ, GET_ACT, { id: handedOver.id });
    expect(response.body.data?.act).toBeNull();
  });
});

describe('scenario 3: the police refer a child to Bureau Jeugdzorg under the 0-18 covenant', () => {
  it('refers, BJZ accepts and gives feedback, the police see both', { timeout: 60_000 }, async () => {
    const reportId = await ownReport(POLICE, 3);
    const referral = act(await gateway.query(POLICE, REFER, { input: {
      idempotencyKey: key(), reportId, to: 'bjz-groningen', referralKind: 'POLICE_TO_BJZ', reason: 'Jongere van 15 in een gezin met geweld.',
    } }), 'referZorgmelding');
    for (const coordinate of NEVER_TRAVELS) expect(referral.fieldsSent).not.toContain(coordinate);
    const delivered = await until(POLICE, referral.id, ['DELIVERED', 'FAILED']);
    expect(delivered, JSON.stringify(delivered)).toMatchObject({ status: 'DELIVERED' });
    const { delivery, stored } = reached('bjz-groningen', referral.id);
    expect(stored).toHaveLength(1);
    expect(coordinatesOf(delivery!)).toEqual([...referral.fieldsSent].sort());
    const strings = stringsIn(stored[0]!.record);
    expect(strings.some((text) => text.includes('Agent 4711'))).toBe(false);

    act(await gateway.query(BJZ, ANSWER, { input: { idempotencyKey: key(), actId: referral.id, answer: 'ACCEPTED' } }), 'answerReferral');
    expect((await until(POLICE, referral.id, ['ACCEPTED'])).status).toBe('ACCEPTED');

    const feedback = act(await gateway.query({ ...BJZ, purpose: 'zorgmelding-feedback' }, FEEDBACK, { input: {
      idempotencyKey: key(), actId: referral.id, phaseCategory: 'ASSESSMENT', receivingCareProvider: 'Jeugdhulp Groningen',
    } }), 'giveFeedback');
    expect(feedback.fieldsSent.every((coordinate) => ['Involvement.phaseCategory', 'Report.receivingCareProvider'].includes(coordinate))).toBe(true);
    expect((await until(BJZ, feedback.id, ['DELIVERED'])).status).toBe('DELIVERED');
    expect(receivedBy(gateway, 'politie-noord-nederland').filter((delivery) => delivery.actId === feedback.id)).toHaveLength(1);
    void POLICE_FEEDBACK;
  });
});

describe('since 2015: the police refer a zorgmelding to Veilig Thuis', () => {
  it('the unit Amsterdam refers to Veilig Thuis Amsterdam-Amstelland, which accepts; the police see ACCEPTED', { timeout: 60_000 }, async () => {
    const police = { agencyId: 'politie-amsterdam', purpose: 'zorgmelding-referral' };
    const veiligThuis = { agencyId: 'veilig-thuis-amsterdam-amstelland', purpose: 'zorgmelding-feedback' };
    const household = world.households.find((candidate) => candidate.key === 'amsterdam-scenario-3')!;
    const response = await gateway.query(police, REPORTS, { bsn: household.members[0]!.bsn });
    const reportId = (response.body.data?.householdsOfPerson as { reports: { id: string; owner: { id: string } | null }[] }[])
      .flatMap((h) => h.reports).find((report) => report.owner?.id === police.agencyId)!.id;
    const referral = act(await gateway.query(police, REFER, { input: {
      idempotencyKey: key(), reportId, to: veiligThuis.agencyId, referralKind: 'POLICE_TO_VEILIG_THUIS',
    } }), 'referZorgmelding');
    expect(referral.basis).toEqual(['politie-terugkoppeling-veilig-thuis@1#art. 2']);
    for (const coordinate of NEVER_TRAVELS) expect(referral.fieldsSent).not.toContain(coordinate);
    expect((await until(police, referral.id, ['DELIVERED'])).status).toBe('DELIVERED');
    const { delivery, stored } = reached(veiligThuis.agencyId, referral.id);
    expect(stored).toHaveLength(1);
    expect(coordinatesOf(delivery!)).toEqual([...referral.fieldsSent].sort());
    act(await gateway.query(veiligThuis, ANSWER, { input: { idempotencyKey: key(), actId: referral.id, answer: 'ACCEPTED' } }), 'answerReferral');
    expect((await until(police, referral.id, ['ACCEPTED'])).status).toBe('ACCEPTED');
  });
});

describe('refusals: coded, nothing queued, nothing entered', () => {
  async function nothingQueued(response: GraphQLResponse): Promise<void> {
    expect(response.body.data?.handOverCase ?? null).toBeNull();
    expect(await actEntries(response)).toEqual([]);
  }

  it('scenario 6, adults only: no covenant lets the ASHG hand it to the AMK', async () => {
    const reportId = await ownReport(ASHG, 6);
    const response = await gateway.query(ASHG, HAND_OVER, { input: { idempotencyKey: key(), reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' } });
    expect(errorCode(response)).toBe('ACT_NOT_ALLOWED');
    await nothingQueued(response);
  });

  it('a report that is not the caller\'s answers as one that does not exist', async () => {
    const amkReport = await ownReport(AMK, 1);
    const theirs = await gateway.query(ASHG, HAND_OVER, { input: { idempotencyKey: key(), reportId: amkReport, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' } });
    const none = await gateway.query(ASHG, HAND_OVER, { input: { idempotencyKey: key(), reportId: 'rp_doesnotexist', to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' } });
    expect(errorCode(theirs)).toBe('ACT_NOT_FOUND');
    expect(errorCode(none)).toBe('ACT_NOT_FOUND');
    expect(theirs.body.errors?.[0]?.message).toBe(none.body.errors?.[0]?.message);
    await nothingQueued(theirs);
  });

  it('a receiver no covenant allows, and a purpose that does not cover the act', async () => {
    const reportId = await ownReport(ASHG, 1);
    const receiver = await gateway.query(ASHG, HAND_OVER, { input: { idempotencyKey: key(), reportId, to: 'politie-noord-nederland', referralKind: 'HANDOVER_ASHG_TO_AMK' } });
    expect(errorCode(receiver)).toBe('ACT_NOT_ALLOWED');
    await nothingQueued(receiver);
    const purpose = await gateway.query({ ...ASHG, purpose: 'case-conference' }, HAND_OVER, { input: { idempotencyKey: key(), reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' } });
    expect(errorCode(purpose)).toBe('ACT_NOT_ALLOWED');
    await nothingQueued(purpose);
  });

  it('a closed case is not handed over', async () => {
    const listed = await gateway.query(ASHG, 'query { households(municipality: "Groningen", first: 100) { edges { node { reports { id owner { id } phaseCategory } } } } }');
    const closed = (listed.body.data?.households as { edges: { node: { reports: { id: string; owner: { id: string } | null; phaseCategory: string | null }[] } }[] })
      .edges.flatMap((edge) => edge.node.reports).find((report) => report.owner?.id === ASHG.agencyId && report.phaseCategory === 'CLOSED');
    expect(closed, 'the world has a closed ASHG case in Groningen').toBeDefined();
    const response = await gateway.query(ASHG, HAND_OVER, { input: { idempotencyKey: key(), reportId: closed!.id, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' } });
    expect(errorCode(response)).toBe('ACT_CASE_CLOSED');
    await nothingQueued(response);
  });

  it('input out of bounds is refused before anything is looked up', async () => {
    const reportId = await ownReport(ASHG, 1);
    const base = { reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' };
    for (const input of [
      { ...base, idempotencyKey: 'short' },
      { ...base, idempotencyKey: key(), reason: 'x'.repeat(2001) },
      { ...base, idempotencyKey: key(), safetyConditions: Array.from({ length: 21 }, (_, i) => `voorwaarde ${i}`) },
      { ...base, idempotencyKey: key(), safetyConditions: ['  '] },
    ]) {
      const response = await gateway.query(ASHG, HAND_OVER, { input });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      await nothingQueued(response);
    }
    const unknown = await gateway.query(ASHG, HAND_OVER, { input: { ...base, idempotencyKey: key(), to: 'nobody' } });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
  });

  it('a privacy officer audits acts and does not make them', async () => {
    const reportId = await ownReport(ASHG, 1);
    const response = await gateway.query({ ...ASHG, role: 'privacy-officer' }, HAND_OVER, { input: { idempotencyKey: key(), reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' } });
    // Not even in its schema (src/graph/schema-variants.ts); the resolver refuses as well.
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('exactly once', () => {
  it('the same key with the same input answers the first act; with another input it is refused', async () => {
    const reportId = await ownReport(ASHG, 1);
    const input = { idempotencyKey: key(), reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK', reason: 'Eerste poging.' };
    const [first, second] = await Promise.all([gateway.query(ASHG, HAND_OVER, { input }), gateway.query(ASHG, HAND_OVER, { input })]);
    const one = act(first, 'handOverCase'), two = act(second, 'handOverCase');
    expect(two.id).toBe(one.id);
    const again = act(await gateway.query(ASHG, HAND_OVER, { input }), 'handOverCase');
    expect(again.id).toBe(one.id);
    const conflict = await gateway.query(ASHG, HAND_OVER, { input: { ...input, reason: 'Iets anders.' } });
    expect(errorCode(conflict)).toBe('ACT_IDEMPOTENCY_CONFLICT');

    expect((await until(ASHG, one.id, ['DELIVERED'])).status).toBe('DELIVERED');
    expect(receivedBy(gateway, 'amk-groningen').filter((delivery) => delivery.actId === one.id)).toHaveLength(1);
    // The concurrent pair wrote the act's entries once.
    const entries = [...await actEntries(first), ...await actEntries(second)];
    const total = (await gateway.gateway.services.audit.query({}, { first: 500 })).entries
      .filter((entry) => entry.kind === 'act' && entry.searchTerms?.act === 'HAND_OVER_CASE').length;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(total);
  });

  it('a receiver down for the whole act, then back: delivered once', { timeout: 60_000 }, async () => {
    const amk = gateway.mocks.get('amk-groningen')!;
    const reportId = await ownReport(ASHG, 1);
    amk.failInbound(1_000_000);
    let queued: Act;
    try {
      queued = act(await gateway.query(ASHG, HAND_OVER, { input: { idempotencyKey: key(), reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' } }), 'handOverCase');
      const waiting = await until(ASHG, queued.id, [], (current) => current.attempts >= 3);
      expect(waiting.status).toBe('PENDING');
      expect(waiting.attempts).toBeGreaterThan(1);
      expect(waiting.lastError).toMatch(/^[A-Z_]+$/);
    } finally {
      amk.failInbound(0);
    }
    expect((await until(ASHG, queued.id, ['DELIVERED'])).status).toBe('DELIVERED');
    expect(receivedBy(gateway, 'amk-groningen').filter((delivery) => delivery.actId === queued.id)).toHaveLength(1);
  });
});

describe('what the acts leave in the application log', () => {
  it('codes and ids only: no BSN, name, narrative, reason or reporter of any household an act carried', () => {
    const log = gateway.logs.join('');
    expect(log).toMatch(/act delivered/);
    const secrets = [1, 3].flatMap((scenario) => {
      const household = world.households[scenario - 1]!;
      return [
        ...household.members.flatMap((member) => [member.bsn, member.name]),
        ...Object.values(household.cases).flatMap((worldCase) => worldCase.reports.flatMap((report) => [report.narrative, report.reporter?.name ?? ''])),
      ];
    }).filter((secret) => secret && secret.length > 3);
    for (const secret of [...secrets, 'Kinderen getuige van huiselijk geweld', 'Jongere van 15']) expect(log.includes(secret), secret).toBe(false);
  });
});
