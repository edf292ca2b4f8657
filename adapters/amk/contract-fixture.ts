/** What the AMK adapter hands the shared contract suite: a household lookup by zaak id over SOAP. */
import type { AgencyDescriptor } from '#kit/contract.ts';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';
import type { ActDelivery } from '#domain/acts.ts';
import { AMK_SOAP_PATH } from './client.ts';
import { createAmkAdapter } from './index.ts';
import { buildFault, buildResponse, soapActionOf } from './soap-envelope.ts';
import { AMK_NS, SOAP_ENV_NS } from './soap-xml.ts';
import type { WireZaak } from './wire-types.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';

const descriptor: AgencyDescriptor = { id: 'amk-groningen', kind: 'AMK', name: 'AMK Groningen', region: 'groningen' };
const credentials = { username: 'amk-contract', password: 'amk-contract-secret' };
const XML = { 'content-type': 'text/xml; charset=utf-8' };

const zaak: WireZaak = {
  zaakId: 'AMK-2026-0042',
  gemeente: 'Groningen',
  adres: { straat: 'Oosterstraat', huisnummer: '12a', postcode: '9711NN', woonplaats: 'Groningen' },
  gezin: {
    gezinslid: [
      { bsn: '900000107', naam: 'Anna de Vries', geboortedatum: '12-04-1988', rol: 'ouder-met-gezag' },
      { bsn: '900000302', naam: 'Sanne de Vries', geboortedatum: '03-06-2017', rol: 'kind' },
    ],
  },
  kinderen: { kind: [{ kindnummer: 'AMK-2026-0042-K1', bsn: '900000302', naam: 'Sanne de Vries', geboortedatum: '03-06-2017', betrokkenheid: 'getuige-partnergeweld' }] },
  fase: 'onderzoek',
  faseDatum: '18-06-2026',
  contact: { naam: 'Veilig Thuis Groningen, team AMK', telefoon: '050-0000002', email: 'amk@vt-groningen.example' },
};

const act: ActDelivery = {
  actId: 'contract-act-1', kind: 'GIVE_FEEDBACK', referralKind: null, senderAgencyId: 'amk-groningen', receiverAgencyId: 'amk-groningen',
  sentAt: '2026-06-01T12:00:00+02:00', senderReference: 'AMK-2026-0042', municipality: 'Groningen', household: null, members: [],
  children: [], report: null, reason: null, safetyConditions: [], answer: null, feedback: null,
};

export const contractFixture: AdapterContractFixture = {
  descriptor,
  baseUrl: 'http://amk.test',
  create: (context) => createAmkAdapter(context, { credentials, agencyCodes: WORLD_AGENCY_CODES }),
  intercept: (scope) => scope
    .post(AMK_SOAP_PATH, (body: string) => body.includes('<amk:HaalZakenOp>') && body.includes('<amk:zaakId>AMK-2026-0042</amk:zaakId>')
      && body.includes(`<wsse:Username>${credentials.username}</wsse:Username>`))
    .matchHeader('soapaction', soapActionOf('HaalZakenOp'))
    .matchHeader('content-type', /^text\/xml/),
  lookup: (loaders) => loaders.household.load('AMK-2026-0042'),
  happy: {
    headers: XML,
    body: buildResponse('HaalZakenOp', { zaken: { zaak: [zaak] } }),
    expected: {
      type: 'Household', localId: 'AMK-2026-0042', householdLocalId: 'AMK-2026-0042', municipality: 'Groningen',
      owner: { agencyId: 'amk-groningen', kind: 'AMK', region: 'groningen' },
      address: { street: 'Oosterstraat', houseNumber: '12a', postalCode: '9711NN', city: 'Groningen' },
      members: [
        { bsn: '900000107', name: 'Anna de Vries', birthDate: '1988-04-12', role: 'PARENT_WITH_AUTHORITY' },
        { bsn: '900000302', name: 'Sanne de Vries', birthDate: '2017-06-03', role: 'CHILD' },
      ],
    },
  },
  // One id asked alone and unknown: the AMK answers its ONBEKEND client fault.
  notFound: { status: 404, headers: XML, body: buildFault('Client', 'ONBEKEND', 'onbekende zaak'), expected: null },
  malformed: {
    headers: XML,
    body: `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}" xmlns:amk="${AMK_NS}"><soap:Body><amk:HaalZakenOpResponse><amk:zaken><amk:zaak><amk:zaakId>AMK-20`,
  },
  deliver: {
    delivery: {
      ...act, kind: 'HAND_OVER_CASE', referralKind: 'HANDOVER_ASHG_TO_AMK', senderAgencyId: 'ashg-groningen', senderReference: 'M-2026-000101',
      children: [{ type: 'Child', values: { 'Child.name': 'Sanne de Vries', 'Child.role': 'WITNESS_OF_PARTNER_VIOLENCE' } }],
      reason: 'Vrijwillige hulp stagneert.',
    },
    intercept: (scope) => scope.post(AMK_SOAP_PATH, (body: string) => body.includes('<amk:OntvangOverdracht>'))
      .matchHeader('soapaction', soapActionOf('OntvangOverdracht')),
    stored: { headers: XML, body: buildResponse('OntvangOverdracht', { kenmerk: 'AMK-2026-O00001' }), receiverReference: 'AMK-2026-O00001' },
    refused: { status: 400, headers: XML, body: buildFault('Client', 'VERZOEK', 'gemeente ontbreekt bij de zaak van Sanne de Vries') },
  },
};
