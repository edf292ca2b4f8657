/**
 * The police adapter's entry in the shared contract suite. The lookup is the involvement of one
 * zorgmelding: a single GET of the export, and (needing no BSN) no key-mapping call behind it.
 */
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import type nock from 'nock';
import type { AgencyDescriptor } from '#kit/contract.ts';
import { createWorld } from '#mock-world/index.ts';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';
import type { ActDelivery } from '#domain/acts.ts';
import { encodeExport } from './csv.ts';
import { projectPolitie } from './fixtures.ts';
import { createPolitieAdapter } from './index.ts';

const descriptor: AgencyDescriptor = {
  id: 'politie-noord-nederland', kind: 'POLITIE', name: 'Politie Noord-Nederland', region: 'noord-nederland',
};
const credentials = { username: 'gateway', password: 'politie-dev-secret' };
const NUMMER = 'ZM-2026-004711';
const zorgmelding = projectPolitie(createWorld(), descriptor.id).zorgmeldingen.find((z) => z.registratienummer === NUMMER);
if (!zorgmelding) throw new Error(`the world lost scenario 2's zorgmelding ${NUMMER}`);

const act: ActDelivery = {
  actId: 'contract-act-1', kind: 'GIVE_FEEDBACK', referralKind: null, senderAgencyId: 'amk-groningen', receiverAgencyId: 'politie-noord-nederland',
  sentAt: '2026-06-01T12:00:00+02:00', senderReference: 'AMK-2026-0042', municipality: 'Groningen', household: null, members: [],
  children: [], report: null, reason: null, safetyConditions: [], answer: null, feedback: null,
};

export const contractFixture: AdapterContractFixture = {
  descriptor,
  baseUrl: 'http://politie.test',
  create: (context) => createPolitieAdapter(context, { credentials, agencyCodes: WORLD_AGENCY_CODES }),
  intercept: (scope: nock.Scope) => scope
    .get(`/export/zorgmeldingen/${NUMMER}.csv`)
    .basicAuth({ user: credentials.username, pass: credentials.password }),
  lookup: (loaders) => loaders.involvementByHousehold.load(NUMMER),
  happy: {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
    body: encodeExport(zorgmelding.rijen),
    expected: {
      type: 'Involvement',
      owner: { agencyId: descriptor.id, kind: 'POLITIE', region: 'noord-nederland' },
      localId: NUMMER, householdLocalId: NUMMER, municipality: 'Midden-Groningen',
      phase: 'REFERRED', phaseCategory: 'ASSESSMENT', since: '2026-09-12', careProvider: null,
      contact: { name: 'Politie Noord-Nederland, zorgcoördinatie', phone: '0900-0000003', email: 'zorg@politie-nn.example' },
    },
  },
  notFound: { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found', expected: null },
  // What a crashed export job leaves: the wrong columns and a row cut off inside a quoted field.
  malformed: { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' }, body: '\uFEFF"registratienummer";"datum"\r\n"ZM-2026-00' },
  deliver: {
    delivery: { ...act, kind: 'ANSWER_REFERRAL', answer: { decision: 'ACCEPTED', reason: 'Onderzoek gestart', answeredAct: 'contract-act-0' } },
    intercept: (scope: nock.Scope) => scope.post('/doorverwijzingen/antwoorden').basicAuth({ user: credentials.username, pass: credentials.password }),
    stored: { status: 201, headers: { 'content-type': 'text/csv; charset=utf-8' }, body: '\uFEFF"referentie"\r\n"PA-2026-00001"\r\n', receiverReference: 'PA-2026-00001' },
    refused: { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'verplichte gegevens ontbreken of zijn ongeldig' },
    notReceived: { ...act, kind: 'REFER_ZORGMELDING', referralKind: 'POLICE_TO_AMK' },
  },
};
