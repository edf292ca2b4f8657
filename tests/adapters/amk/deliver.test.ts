/**
 * The AMK's receiving SOAP operations (issue 13) over real HTTP to the runnable mock: handovers and police
 * referrals become a new zaak, answers and feedback are stored; once per act id; client faults permanent,
 * server faults transient; a hostile reason is escaped and arrives as the same text; no personal data in
 * errors. And the pure mapping, by table.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAmkAdapter } from '#adapters/amk/index.ts';
import { toAmkInbound } from '#adapters/amk/deliver-mapping.ts';
import { buildRequest } from '#adapters/amk/soap-envelope.ts';
import { startAmkMock } from '#adapters/amk/mock.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import {
  HOSTILE_REASON, PERSONAL_VALUES, answer, contextFor, feedback, handover, loopbackHttp, messagesOf, policeReferral, rejection, scope,
} from '../act-deliveries.ts';
import { AMK, CREDENTIALS } from './context.ts';

const opened: UpstreamHttp[] = [];
let mock: MockServer;

function adapter(resilience = {}) {
  const http = loopbackHttp(AMK.id, mock.url, resilience);
  opened.push(http);
  return createAmkAdapter(contextFor(AMK, http), { credentials: CREDENTIALS, agencyCodes: WORLD_AGENCY_CODES });
}

beforeAll(async () => {
  mock = await startAmkMock();
});
afterEach(async () => {
  mock.failInbound(0);
  await Promise.all(opened.splice(0));
});
afterAll(() => mock.close());

describe('AMK deliver mapping', () => {
  it('writes a handover as OntvangOverdracht with every granted value in the AMK\'s codes and formats', () => {
    expect(toAmkInbound(handover(), WORLD_AGENCY_CODES)).toEqual({
      operation: 'OntvangOverdracht',
      content: {
        handelingId: 'act-0001', soort: 'overdracht-ashg-amk', van: { instelling: 'ASHG-GRN' }, afzenderReferentie: 'M-2026-000101',
        verzonden: '02-11-2026 10:15', gemeente: 'Groningen',
        adres: { straat: 'Vinkenstraat', huisnummer: '12a', postcode: '9727BW', woonplaats: 'Groningen' },
        gezin: { gezinslid: [
          { bsn: '900000101', naam: 'Sanne de Vries', geboortedatum: '12-04-1988', rol: 'ouder-met-gezag' },
          { naam: 'Mark Jansen', rol: 'partner' },
        ] },
        kinderen: { kind: [{ bsn: '900000302', naam: 'Lotte de Vries', geboortedatum: '30-09-2016', school: 'OBS De Wijert', situatie: 'Slaapt slecht.', betrokkenheid: 'getuige-partnergeweld' }] },
        melding: {
          ontvangen: '02-03-2026 09:14', kanaal: 'telefoon', soort: 'melding', geweldsvormen: { vorm: ['partnergeweld'] },
          relaas: 'Moeder meldt herhaald fysiek geweld door partner.', urgentie: 'hoog',
        },
        reden: 'Vrijwillige hulp stagneert; zorg om de kinderen.',
        veiligheidsvoorwaarden: { voorwaarde: ['Partner verblijft elders', 'Wekelijks contact met school'] },
      },
    });
  });

  it('sends only what is granted: no household, members or report leaves those elements out', () => {
    const content = toAmkInbound(handover({ household: null, members: [], report: null, children: [{ type: 'Child', values: { 'Child.role': 'DIRECT_VICTIM' } }], reason: null, safetyConditions: [] }), WORLD_AGENCY_CODES)?.content;
    expect(content).toEqual({
      handelingId: 'act-0001', soort: 'overdracht-ashg-amk', van: { instelling: 'ASHG-GRN' }, afzenderReferentie: 'M-2026-000101',
      verzonden: '02-11-2026 10:15', gemeente: 'Groningen', kinderen: { kind: [{ betrokkenheid: 'slachtoffer' }] },
    });
  });

  it('skips values it has no code or format for, and unknown coordinates, never guessing', () => {
    const content = toAmkInbound(handover({
      members: [{ type: 'HouseholdMember', values: { 'HouseholdMember.role': 'COUSIN', 'HouseholdMember.birthDate': 'ooit', 'HouseholdMember.bsn': '12', 'HouseholdMember.shoeSize': '44' } }],
      report: { type: 'Report', values: { 'Report.violenceTypes': ['PARTNER_VIOLENCE', 'SOMETHING'], 'Report.urgency': 7, 'Report.reporter': 'Huisarts' } },
    }), WORLD_AGENCY_CODES)?.content;
    expect(content).not.toHaveProperty('gezin');
    expect(content).toMatchObject({ melding: { geweldsvormen: { vorm: ['partnergeweld'] } } });
    expect(JSON.stringify(content)).not.toMatch(/Huisarts|44|COUSIN/);
  });

  it('writes a police referral, an answer and feedback', () => {
    expect(toAmkInbound(policeReferral(AMK.id, { referralKind: 'POLICE_TO_AMK' }), WORLD_AGENCY_CODES)).toMatchObject({
      operation: 'OntvangOverdracht', content: { soort: 'politie-naar-amk', van: { instelling: 'POL-NN' }, melding: { soort: 'zorgmelding-politie', ontvangen: '06-10-2026 09:00' } },
    });
    expect(toAmkInbound(answer('bjz-groningen', AMK.id, { answer: { decision: 'RETURNED_UNSAFE', reason: null, answeredAct: 'act-9' } }), WORLD_AGENCY_CODES)).toEqual({
      operation: 'OntvangAntwoord',
      content: { handelingId: 'act-0003', beantwoordeHandeling: 'act-9', van: { instelling: 'BJZ-GRN' }, afzenderReferentie: 'AMK-2026-00042', verzonden: '02-11-2026 10:15', besluit: 'onveilig-teruggemeld' },
    });
    expect(toAmkInbound(feedback('bjz-groningen', AMK.id, { feedback: { phaseCategory: 'CARE', receivingAgencyId: null, receivingCareProvider: 'Kompaan' } }), WORLD_AGENCY_CODES)).toEqual({
      operation: 'OntvangTerugkoppeling',
      content: { handelingId: 'act-0004', van: { instelling: 'BJZ-GRN' }, afzenderReferentie: 'AMK-2026-00042', verzonden: '02-11-2026 10:15', gemeente: 'Groningen', faseCategorie: 'zorg', naar: { zorgaanbieder: 'Kompaan' } },
    });
  });

  it('refuses a case without a referral kind, and an answer or feedback without its content', () => {
    expect(toAmkInbound(handover({ referralKind: null }), WORLD_AGENCY_CODES)).toBeNull();
    expect(toAmkInbound(answer('bjz-groningen', AMK.id, { answer: null }), WORLD_AGENCY_CODES)).toBeNull();
    expect(toAmkInbound(feedback('bjz-groningen', AMK.id, { feedback: null }), WORLD_AGENCY_CODES)).toBeNull();
  });

  it('escapes a hostile reason in the envelope, so it cannot add or close elements', () => {
    const xmlWith = (reason: string) => buildRequest('OntvangOverdracht', toAmkInbound(handover({ reason }), WORLD_AGENCY_CODES)!.content, CREDENTIALS);
    const xml = xmlWith(HOSTILE_REASON);
    expect(xml).not.toContain(']]></amk:reden><amk:soort>');
    expect(xml).toContain('&lt;/amk:reden&gt;&lt;amk:soort&gt;');
    const tags = (text: string) => text.match(/<[^>]*>/g);
    expect(tags(xml)).toEqual(tags(xmlWith('plain')));
  });
});

describe('AMK deliver over SOAP to the mock', () => {
  it('registers a handed-over case once per act id, with the same kenmerk for the repeat', async () => {
    const amk = adapter();
    const before = mock.receivedActs().length;
    const act = handover({ actId: 'amk-handover-1' });
    const first = await amk.deliver!(act, scope());
    expect(first.receiverReference).toMatch(/^AMK-2026-O\d{5}$/);
    expect(await amk.deliver!(act, scope())).toEqual(first);
    expect(mock.receivedActs()).toHaveLength(before + 1);
    expect(mock.receivedActs().at(-1)).toMatchObject({
      actId: 'amk-handover-1', operation: 'OntvangOverdracht', receiverReference: first.receiverReference,
      record: { soort: 'overdracht-ashg-amk', kinderen: { kind: [{ bsn: '900000302' }] }, veiligheidsvoorwaarden: { voorwaarde: ['Partner verblijft elders', 'Wekelijks contact met school'] } },
    });
  });

  it('a hostile reason arrives as exactly the text sent', async () => {
    await adapter().deliver!(handover({ actId: 'amk-hostile-1', reason: HOSTILE_REASON }), scope());
    const record = mock.receivedActs().find((entry) => entry.actId === 'amk-hostile-1')?.record as { reden: string; soort: string };
    // XML normalises a CR LF line break to LF (XML 1.0 section 2.11); everything else arrives as sent.
    expect(record.reden).toBe(HOSTILE_REASON.replace('\r\n', '\n'));
    expect(record.soort).toBe('overdracht-ashg-amk');
  });

  it('receives a police referral, an answer and feedback', async () => {
    const amk = adapter();
    const references = [
      await amk.deliver!(policeReferral(AMK.id, { actId: 'amk-ref-1', referralKind: 'POLICE_TO_AMK' }), scope()),
      await amk.deliver!(answer('bjz-groningen', AMK.id, { actId: 'amk-ans-1' }), scope()),
      await amk.deliver!(feedback('bjz-groningen', AMK.id, { actId: 'amk-fb-1' }), scope()),
    ].map((receipt) => receipt.receiverReference);
    expect(references).toEqual([expect.stringMatching(/^AMK-2026-O\d{5}$/), expect.stringMatching(/^ANT-2026-\d{5}$/), expect.stringMatching(/^TK-2026-\d{5}$/)]);
    expect(mock.receivedActs().filter((entry) => entry.actId.startsWith('amk-') && ['amk-ref-1', 'amk-ans-1', 'amk-fb-1'].includes(entry.actId)).map((entry) => entry.operation))
      .toEqual(['OntvangOverdracht', 'OntvangAntwoord', 'OntvangTerugkoppeling']);
  });

  it('refuses an act it cannot map permanently, without calling the AMK', async () => {
    const calls = mock.requestCount();
    const error = await rejection(() => adapter().deliver!(handover({ referralKind: null }), scope()));
    expect(error).toMatchObject({ code: 'UPSTREAM_REFUSED', permanent: true, agency: AMK.id });
    expect(mock.requestCount()).toBe(calls);
  });

  it('takes a soap:Client fault (VERZOEK) as a permanent refusal, without the omschrijving', async () => {
    // A referral kind the AMK has a code for but that is no act a mock AMK accepts would need another mock;
    // an empty municipality is refused by the AMK itself.
    const error = await rejection(() => adapter().deliver!(handover({ actId: 'amk-bad-1', municipality: ' ' }), scope()));
    expect(error).toMatchObject({ code: 'UPSTREAM_REFUSED', permanent: true, status: 400 });
    expect(messagesOf(error)).toContain('VERZOEK');
    expect(messagesOf(error)).not.toMatch(/verplichte|ontbreken/);
    expect(mock.receivedActs().some((entry) => entry.actId === 'amk-bad-1')).toBe(false);
  });

  it('takes a soap:Server fault (STORING, 500) as transient; the same act later is stored once', async () => {
    mock.failInbound(1);
    const act = handover({ actId: 'amk-outage-1' });
    const error = await rejection(() => adapter().deliver!(act, scope()));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', permanent: false });
    await adapter().deliver!(act, scope());
    expect(mock.receivedActs().filter((entry) => entry.actId === 'amk-outage-1')).toHaveLength(1);
  });

  it('the kit retries an outage within one delivery, and still stores the act once', async () => {
    mock.failInbound(2);
    const receipt = await adapter({ retries: 2 }).deliver!(handover({ actId: 'amk-retry-1' }), scope());
    expect(mock.receivedActs().filter((entry) => entry.actId === 'amk-retry-1')).toEqual([expect.objectContaining({ receiverReference: receipt.receiverReference })]);
  });

  it('carries no personal data in any error message', async () => {
    mock.failInbound(1);
    const errors = [
      await rejection(() => adapter().deliver!(handover({ actId: 'amk-pd-1' }), scope())),
      await rejection(() => adapter().deliver!(handover({ actId: 'amk-pd-2', municipality: ' ' }), scope())),
      await rejection(() => adapter().deliver!(handover({ referralKind: null }), scope())),
    ];
    for (const error of errors) for (const value of PERSONAL_VALUES) expect(messagesOf(error)).not.toContain(value);
  });
});
