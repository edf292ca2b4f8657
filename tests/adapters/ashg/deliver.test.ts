/**
 * The ASHG's inbound operations (issue 13): answers and feedback on what it sent, over real HTTP to the
 * runnable mock; the pure mapping by table; refusals permanent, outages not; no personal data in errors.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACT_ANSWERS, ACT_KINDS } from '#domain/acts.ts';
import { createAshgAdapter } from '#adapters/ashg/index.ts';
import { toAshgInbound } from '#adapters/ashg/deliver-mapping.ts';
import { startAshgMock } from '#adapters/ashg/mock.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import {
  HOSTILE_REASON, PERSONAL_VALUES, actOfKind, answer, contextFor, feedback, handover, loopbackHttp, messagesOf, rejection, scope,
} from '../act-deliveries.ts';
import { ASHG } from './context.ts';

const opened: UpstreamHttp[] = [];
let mock: MockServer;

function adapter(resilience = {}) {
  const http = loopbackHttp(ASHG.id, mock.url, resilience);
  opened.push(http);
  return createAshgAdapter(contextFor(ASHG, http), { apiKey: 'ashg-dev-key', agencyCodes: WORLD_AGENCY_CODES });
}

beforeAll(async () => {
  mock = await startAshgMock();
});
afterEach(async () => {
  mock.failInbound(0);
  await Promise.all(opened.splice(0).map((http) => http.close()));
});
afterAll(() => mock.close());

describe('ASHG deliver mapping', () => {
  it.each(ACT_ANSWERS.map((decision, index) => [decision, ['geaccepteerd', 'geweigerd', 'onveilig-retour'][index]]))('writes the answer %s as besluit %s', (decision, besluit) => {
    const inbound = toAshgInbound(answer('amk-groningen', ASHG.id, { answer: { decision, reason: null, answeredAct: 'act-0001' } }), WORLD_AGENCY_CODES);
    expect(inbound).toEqual({
      operation: 'ontvangAntwoord', path: '/api/v1/doorverwijzingen/antwoorden',
      body: {
        handelingId: 'act-0003', beantwoordeHandeling: 'act-0001', afzender: 'AMK-GRN', afzenderReferentie: 'AMK-2026-00042',
        verzonden: '2026-11-02T10:15:00+01:00', besluit, reden: null,
      },
    });
  });

  it('writes feedback with the partner codes and the phase category, nothing else', () => {
    expect(toAshgInbound(feedback('amk-groningen', ASHG.id), WORLD_AGENCY_CODES)?.body).toEqual({
      handelingId: 'act-0004', afzender: 'AMK-GRN', afzenderReferentie: 'AMK-2026-00042', verzonden: '2026-11-02T10:15:00+01:00',
      gemeente: 'Groningen', faseCategorie: 'onderzoek', ontvangendeInstelling: 'AMK-GRN', ontvangendeZorgaanbieder: null,
    });
  });

  it('leaves an unknown phase category out and names a partner without a code by its gateway id', () => {
    const body = toAshgInbound(feedback('vt-nieuw', ASHG.id, { feedback: { phaseCategory: 'WHATEVER', receivingAgencyId: 'vt-nieuw', receivingCareProvider: 'Kompaan' } }), WORLD_AGENCY_CODES)?.body;
    expect(body).toMatchObject({ afzender: 'vt-nieuw', faseCategorie: null, ontvangendeInstelling: 'vt-nieuw', ontvangendeZorgaanbieder: 'Kompaan' });
  });

  it('receives no cases, and no answer or feedback without its content', () => {
    expect(toAshgInbound(handover({ receiverAgencyId: ASHG.id }), WORLD_AGENCY_CODES)).toBeNull();
    expect(toAshgInbound(actOfKind('REFER_ZORGMELDING', ASHG.id), WORLD_AGENCY_CODES)).toBeNull();
    expect(toAshgInbound(answer('amk-groningen', ASHG.id, { answer: null }), WORLD_AGENCY_CODES)).toBeNull();
    expect(toAshgInbound(feedback('amk-groningen', ASHG.id, { feedback: null }), WORLD_AGENCY_CODES)).toBeNull();
  });
});

describe('ASHG deliver over HTTP to the mock', () => {
  it('stores an answer once per act id and answers the first receipt again', async () => {
    const ashg = adapter();
    const before = mock.receivedActs().length;
    const act = answer('amk-groningen', ASHG.id, { actId: 'ashg-answer-1', answer: { decision: 'REFUSED', reason: HOSTILE_REASON, answeredAct: 'act-0001' } });
    const first = await ashg.deliver!(act, scope());
    expect(first.receiverReference).toMatch(/^A-2026-\d{6}$/);
    expect(await ashg.deliver!(act, scope())).toEqual(first);
    const stored = mock.receivedActs().filter((entry) => entry.actId === 'ashg-answer-1');
    expect(stored).toHaveLength(1);
    expect(mock.receivedActs()).toHaveLength(before + 1);
    expect(stored[0]).toMatchObject({ operation: 'POST /api/v1/doorverwijzingen/antwoorden', receiverReference: first.receiverReference, record: { besluit: 'geweigerd', reden: HOSTILE_REASON } });
  });

  it('stores feedback', async () => {
    const receipt = await adapter().deliver!(feedback('amk-groningen', ASHG.id, { actId: 'ashg-feedback-1' }), scope());
    expect(receipt.receiverReference).toMatch(/^T-2026-\d{6}$/);
    expect(mock.receivedActs().find((entry) => entry.actId === 'ashg-feedback-1')?.record).toMatchObject({ faseCategorie: 'onderzoek', ontvangendeInstelling: 'AMK-GRN' });
  });

  it.each(['HAND_OVER_CASE', 'REFER_ZORGMELDING'] as const)('refuses %s permanently without calling the ASHG', async (kind) => {
    const calls = mock.requestCount();
    const error = await rejection(() => adapter().deliver!(actOfKind(kind, ASHG.id), scope()));
    expect(error).toMatchObject({ name: 'AdapterError', code: 'UPSTREAM_REFUSED', permanent: true, agency: ASHG.id });
    expect(mock.requestCount()).toBe(calls);
  });

  it('takes a 400 from the ASHG as a permanent refusal, without its body or the act in the message', async () => {
    const error = await rejection(() => adapter().deliver!(answer('amk-groningen', ASHG.id, { actId: 'ashg-bad-1', sentAt: 'gisteren' }), scope()));
    expect(error).toMatchObject({ code: 'UPSTREAM_REFUSED', permanent: true, status: 400 });
    expect(messagesOf(error)).not.toMatch(/ONGELDIG|Verplichte|gisteren/);
    expect(mock.receivedActs().some((entry) => entry.actId === 'ashg-bad-1')).toBe(false);
  });

  it('takes an outage as transient, and a retry of the same act then stores it once', async () => {
    mock.failInbound(1);
    const act = feedback('amk-groningen', ASHG.id, { actId: 'ashg-outage-1' });
    const error = await rejection(() => adapter().deliver!(act, scope()));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', permanent: false });
    expect(mock.receivedActs().some((entry) => entry.actId === 'ashg-outage-1')).toBe(false);
    await adapter().deliver!(act, scope());
    expect(mock.receivedActs().filter((entry) => entry.actId === 'ashg-outage-1')).toHaveLength(1);
  });

  it('carries no personal data in any error message', async () => {
    mock.failInbound(1);
    const errors = await Promise.all([
      rejection(() => adapter().deliver!(handover({ receiverAgencyId: ASHG.id }), scope())),
      rejection(() => adapter().deliver!(answer('amk-groningen', ASHG.id, { actId: 'ashg-pd', answer: { decision: 'REFUSED', reason: 'Sanne de Vries 900000101', answeredAct: 'a' } }), scope())),
    ]);
    for (const error of errors) for (const value of [...PERSONAL_VALUES, '900000101']) expect(messagesOf(error)).not.toContain(value);
    expect(ACT_KINDS).toHaveLength(4);
  });
});
