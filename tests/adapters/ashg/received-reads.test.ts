/**
 * What the ASHG's system received shows in its reads (issue 13), over real HTTP to the runnable mock and
 * back through the adapter's loaders: an answer moves the doorverwijzing the ASHG offered to the answerer,
 * or adds one with the answered status when it holds none; feedback sets the receiving care provider
 * and moves that doorverwijzing on (running, completed once the receiver closed its case; a refusal
 * stays); a repeated delivery creates nothing twice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAshgAdapter } from '#adapters/ashg/index.ts';
import { startAshgMock } from '#adapters/ashg/mock.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import type { PhaseCategory } from '#domain/records.ts';
import { answer, contextFor, feedback, loopbackHttp, scope } from '../act-deliveries.ts';
import { worldWithReferralStatus } from '../offered-world.ts';
import { ASHG } from './context.ts';

// Scenario 1: the ASHG's dossier, its melding and the handover to the AMK (put back on offer for one mock).
const DOSSIER = 'D-2026-000101';
const MELDING = 'M-2026-000101';
const HANDOVER = 'V-2026-000102';

const opened: UpstreamHttp[] = [];
const mocks: MockServer[] = [];

function adapter(mock: MockServer) {
  const http = loopbackHttp(ASHG.id, mock.url);
  opened.push(http);
  return createAshgAdapter(contextFor(ASHG, http), { apiKey: 'ashg-dev-key', agencyCodes: WORLD_AGENCY_CODES });
}

let plain: MockServer;
let offered: MockServer;
let answered: MockServer;
let refused: MockServer;
beforeAll(async () => {
  plain = await startAshgMock();
  offered = await startAshgMock({ world: worldWithReferralStatus(ASHG.id, HANDOVER, 'OFFERED') });
  answered = await startAshgMock({ world: worldWithReferralStatus(ASHG.id, HANDOVER, 'OFFERED') });
  refused = await startAshgMock({ world: worldWithReferralStatus(ASHG.id, HANDOVER, 'REFUSED') });
  mocks.push(plain, offered, answered, refused);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((http) => http.close()));
});
afterAll(() => Promise.all(mocks.map((mock) => mock.close())));

const statuses = async (mock: MockServer) => (await adapter(mock).createLoaders(scope()).referralsByHousehold.load(DOSSIER))
  .map((referral) => [referral.localId, referral.toAgencyId, referral.kind, referral.status]);

describe('the ASHG mock shows what it received', () => {
  it('an answer moves the doorverwijzing the ASHG offered to the answerer, once', async () => {
    const act = answer('amk-groningen', ASHG.id, { actId: 'ashg-read-1', senderReference: MELDING });
    await adapter(offered).deliver!(act, scope());
    await adapter(offered).deliver!(act, scope());
    expect(await statuses(offered)).toEqual([
      ['V-2026-000101', null, 'VOLUNTARY_CARE', 'RETURNED_UNSAFE'],
      [HANDOVER, 'amk-groningen', 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED'],
    ]);
    const [moved] = await adapter(offered).createLoaders(scope()).referral.loadMany([HANDOVER]);
    expect(moved).toMatchObject({ updatedAt: expect.stringMatching(/^2026-11-02T/), reason: 'Hulp stagneert; zorg om de kinderen.' });
  });

  it('an answer to a hand-off the ASHG holds no offered doorverwijzing of adds one with the answered status, once', async () => {
    const act = answer('amk-groningen', ASHG.id, {
      actId: 'ashg-read-2', senderReference: MELDING, answer: { decision: 'REFUSED', reason: 'Geen zorgen', answeredAct: 'act-1' },
    });
    const receipt = await adapter(plain).deliver!(act, scope());
    await adapter(plain).deliver!(act, scope());
    expect(await statuses(plain)).toEqual([
      ['V-2026-000101', null, 'VOLUNTARY_CARE', 'RETURNED_UNSAFE'],
      [HANDOVER, 'amk-groningen', 'HANDOVER_ASHG_TO_AMK', 'ACCEPTED'],
      [receipt.receiverReference, 'amk-groningen', 'HANDOVER_ASHG_TO_AMK', 'REFUSED'],
    ]);
    expect(await adapter(plain).createLoaders(scope()).referral.load(receipt.receiverReference)).toMatchObject({
      fromAgencyId: ASHG.id, reportLocalId: MELDING, reason: null, safetyConditions: null, warmHandover: null,
    });
  });

  it('an answer about no melding of the ASHG\'s is stored only', async () => {
    const before = await statuses(plain);
    await adapter(plain).deliver!(answer('amk-groningen', ASHG.id, { actId: 'ashg-read-3', senderReference: 'M-onbekend' }), scope());
    expect(await statuses(plain)).toEqual(before);
  });

  it('feedback sets the receiving care provider of the melding it is about', async () => {
    await adapter(plain).deliver!(feedback('amk-groningen', ASHG.id, {
      actId: 'ashg-read-4', senderReference: MELDING, feedback: { phaseCategory: 'CARE', receivingAgencyId: null, receivingCareProvider: 'Kompaan' },
    }), scope());
    expect(await adapter(plain).createLoaders(scope()).report.load(MELDING)).toMatchObject({
      receivingCareProvider: 'Kompaan', narrative: expect.stringContaining('Moeder meldt'), phase: 'HANDED_OVER_TO_AMK',
    });
  });
});

describe('feedback moves the ASHG\'s doorverwijzing on', () => {
  const tell = (mock: MockServer, actId: string, phaseCategory: PhaseCategory | null) => adapter(mock).deliver!(feedback('amk-groningen', ASHG.id, {
    actId, senderReference: MELDING, sentAt: '2026-11-09T14:00:00+01:00', feedback: { phaseCategory, receivingAgencyId: null, receivingCareProvider: null },
  }), scope());
  const handover = async (mock: MockServer) => adapter(mock).createLoaders(scope()).referral.load(HANDOVER);

  it('after an acceptance: running while the AMK works on the case, completed once it closed it, and no further', async () => {
    await adapter(answered).deliver!(answer('amk-groningen', ASHG.id, { actId: 'ashg-fb-0', senderReference: MELDING }), scope());
    expect(await handover(answered)).toMatchObject({ status: 'ACCEPTED' });
    await tell(answered, 'ashg-fb-1', null);
    expect(await handover(answered)).toMatchObject({ status: 'ACCEPTED' });
    await tell(answered, 'ashg-fb-2', 'CARE');
    await tell(answered, 'ashg-fb-2', 'CARE');
    expect(await handover(answered)).toMatchObject({ toAgencyId: 'amk-groningen', status: 'RUNNING', updatedAt: expect.stringMatching(/^2026-11-09T14:00/) });
    await tell(answered, 'ashg-fb-3', 'MONITORING');
    expect(await handover(answered)).toMatchObject({ status: 'RUNNING' });
    await tell(answered, 'ashg-fb-4', 'CLOSED');
    expect(await handover(answered)).toMatchObject({ status: 'COMPLETED' });
    await tell(answered, 'ashg-fb-5', 'CARE');
    expect(await handover(answered)).toMatchObject({ status: 'COMPLETED' });
    // Only the doorverwijzing to the AMK moved; the one to a care provider is as it was.
    expect(await statuses(answered)).toEqual([
      ['V-2026-000101', null, 'VOLUNTARY_CARE', 'RETURNED_UNSAFE'],
      [HANDOVER, 'amk-groningen', 'HANDOVER_ASHG_TO_AMK', 'COMPLETED'],
    ]);
  });

  it('a refused doorverwijzing stays refused, whatever the feedback says', async () => {
    await tell(refused, 'ashg-fb-6', 'CARE');
    await tell(refused, 'ashg-fb-7', 'CLOSED');
    expect(await handover(refused)).toMatchObject({ status: 'REFUSED' });
  });

  it('feedback from another partner than the one referred to moves nothing', async () => {
    const before = await statuses(plain);
    await adapter(plain).deliver!(feedback('bjz-groningen', ASHG.id, {
      actId: 'ashg-fb-8', senderReference: MELDING, feedback: { phaseCategory: 'CLOSED', receivingAgencyId: null, receivingCareProvider: null },
    }), scope());
    expect(await statuses(plain)).toEqual(before);
  });
});
