/**
 * Pure mapping from BJZ's wire records to the gateway's records. Every field is checked; a record
 * that fails maps to a failure for that record alone, so the loaders fail the keys it can still be
 * filed under (record-keys.ts) and answer the others.
 */
import type {
  AddressRecord, ChildRecord, HouseholdRecord, InvolvementRecord, MemberRecord, OwnerTag, ReferralRecord,
} from '#domain/records.ts';
import type { MappingResult } from '#kit/mapping-result.ts';
import { lookupCode, readRecord, type WireFields } from '#kit/wire-fields.ts';
import { BETROKKENHEID, FASE, RELATIE, SOORT, STATUS } from './codes.ts';
import { BJZ_WIRE, DATE, DATE_TIME, POSTCODE } from './wire-dialect.ts';
import type { WireAanmelding, WireClient, WireGezinslid } from './wire-types.ts';

export interface BjzMappingOptions {
  readonly owner: OwnerTag;
  /** BJZ chain-partner code (`POL-NN`) to gateway agency id; an unknown code maps to null. */
  readonly agencyCodes: Readonly<Record<string, string>>;
}

/** One BJZ client, seen as the three records the gateway asks for. */
export interface MappedClient {
  readonly clientId: string;
  readonly gezinId: string;
  /** BSNs of the client and of everyone in its gezin. */
  readonly bsns: readonly string[];
  readonly household: HouseholdRecord;
  readonly child: ChildRecord;
  readonly involvement: InvolvementRecord;
}

/** One aanmelding as a referral, with the clients it is about (the key BJZ indexes it by). */
export interface MappedAanmelding {
  readonly referral: ReferralRecord;
  readonly clientIds: readonly string[];
}

export function mapClient(raw: unknown, options: BjzMappingOptions): MappingResult<MappedClient> {
  return readRecord<WireClient, MappedClient>(raw, 'client', BJZ_WIRE, (client) => readClient(client, options));
}

export function mapAanmelding(raw: unknown, options: BjzMappingOptions): MappingResult<MappedAanmelding> {
  return readRecord<WireAanmelding, MappedAanmelding>(raw, 'aanmelding', BJZ_WIRE, (aanmelding) => ({
    referral: readReferral(aanmelding, options),
    clientIds: aanmelding.requiredList('clientIds', (ids, index) => ids.requiredText(index)),
  }));
}

function readClient(client: WireFields<WireClient>, { owner }: BjzMappingOptions): MappedClient {
  const clientId = client.requiredText('id');
  const gezin = client.requiredObject('gezin');
  const gezinId = gezin.requiredText('id');
  const meta = { owner, householdLocalId: gezinId, municipality: client.requiredText('gemeente') };
  const members = gezin.requiredList('gezinsleden', (leden, index) => readMember(leden.requiredObject(index)));
  const bsn = client.bsn('bsn');
  const traject = client.requiredObject('traject');
  const fase = traject.requiredCode('fase', FASE);
  const contact = traject.object('contactpunt');
  return {
    clientId,
    gezinId,
    bsns: [...new Set([...(bsn === null ? [] : [bsn]), ...members.flatMap((member) => (member.bsn === null ? [] : [member.bsn]))])],
    household: { type: 'Household', ...meta, localId: gezinId, members, address: readAddress(client) },
    child: {
      type: 'Child', ...meta, localId: clientId, bsn,
      name: client.requiredText('naam'),
      birthDate: client.parsed('geboortedatum', DATE),
      school: client.text('school'),
      situation: client.text('situatie'),
      role: client.code('betrokkenheid', BETROKKENHEID),
    },
    involvement: {
      // BJZ keeps one trajectory per gezin, so the gezin is also the involvement's identity.
      type: 'Involvement', ...meta, localId: gezinId,
      phase: fase.phase,
      phaseCategory: fase.category,
      since: traject.requiredParsed('startdatum', DATE),
      contact: contact === null ? null : {
        name: contact.requiredText('naam'),
        phone: contact.text('telefoon'),
        email: contact.text('email'),
      },
      careProvider: traject.text('zorgaanbieder'),
    },
  };
}

function readMember(lid: WireFields<WireGezinslid>): MemberRecord {
  return {
    bsn: lid.bsn('bsn'),
    name: lid.requiredText('naam'),
    birthDate: lid.parsed('geboortedatum', DATE),
    role: lid.requiredCode('relatie', RELATIE),
  };
}

/** BJZ splits the house number from its letter and writes `9727 BW`; the gateway writes `12a` and `9727BW`. */
function readAddress(client: WireFields<WireClient>): AddressRecord | null {
  const adres = client.object('adres');
  if (adres === null) return null;
  const postcode = adres.requiredParsed('postcode', POSTCODE);
  const addition = adres.text('toevoeging');
  const street = adres.requiredText('straat');
  const huisnummer = adres.requiredNumber('huisnummer');
  if (!Number.isSafeInteger(huisnummer) || huisnummer < 1) adres.fail('huisnummer', 'is not a positive whole number');
  return { street, houseNumber: `${huisnummer}${addition ?? ''}`, postalCode: `${postcode[1]}${postcode[2]}`, city: adres.requiredText('woonplaats') };
}

function readReferral(aanmelding: WireFields<WireAanmelding>, { owner, agencyCodes }: BjzMappingOptions): ReferralRecord {
  const naar = aanmelding.text('naar');
  return {
    type: 'Referral', owner,
    localId: aanmelding.requiredText('id'),
    householdLocalId: aanmelding.requiredText('gezinId'),
    municipality: aanmelding.requiredText('gemeente'),
    fromAgencyId: lookupCode(agencyCodes, aanmelding.requiredText('van')) ?? null,
    toAgencyId: naar === null ? null : lookupCode(agencyCodes, naar) ?? null,
    toCareProvider: aanmelding.text('zorgaanbieder'),
    kind: aanmelding.requiredCode('soort', SOORT),
    reason: aanmelding.text('reden'),
    safetyConditions: aanmelding.requiredList('veiligheidsafspraken', (afspraken, index) => afspraken.requiredText(index)),
    warmHandover: aanmelding.requiredBoolean('warmeOverdracht'),
    status: aanmelding.requiredCode('status', STATUS),
    createdAt: aanmelding.requiredParsed('aangemaaktOp', DATE_TIME),
    updatedAt: aanmelding.requiredParsed('gewijzigdOp', DATE_TIME),
    // BJZ keeps no reports of its own; the police's zorgmelding number is not BJZ's id to give.
    reportLocalId: null,
  };
}
