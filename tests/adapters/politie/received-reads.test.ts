/**
 * What the police system received shows in its export (issue 13), over real HTTP to the runnable mock and
 * back through the adapter's loaders: an answer moves the doorverwijzing of the zorgmelding it is about, or
 * makes the answerer its target with the answered status; feedback fills the zorgaanbieder and, from the
 * organisation referred to, moves the doorverwijzing on (running, completed once that organisation closed
 * its case; a refusal stays); a repeated delivery changes nothing twice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPolitieAdapter } from '#adapters/politie/index.ts';
import { startPolitieMock } from '#adapters/politie/mock.ts';
import type { PhaseCategory } from '#domain/records.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import { answer, contextFor, feedback, loopbackHttp, scope } from '../act-deliveries.ts';
import { worldWithReferralStatus } from '../offered-world.ts';
import { credentials, descriptor as POLITIE } from './context.ts';

// Scenario 2: the police's zorgmelding, referred to the AMK (put back on offer for one mock).
const ZORGMELDING = 'ZM-2026-004711';
const REFERRAL = `${ZORGMELDING}-V1`;

const opened: UpstreamHttp[] = [];
let plain: MockServer;
let offered: MockServer;
let answered: MockServer;
let refused: MockServer;

function adapter(mock: MockServer) {
  const http = loopbackHttp(POLITIE.id, mock.url);
  opened.push(http);
  return createPolitieAdapter(contextFor(POLITIE, http), { credentials, agencyCodes: WORLD_AGENCY_CODES });
}

beforeAll(async () => {
  plain = await startPolitieMock();
  offered = await startPolitieMock({ world: worldWithReferralStatus(POLITIE.id, REFERRAL, 'OFFERED') });
  answered = await startPolitieMock({ world: worldWithReferralStatus(POLITIE.id, REFERRAL, 'OFFERED') });
  refused = await startPolitieMock({ world: worldWithReferralStatus(POLITIE.id, REFERRAL, 'REFUSED') });
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((http) => http.close()));
});
afterAll(() => Promise.all([plain, offered, answered, refused].map((mock) => mock.close())));

const referrals = async (mock: MockServer) => (await adapter(mock).createLoaders(scope()).referralsByHousehold.load(ZORGMELDING))
  .map((referral) => [referral.localId, referral.toAgencyId, referral.kind, referral.status]);

describe('the police mock shows what it received', () => {
  it('an answer from the organisation referred to moves the doorverwijzing\'s status, once', async () => {
    expect(await referrals(offered)).toEqual([[REFERRAL, 'amk-groningen', 'POLICE_TO_AMK', 'OFFERED']]);
    const act = answer('amk-groningen', POLITIE.id, {
      actId: 'pol-read-1', senderReference: ZORGMELDING, answer: { decision: 'REFUSED', reason: 'Geen zorgen', answeredAct: 'act-1' },
    });
    await adapter(offered).deliver!(act, scope());
    await adapter(offered).deliver!(act, scope());
    expect(await referrals(offered)).toEqual([[REFERRAL, 'amk-groningen', 'POLICE_TO_AMK', 'REFUSED']]);
    expect(await adapter(offered).createLoaders(scope()).referral.load(REFERRAL)).toMatchObject({
      reason: 'Vermoeden kindermishandeling na huiselijk geweld.', updatedAt: expect.stringMatching(/^2026-11-02T10:15/),
    });
  });

  it('an answer from another organisation makes it the doorverwijzing\'s target, with the answered status', async () => {
    await adapter(plain).deliver!(answer('bjz-groningen', POLITIE.id, { actId: 'pol-read-2', senderReference: ZORGMELDING }), scope());
    expect(await referrals(plain)).toEqual([[`${ZORGMELDING}-V2`, 'bjz-groningen', 'POLICE_TO_BJZ', 'ACCEPTED']]);
    expect(await adapter(plain).createLoaders(scope()).referral.load(`${ZORGMELDING}-V2`)).toMatchObject({
      reason: null, safetyConditions: [], createdAt: expect.stringMatching(/^2026-11-02T10:15/),
    });
  });

  it('an answer about no zorgmelding of the police\'s is stored only', async () => {
    const before = await referrals(plain);
    await adapter(plain).deliver!(answer('amk-groningen', POLITIE.id, { actId: 'pol-read-3', senderReference: 'ZM-onbekend' }), scope());
    expect(await referrals(plain)).toEqual(before);
    expect(plain.receivedActs().map((entry) => entry.actId)).toContain('pol-read-3');
  });

  it('feedback fills the zorgaanbieder the police see on their zorgmelding', async () => {
    await adapter(plain).deliver!(feedback('amk-groningen', POLITIE.id, {
      actId: 'pol-read-4', senderReference: ZORGMELDING, feedback: { phaseCategory: 'CARE', receivingAgencyId: null, receivingCareProvider: 'Kompaan' },
    }), scope());
    const loaders = adapter(plain).createLoaders(scope());
    expect(await loaders.report.load(ZORGMELDING)).toMatchObject({ receivingCareProvider: 'Kompaan' });
    expect(await loaders.involvementByHousehold.load(ZORGMELDING)).toMatchObject({ careProvider: 'Kompaan' });
  });
});

describe('feedback moves the police\'s doorverwijzing on', () => {
  const tell = (mock: MockServer, from: string, actId: string, phaseCategory: PhaseCategory | null) => adapter(mock).deliver!(feedback(from, POLITIE.id, {
    actId, senderReference: ZORGMELDING, sentAt: '2026-11-09T14:00:00+01:00', feedback: { phaseCategory, receivingAgencyId: null, receivingCareProvider: null },
  }), scope());

  it('after an acceptance: running while the AMK works on the case, completed once it closed it, and no further', async () => {
    await adapter(answered).deliver!(answer('amk-groningen', POLITIE.id, { actId: 'pol-fb-0', senderReference: ZORGMELDING }), scope());
    expect(await referrals(answered)).toEqual([[REFERRAL, 'amk-groningen', 'POLICE_TO_AMK', 'ACCEPTED']]);
    await tell(answered, 'amk-groningen', 'pol-fb-1', null);
    await tell(answered, 'bjz-groningen', 'pol-fb-2', 'CARE');
    expect(await referrals(answered)).toEqual([[REFERRAL, 'amk-groningen', 'POLICE_TO_AMK', 'ACCEPTED']]);
    await tell(answered, 'amk-groningen', 'pol-fb-3', 'CARE');
    await tell(answered, 'amk-groningen', 'pol-fb-3', 'CARE');
    expect(await referrals(answered)).toEqual([[REFERRAL, 'amk-groningen', 'POLICE_TO_AMK', 'RUNNING']]);
    expect(await adapter(answered).createLoaders(scope()).referral.load(REFERRAL)).toMatchObject({ updatedAt: expect.stringMatching(/^2026-11-09T14:00/) });
    await tell(answered, 'amk-groningen', 'pol-fb-4', 'CLOSED');
    expect(await referrals(answered)).toEqual([[REFERRAL, 'amk-groningen', 'POLICE_TO_AMK', 'COMPLETED']]);
    await tell(answered, 'amk-groningen', 'pol-fb-5', 'CARE');
    expect(await referrals(answered)).toEqual([[REFERRAL, 'amk-groningen', 'POLICE_TO_AMK', 'COMPLETED']]);
  });

  it('a refused doorverwijzing stays refused, whatever the feedback says', async () => {
    await tell(refused, 'amk-groningen', 'pol-fb-6', 'CARE');
    await tell(refused, 'amk-groningen', 'pol-fb-7', 'CLOSED');
    expect(await referrals(refused)).toEqual([[REFERRAL, 'amk-groningen', 'POLICE_TO_AMK', 'REFUSED']]);
  });
});
