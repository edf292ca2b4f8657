/**
 * The police's inbound operations (issue 13) over real HTTP to the runnable mock, CSV both ways: answers
 * to their doorverwijzingen and feedback on their zorgmeldingen; once per act id; no cases (refused for
 * good without a call); a 400 permanent, an outage transient; no personal data in errors. And the mapping.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPolitieAdapter } from '#adapters/politie/index.ts';
import { toPolitieInbound } from '#adapters/politie/deliver-mapping.ts';
import { startPolitieMock } from '#adapters/politie/mock.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import {
  HOSTILE_REASON, PERSONAL_VALUES, actOfKind, answer, contextFor, feedback, loopbackHttp, messagesOf, rejection, scope,
} from '../act-deliveries.ts';
import { credentials, descriptor as POLITIE } from './context.ts';

const opened: UpstreamHttp[] = [];
let mock: MockServer;

function adapter(resilience = {}) {
  const http = loopbackHttp(POLITIE.id, mock.url, resilience);
  opened.push(http);
  return createPolitieAdapter(contextFor(POLITIE, http), { credentials, agencyCodes: WORLD_AGENCY_CODES });
}

beforeAll(async () => {
  mock = await startPolitieMock();
});
afterEach(async () => {
  mock.failInbound(0);
  await Promise.all(opened.splice(0).map((http) => http.close()));
});
afterAll(() => mock.close());

describe('police deliver mapping', () => {
  it('writes an answer as one row, the moment on the Amsterdam wall clock', () => {
    expect(toPolitieInbound(answer('bjz-groningen', POLITIE.id, { sentAt: '2026-07-01T08:00:00Z' }), WORLD_AGENCY_CODES)).toEqual({
      operation: 'ontvangAntwoord', path: '/doorverwijzingen/antwoorden', columns: expect.any(Array),
      row: {
        handeling_id: 'act-0003', beantwoorde_handeling: 'act-0001', afzender: 'BJZ-GRN', afzender_referentie: 'AMK-2026-00042',
        datum_tijd_verzonden: '01-07-2026 10:00:00', besluit: 'GEACCEPTEERD', reden: 'Onderzoek gestart',
      },
    });
  });

  it('writes feedback: status and receiving organisation only, empty cells for what it lacks', () => {
    expect(toPolitieInbound(feedback('amk-groningen', POLITIE.id, { feedback: { phaseCategory: 'NONSENSE', receivingAgencyId: 'bjz-groningen', receivingCareProvider: null } }), WORLD_AGENCY_CODES)?.row).toEqual({
      handeling_id: 'act-0004', afzender: 'AMK-GRN', afzender_referentie: 'AMK-2026-00042', datum_tijd_verzonden: '02-11-2026 10:15:00',
      gemeente: 'Groningen', fase_categorie: '', ontvangende_organisatie: 'BJZ-GRN', zorgaanbieder: '',
    });
  });

  it.each(['HAND_OVER_CASE', 'REFER_ZORGMELDING'] as const)('has no operation for %s', (kind) => {
    expect(toPolitieInbound(actOfKind(kind, POLITIE.id), WORLD_AGENCY_CODES)).toBeNull();
  });
});

describe('police deliver over HTTP to the mock', () => {
  it('stores an answer once per act id; a hostile reason survives the CSV quoting', async () => {
    const politie = adapter();
    const before = mock.receivedActs().length;
    const act = answer('amk-groningen', POLITIE.id, { actId: 'pol-ans-1', answer: { decision: 'RETURNED_UNSAFE', reason: HOSTILE_REASON, answeredAct: 'act-1' } });
    const first = await politie.deliver!(act, scope());
    expect(first.receiverReference).toMatch(/^PA-2026-\d{5}$/);
    expect(await politie.deliver!(act, scope())).toEqual(first);
    expect(mock.receivedActs()).toHaveLength(before + 1);
    expect(mock.receivedActs().at(-1)).toMatchObject({ actId: 'pol-ans-1', operation: 'POST /doorverwijzingen/antwoorden', record: { besluit: 'TERUG_ONVEILIG', reden: HOSTILE_REASON } });
  });

  it('stores feedback', async () => {
    expect((await adapter().deliver!(feedback('amk-groningen', POLITIE.id, { actId: 'pol-fb-1' }), scope())).receiverReference).toMatch(/^PT-2026-\d{5}$/);
    expect(mock.receivedActs().find((entry) => entry.actId === 'pol-fb-1')?.record).toMatchObject({ fase_categorie: 'ONDERZOEK', ontvangende_organisatie: 'AMK-GRN' });
  });

  it.each(['HAND_OVER_CASE', 'REFER_ZORGMELDING'] as const)('refuses %s permanently without calling the police', async (kind) => {
    const calls = mock.requestCount();
    const error = await rejection(() => adapter().deliver!(actOfKind(kind, POLITIE.id), scope()));
    expect(error).toMatchObject({ code: 'UPSTREAM_REFUSED', permanent: true, agency: POLITIE.id });
    expect(mock.requestCount()).toBe(calls);
  });

  it('a 400 is permanent and its text stays out of the message', async () => {
    const error = await rejection(() => adapter().deliver!(feedback('amk-groningen', POLITIE.id, { actId: 'pol-bad-1', municipality: '' }), scope()));
    expect(error).toMatchObject({ code: 'UPSTREAM_REFUSED', permanent: true, status: 400 });
    expect(messagesOf(error)).not.toMatch(/verplichte|ontbreken/);
  });

  it('a 503 is transient; the same act later is stored once', async () => {
    mock.failInbound(1);
    const act = feedback('amk-groningen', POLITIE.id, { actId: 'pol-outage-1' });
    expect(await rejection(() => adapter().deliver!(act, scope()))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', permanent: false });
    await adapter().deliver!(act, scope());
    expect(mock.receivedActs().filter((entry) => entry.actId === 'pol-outage-1')).toHaveLength(1);
  });

  it('carries no personal data in any error message', async () => {
    mock.failInbound(1);
    const errors = [
      await rejection(() => adapter().deliver!(answer('amk-groningen', POLITIE.id, { actId: 'pol-pd-1', answer: { decision: 'REFUSED', reason: 'Sanne de Vries 900000101', answeredAct: 'a' } }), scope())),
      await rejection(() => adapter().deliver!(actOfKind('HAND_OVER_CASE', POLITIE.id), scope())),
    ];
    for (const error of errors) for (const value of PERSONAL_VALUES) expect(messagesOf(error)).not.toContain(value);
  });
});
