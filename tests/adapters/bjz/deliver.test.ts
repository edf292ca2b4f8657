/**
 * BJZ's inbound operations (issue 13) over real HTTP (OAuth included) to the runnable mock: the police's
 * referral of a minor and a handover as aanmeldingen, answers as besluiten; once per act id; an aanmelding
 * without a minor refused for good; outages transient; no personal data in errors. And the pure mapping.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBjzAdapter } from '#adapters/bjz/index.ts';
import { toBjzInbound } from '#adapters/bjz/deliver-mapping.ts';
import { startBjzMock } from '#adapters/bjz/mock.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import {
  PERSONAL_VALUES, answer, contextFor, feedback, handover, loopbackHttp, messagesOf, policeReferral, rejection, scope,
} from '../act-deliveries.ts';
import { BJZ } from './test-context.ts';

const opened: UpstreamHttp[] = [];
let mock: MockServer;

function adapter(resilience = {}) {
  const http = loopbackHttp(BJZ.id, mock.url, resilience);
  opened.push(http);
  return createBjzAdapter(contextFor(BJZ, http), { clientId: 'ketenpoort', clientSecret: 'bjz-dev-secret', agencyCodes: WORLD_AGENCY_CODES });
}

beforeAll(async () => {
  mock = await startBjzMock();
});
afterEach(async () => {
  mock.failInbound(0);
  await Promise.all(opened.splice(0).map((http) => http.close()));
});
afterAll(() => mock.close());

describe('BJZ deliver mapping', () => {
  it('writes a police referral as an aanmelding in BJZ\'s codes, formats and address split', () => {
    expect(toBjzInbound(policeReferral(BJZ.id), WORLD_AGENCY_CODES)).toEqual({
      operation: 'ontvangAanmelding', path: '/v2/aanmeldingen',
      body: {
        handelingId: 'act-0002', soort: 'politie-bjz', van: 'POL-NN', afzenderReferentie: 'ZM-2026-00017',
        verzondenOp: '02-11-2026 10:15:00 +0100', gemeente: 'Groningen',
        adres: { straat: 'Vinkenstraat', huisnummer: 12, toevoeging: 'a', postcode: '9727 BW', woonplaats: 'Groningen' },
        gezinsleden: [
          { bsn: '900000101', naam: 'Sanne de Vries', geboortedatum: '12-04-1988', relatie: 'ouder-met-gezag' },
          { naam: 'Mark Jansen', relatie: 'partner' },
        ],
        kinderen: [{ bsn: '900000302', naam: 'Lotte de Vries', geboortedatum: '30-09-2016', school: 'OBS De Wijert', situatie: 'Slaapt slecht.', betrokkenheid: 'getuige-partnergeweld' }],
        melding: { ontvangenOp: '06-10-2026 09:00:00 +0200', relaas: 'Huiselijke ruzie, kind aanwezig.' },
        reden: 'Zorgmelding 0-18',
        veiligheidsafspraken: [],
      },
    });
  });

  it('sends only what is granted and skips what it cannot write', () => {
    const body = toBjzInbound(handover({
      receiverAgencyId: BJZ.id, household: { type: 'Household', values: { 'Address.houseNumber': 'zonder', 'Address.postalCode': '97' } },
      members: [{ type: 'HouseholdMember', values: { 'HouseholdMember.shoeSize': 44 } }], report: null, reason: null,
      children: [{ type: 'Child', values: { 'Child.role': 'SOMETHING', 'Child.birthDate': '2016-09-30' } }],
    }), WORLD_AGENCY_CODES)?.body;
    expect(body).toEqual({
      handelingId: 'act-0001', soort: 'overdracht-ashg-amk', van: 'ASHG-GRN', afzenderReferentie: 'M-2026-000101',
      verzondenOp: '02-11-2026 10:15:00 +0100', gemeente: 'Groningen', gezinsleden: [], kinderen: [{ geboortedatum: '30-09-2016' }],
      veiligheidsafspraken: ['Partner verblijft elders', 'Wekelijks contact met school'],
    });
  });

  it('writes an answer as a besluit, and has no operation for feedback', () => {
    expect(toBjzInbound(answer('amk-groningen', BJZ.id, { answer: { decision: 'REFUSED', reason: 'Geen capaciteit', answeredAct: 'act-7' } }), WORLD_AGENCY_CODES)).toEqual({
      operation: 'ontvangBesluit', path: '/v2/aanmeldingen/besluiten',
      body: { handelingId: 'act-0003', beantwoordeHandeling: 'act-7', van: 'AMK-GRN', afzenderReferentie: 'AMK-2026-00042', verzondenOp: '02-11-2026 10:15:00 +0100', besluit: 'geweigerd', reden: 'Geen capaciteit' },
    });
    expect(toBjzInbound(feedback('amk-groningen', BJZ.id), WORLD_AGENCY_CODES)).toBeNull();
    expect(toBjzInbound(policeReferral(BJZ.id, { referralKind: null }), WORLD_AGENCY_CODES)).toBeNull();
  });
});

describe('BJZ deliver over HTTP (OAuth) to the mock', () => {
  it('registers a police referral once per act id and answers the first id again', async () => {
    const bjz = adapter();
    const before = mock.receivedActs().length;
    const act = policeReferral(BJZ.id, { actId: 'bjz-ref-1' });
    const first = await bjz.deliver!(act, scope());
    expect(first.receiverReference).toMatch(/^bjz-aanm-in-\d{5}$/);
    expect(await bjz.deliver!(act, scope())).toEqual(first);
    expect(mock.receivedActs()).toHaveLength(before + 1);
    expect(mock.receivedActs().at(-1)).toMatchObject({ actId: 'bjz-ref-1', operation: 'POST /v2/aanmeldingen', record: { soort: 'politie-bjz', kinderen: [{ bsn: '900000302' }] } });
  });

  it('receives a handover and an answer', async () => {
    const bjz = adapter();
    expect((await bjz.deliver!(handover({ actId: 'bjz-ho-1', receiverAgencyId: BJZ.id }), scope())).receiverReference).toMatch(/^bjz-aanm-in-/);
    expect((await bjz.deliver!(answer('amk-groningen', BJZ.id, { actId: 'bjz-ans-1' }), scope())).receiverReference).toMatch(/^bjz-besl-\d{5}$/);
  });

  it('an aanmelding about no minor is refused with 400: permanent, and the message holds neither body nor act', async () => {
    const adultsOnly = policeReferral(BJZ.id, { actId: 'bjz-adult-1', children: [{ type: 'Child', values: { 'Child.birthDate': '2001-01-01', 'Child.name': 'Lotte de Vries' } }] });
    const none = policeReferral(BJZ.id, { actId: 'bjz-none-1', children: [] });
    for (const act of [adultsOnly, none]) {
      const error = await rejection(() => adapter().deliver!(act, scope()));
      expect(error).toMatchObject({ code: 'UPSTREAM_REFUSED', permanent: true, status: 400, agency: BJZ.id });
      expect(messagesOf(error)).not.toMatch(/minderjarige|Lotte/);
    }
    expect(mock.receivedActs().some((entry) => entry.actId === 'bjz-adult-1' || entry.actId === 'bjz-none-1')).toBe(false);
  });

  it('feedback is refused permanently without calling BJZ', async () => {
    const calls = mock.requestCount();
    const error = await rejection(() => adapter().deliver!(feedback('amk-groningen', BJZ.id), scope()));
    expect(error).toMatchObject({ code: 'UPSTREAM_REFUSED', permanent: true });
    expect(mock.requestCount()).toBe(calls);
  });

  it('a 503 is transient; the same act later is stored once', async () => {
    mock.failInbound(1);
    const act = policeReferral(BJZ.id, { actId: 'bjz-outage-1' });
    const error = await rejection(() => adapter().deliver!(act, scope()));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', permanent: false });
    await adapter().deliver!(act, scope());
    expect(mock.receivedActs().filter((entry) => entry.actId === 'bjz-outage-1')).toHaveLength(1);
  });

  it('carries no personal data in any error message', async () => {
    mock.failInbound(1);
    const errors = [
      await rejection(() => adapter().deliver!(policeReferral(BJZ.id, { actId: 'bjz-pd-1' }), scope())),
      await rejection(() => adapter().deliver!(policeReferral(BJZ.id, { actId: 'bjz-pd-2', children: [] }), scope())),
    ];
    for (const error of errors) for (const value of PERSONAL_VALUES) expect(messagesOf(error)).not.toContain(value);
  });
});
