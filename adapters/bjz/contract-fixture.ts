/** What the BJZ adapter hands the shared contract suite: a household lookup by gezin id. */
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import type nock from 'nock';
import type { AgencyDescriptor } from '#kit/contract.ts';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';
import type { ActDelivery } from '#domain/acts.ts';
import { createBjzAdapter } from './index.ts';

const descriptor: AgencyDescriptor = {
  id: 'bjz-groningen', kind: 'BJZ', name: 'Bureau Jeugdzorg Groningen', region: 'groningen',
};

const client = {
  id: 'bjz-gezin-7f3a-k1',
  bsn: '900002207',
  naam: 'Lisa Hendriks',
  geboortedatum: '14-05-2011',
  gezin: {
    id: 'bjz-gezin-7f3a',
    gezinsleden: [
      { bsn: '900002104', naam: 'Marco Hendriks', geboortedatum: '01-05-1978', relatie: 'ouder-met-gezag' },
      { bsn: '900002207', naam: 'Lisa Hendriks', geboortedatum: '14-05-2011', relatie: 'kind' },
    ],
  },
  adres: { straat: 'Paterswoldseweg', huisnummer: 301, toevoeging: null, postcode: '9727 BW', woonplaats: 'Groningen' },
  gemeente: 'Groningen',
  school: 'Praedinius Gymnasium',
  situatie: 'Spijbelt.',
  betrokkenheid: 'direct-slachtoffer',
  traject: {
    fase: 'intake', startdatum: '06-10-2026', zorgaanbieder: 'Jeugdhulp Groningen Stad',
    contactpunt: { naam: 'Bureau Jeugdzorg Groningen, toegang', telefoon: '050-0000004', email: 'toegang@bjz-groningen.example' },
  },
};

const json = { 'content-type': 'application/json' };

const act: ActDelivery = {
  actId: 'contract-act-1', kind: 'GIVE_FEEDBACK', referralKind: null, senderAgencyId: 'amk-groningen', receiverAgencyId: 'bjz-groningen',
  sentAt: '2026-06-01T12:00:00+02:00', senderReference: 'AMK-2026-0042', municipality: 'Groningen', household: null, members: [],
  children: [], report: null, reason: null, safetyConditions: [], answer: null, feedback: null,
};

export const contractFixture: AdapterContractFixture = {
  descriptor,
  baseUrl: 'http://bjz.test',
  create: (context) => createBjzAdapter(context, { clientId: 'ketenpoort', clientSecret: 'bjz-dev-secret', agencyCodes: WORLD_AGENCY_CODES }),
  prepare(scope: nock.Scope) {
    scope.post('/oauth/token', 'grant_type=client_credentials')
      .reply(200, { access_token: 'contract-token', token_type: 'Bearer', expires_in: 300 }, json);
  },
  intercept: (scope) => scope
    .post('/v2/clienten/zoeken', { gezinIds: ['bjz-gezin-7f3a'] })
    .matchHeader('authorization', 'Bearer contract-token'),
  lookup: (loaders) => loaders.household.load('bjz-gezin-7f3a'),
  happy: {
    headers: json,
    body: JSON.stringify({ data: [client] }),
    expected: {
      type: 'Household',
      owner: { agencyId: 'bjz-groningen', kind: 'BJZ', region: 'groningen' },
      localId: 'bjz-gezin-7f3a',
      householdLocalId: 'bjz-gezin-7f3a',
      municipality: 'Groningen',
      members: [
        { bsn: '900002104', name: 'Marco Hendriks', birthDate: '1978-05-01', role: 'PARENT_WITH_AUTHORITY' },
        { bsn: '900002207', name: 'Lisa Hendriks', birthDate: '2011-05-14', role: 'CHILD' },
      ],
      address: { street: 'Paterswoldseweg', houseNumber: '301', postalCode: '9727BW', city: 'Groningen' },
    },
  },
  notFound: { status: 200, headers: json, body: JSON.stringify({ data: [] }), expected: null },
  malformed: { headers: json, body: '{"data":[{"id":"bjz-gezin-' },
  deliver: {
    delivery: {
      ...act, kind: 'REFER_ZORGMELDING', referralKind: 'POLICE_TO_BJZ', senderAgencyId: 'politie-noord-nederland', senderReference: 'ZM-2026-004711',
      children: [{ type: 'Child', values: { 'Child.name': 'Lisa Hendriks', 'Child.birthDate': '2011-05-14' } }],
    },
    intercept: (scope) => scope.post('/v2/aanmeldingen').matchHeader('authorization', 'Bearer contract-token'),
    stored: { status: 201, headers: json, body: '{"id":"bjz-aanm-in-00001"}', receiverReference: 'bjz-aanm-in-00001' },
    refused: { status: 400, headers: json, body: '{"fout":"een aanmelding gaat over ten minste een minderjarige (Lisa Hendriks)"}' },
    notReceived: { ...act, feedback: { phaseCategory: 'CARE', receivingAgencyId: null, receivingCareProvider: null } },
  },
};
