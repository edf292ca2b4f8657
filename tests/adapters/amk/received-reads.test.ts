/**
 * What the AMK's system received shows in its reads (issue 13), over real HTTP to the runnable mock and
 * back through the adapter's own loaders: a handover becomes a new zaak with its melding (as received) and
 * an offered overdracht; an answer moves the overdracht the AMK made, or registers one; feedback sets the
 * receiving care provider and moves that overdracht on (running, completed once the partner closed its
 * case; a refusal stays); a repeated delivery creates nothing twice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAmkAdapter } from '#adapters/amk/index.ts';
import { startAmkMock } from '#adapters/amk/mock.ts';
import type { PhaseCategory } from '#domain/records.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import { bsnFromSerial } from '#mock-world/random.ts';
import { answer, contextFor, feedback, handover, loopbackHttp, scope } from '../act-deliveries.ts';
import { AMK, CREDENTIALS } from './context.ts';

// Valid BSNs nobody in the world has (serials far above the generated population's).
const [MOTHER_BSN, CHILD_BSN, OTHER_CHILD_BSN] = [bsnFromSerial(9_000_001), bsnFromSerial(9_000_002), bsnFromSerial(9_000_003)];
const base = handover();
const MOTHER = { ...base.members[0]!, values: { ...base.members[0]!.values, 'HouseholdMember.bsn': MOTHER_BSN } };
const PARTNER = base.members[1]!;
const CHILD = { ...base.children[0]!, values: { ...base.children[0]!.values, 'Child.bsn': CHILD_BSN } };

const opened: UpstreamHttp[] = [];
let mock: MockServer;
let told: MockServer;

function adapter(server: MockServer = mock) {
  const http = loopbackHttp(AMK.id, server.url);
  opened.push(http);
  return createAmkAdapter(contextFor(AMK, http), { credentials: CREDENTIALS, agencyCodes: WORLD_AGENCY_CODES });
}

beforeAll(async () => {
  mock = await startAmkMock();
  told = await startAmkMock();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((http) => http.close()));
});
afterAll(() => Promise.all([mock.close(), told.close()]));

describe('the AMK mock shows what it received', () => {
  it('a handover becomes a zaak with its melding and an offered overdracht, found by BSN, by id and by municipality', async () => {
    const amk = adapter();
    const { receiverReference: zaakId } = await amk.deliver!(handover({ actId: 'amk-read-1', members: [MOTHER, PARTNER], children: [CHILD] }), scope());
    const loaders = amk.createLoaders(scope());
    const households = await loaders.householdsByBsn.load(CHILD_BSN);
    expect(households.map((household) => household.localId)).toEqual([zaakId]);
    expect(households[0]).toMatchObject({
      municipality: 'Groningen',
      address: { street: 'Vinkenstraat', houseNumber: '12a', postalCode: '9727BW', city: 'Groningen' },
      members: [
        { bsn: MOTHER_BSN, name: 'Sanne de Vries', birthDate: '1988-04-12', role: 'PARENT_WITH_AUTHORITY' },
        { bsn: null, name: 'Mark Jansen', birthDate: null, role: 'PARTNER' },
        { bsn: CHILD_BSN, name: 'Lotte de Vries', birthDate: '2016-09-30', role: 'CHILD' },
      ],
    });
    expect(await loaders.childrenByHousehold.load(zaakId)).toEqual([expect.objectContaining({
      bsn: CHILD_BSN, name: 'Lotte de Vries', birthDate: '2016-09-30', school: 'OBS De Wijert', situation: 'Slaapt slecht.', role: 'WITNESS_OF_PARTNER_VIOLENCE',
    })]);
    const [report] = await loaders.reportsByHousehold.load(zaakId);
    expect(report).toMatchObject({
      localId: `${zaakId}-M1`, householdLocalId: zaakId, kind: 'REPORT', channel: 'PHONE', receivedAt: expect.stringMatching(/^2026-03-02T09:14/),
      violenceTypes: ['PARTNER_VIOLENCE'], narrative: 'Moeder meldt herhaald fysiek geweld door partner.', urgency: 'HIGH',
      childInvolvement: [{ childBsn: CHILD_BSN, role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
      // Nothing of the reporter travels, and the AMK has not assessed it yet.
      reporter: null, restrictedInformation: null, safetyAssessment: null, phase: 'INTAKE',
    });
    expect(await loaders.referralsByHousehold.load(zaakId)).toEqual([expect.objectContaining({
      localId: `${zaakId}-V1`, fromAgencyId: 'ashg-groningen', toAgencyId: 'amk-groningen', kind: 'HANDOVER_ASHG_TO_AMK', status: 'OFFERED',
      reason: 'Vrijwillige hulp stagneert; zorg om de kinderen.', safetyConditions: ['Partner verblijft elders', 'Wekelijks contact met school'],
      reportLocalId: `${zaakId}-M1`, warmHandover: null,
    })]);
    expect(await loaders.involvementByHousehold.load(zaakId)).toMatchObject({ phase: 'INTAKE', phaseCategory: 'ASSESSMENT', since: '2026-11-02' });
    const listed = await amk.listHouseholds(['Groningen'], scope());
    expect(listed.filter((household) => household.localId === zaakId)).toHaveLength(1);
  });

  it('a repeated handover creates nothing twice', async () => {
    const amk = adapter();
    const act = handover({ actId: 'amk-read-2', children: [{ type: 'Child', values: { 'Child.bsn': OTHER_CHILD_BSN } }] });
    const first = await amk.deliver!(act, scope());
    expect(await amk.deliver!(act, scope())).toEqual(first);
    const households = await amk.createLoaders(scope()).householdsByBsn.load(OTHER_CHILD_BSN);
    expect(households.map((household) => household.localId)).toEqual([first.receiverReference]);
    expect(await amk.createLoaders(scope()).reportsByHousehold.load(first.receiverReference)).toHaveLength(1);
  });

  it('an answer to a hand-off the AMK holds no overdracht of registers one with the answered status, once', async () => {
    const amk = adapter();
    // Scenario 1's AMK melding has no overdracht: the answer registers one, ACCEPTED, to the answerer.
    const act = answer('bjz-groningen', AMK.id, { actId: 'amk-read-3', senderReference: 'AMK-M-2026-0042' });
    const receipt = await amk.deliver!(act, scope());
    await amk.deliver!(act, scope());
    const referrals = await amk.createLoaders(scope()).referralsByHousehold.load('AMK-2026-0042');
    expect(referrals).toEqual([expect.objectContaining({
      localId: receipt.receiverReference, fromAgencyId: 'amk-groningen', toAgencyId: 'bjz-groningen', kind: 'HANDOVER_TO_CERTIFIED_INSTITUTION',
      status: 'ACCEPTED', reportLocalId: 'AMK-M-2026-0042',
    })]);
  });

  it('feedback sets the receiving care provider of the melding it is about; an unknown reference changes nothing', async () => {
    const amk = adapter();
    await amk.deliver!(feedback('bjz-groningen', AMK.id, {
      actId: 'amk-read-6', senderReference: 'AMK-M-2026-0042', feedback: { phaseCategory: 'CARE', receivingAgencyId: null, receivingCareProvider: 'Kompaan' },
    }), scope());
    await amk.deliver!(feedback('bjz-groningen', AMK.id, { actId: 'amk-read-7', senderReference: 'AMK-M-onbekend' }), scope());
    expect(await amk.createLoaders(scope()).report.load('AMK-M-2026-0042')).toMatchObject({ receivingCareProvider: 'Kompaan', narrative: expect.any(String) });
    expect(await amk.createLoaders(scope()).report.load('AMK-M-onbekend')).toBeNull();
  });
});

describe('feedback moves the AMK\'s overdracht on', () => {
  // Scenario 1's AMK melding: each answer registers an overdracht to its answerer, which the feedback then moves.
  const MELDING = 'AMK-M-2026-0042';
  const answerFrom = async (partner: string, actId: string, decision: 'ACCEPTED' | 'REFUSED') => (await adapter(told).deliver!(answer(partner, AMK.id, {
    actId, senderReference: MELDING, answer: { decision, reason: decision === 'REFUSED' ? 'Geen plek' : null, answeredAct: 'act-1' },
  }), scope())).receiverReference;
  const tell = (partner: string, actId: string, phaseCategory: PhaseCategory | null) => adapter(told).deliver!(feedback(partner, AMK.id, {
    actId, senderReference: MELDING, sentAt: '2026-11-09T14:00:00+01:00', feedback: { phaseCategory, receivingAgencyId: null, receivingCareProvider: null },
  }), scope());
  const status = async (overdrachtId: string) => (await adapter(told).createLoaders(scope()).referral.load(overdrachtId))?.status;

  it('after an acceptance: running while the partner works on the case, completed once it closed it; a refusal stays', async () => {
    const accepted = await answerFrom('bjz-groningen', 'amk-fb-1', 'ACCEPTED');
    const refused = await answerFrom('raad-voor-de-kinderbescherming', 'amk-fb-2', 'REFUSED');
    await tell('bjz-groningen', 'amk-fb-3', null);
    await tell('raad-voor-de-kinderbescherming', 'amk-fb-3b', 'CLOSED'); // about the Raad's overdracht, not BJZ's
    expect(await status(accepted)).toBe('ACCEPTED');
    await tell('bjz-groningen', 'amk-fb-4', 'CARE');
    await tell('bjz-groningen', 'amk-fb-4', 'CARE');
    expect(await adapter(told).createLoaders(scope()).referral.load(accepted)).toMatchObject({
      toAgencyId: 'bjz-groningen', status: 'RUNNING', updatedAt: expect.stringMatching(/^2026-11-09T14:00/),
    });
    await tell('raad-voor-de-kinderbescherming', 'amk-fb-5', 'CARE');
    expect(await status(refused)).toBe('REFUSED');
    await tell('bjz-groningen', 'amk-fb-6', 'CLOSED');
    await tell('raad-voor-de-kinderbescherming', 'amk-fb-7', 'CLOSED');
    expect([await status(accepted), await status(refused)]).toEqual(['COMPLETED', 'REFUSED']);
    await tell('bjz-groningen', 'amk-fb-8', 'CARE');
    expect(await status(accepted)).toBe('COMPLETED');
  });
});
