/** What the ASHG adapter hands the shared contract suite: one melding lookup by id. */
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';
import type { ActDelivery } from '#domain/acts.ts';
import { createAshgAdapter } from './index.ts';

const API_KEY = 'ashg-contract-key';
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

const melding = {
  meldingnummer: 'M-2026-000101', dossiernummer: 'D-2026-000101', gemeente: 'Groningen',
  ontvangen: '2026-03-02T09:14:00+01:00', kanaal: 'telefoon', soort: 'melding',
  melder: { naam: 'Huisarts J. Bakker', type: 'professional', anonimiteitToegezegd: false, telefoon: '050-5550101' },
  geweldsvormen: ['partnergeweld'], betrokkenKinderen: [{ bsn: '900000302', rol: 'getuige' }],
  relaas: 'Moeder meldt herhaald fysiek geweld door partner.', afgeschermdeInformatie: null, urgentie: 'hoog',
  veiligheidsbeoordeling: { uiterlijk: '09-03-2026', besloten: '2026-03-05T16:00:00+01:00', uitkomst: 'onveilig-hulp-nodig' },
  fase: 'overgedragen-aan-amk', ontvangendeZorgaanbieder: 'Stichting Kompaan en De Bocht',
};

const act: ActDelivery = {
  actId: 'contract-act-1', kind: 'GIVE_FEEDBACK', referralKind: null, senderAgencyId: 'amk-groningen', receiverAgencyId: 'ashg-groningen',
  sentAt: '2026-06-01T12:00:00+02:00', senderReference: 'AMK-2026-0042', municipality: 'Groningen', household: null, members: [],
  children: [], report: null, reason: null, safetyConditions: [], answer: null, feedback: null,
};

export const contractFixture: AdapterContractFixture = {
  descriptor: { id: 'ashg-groningen', kind: 'ASHG', name: 'ASHG Groningen', region: 'groningen' },
  baseUrl: 'http://ashg.test',
  create: (context) => createAshgAdapter(context, { apiKey: API_KEY, agencyCodes: WORLD_AGENCY_CODES }),
  intercept: (scope) => scope.get('/api/v1/meldingen').query({ ids: 'M-2026-000101' }).matchHeader('x-api-key', API_KEY),
  lookup: (loaders) => loaders.report.load('M-2026-000101'),
  happy: {
    headers: JSON_HEADERS,
    body: JSON.stringify({ meldingen: [melding] }),
    expected: {
      type: 'Report', localId: 'M-2026-000101', householdLocalId: 'D-2026-000101', municipality: 'Groningen',
      owner: { agencyId: 'ashg-groningen', kind: 'ASHG', region: 'groningen' },
      receivedAt: '2026-03-02T09:14:00+01:00', channel: 'PHONE', kind: 'REPORT', urgency: 'HIGH',
      violenceTypes: ['PARTNER_VIOLENCE'], childInvolvement: [{ childBsn: '900000302', role: 'WITNESS_OF_PARTNER_VIOLENCE' }],
      safetyAssessment: { dueBy: '2026-03-09', decidedAt: '2026-03-05T16:00:00+01:00', outcome: 'UNSAFE_HELP_NEEDED' },
      phase: 'HANDED_OVER_TO_AMK', phaseCategory: 'CARE',
    },
  },
  // The batch lookup answers an unknown id by leaving it out of the list.
  notFound: { status: 200, headers: JSON_HEADERS, body: '{"meldingen":[]}', expected: null },
  malformed: { headers: JSON_HEADERS, body: '{"meldingen":[{"meldingnummer":"M-2026-0' },
  deliver: {
    delivery: { ...act, feedback: { phaseCategory: 'INVESTIGATION', receivingAgencyId: 'amk-groningen', receivingCareProvider: null } },
    intercept: (scope) => scope.post('/api/v1/terugkoppelingen').matchHeader('x-api-key', API_KEY),
    stored: { status: 201, headers: JSON_HEADERS, body: '{"referentie":"T-2026-000001"}', receiverReference: 'T-2026-000001' },
    refused: { status: 400, headers: JSON_HEADERS, body: '{"fout":{"code":"ONGELDIG_VERZOEK","melding":"Gemeente ontbreekt voor dossier van Sanne de Vries."}}' },
    notReceived: { ...act, kind: 'HAND_OVER_CASE', referralKind: 'HANDOVER_ASHG_TO_AMK' },
  },
};
