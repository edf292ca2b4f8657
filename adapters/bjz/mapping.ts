/**
 * Pure mapping from BJZ's wire records to the gateway's records. Every field is checked; a record
 * that fails is returned as an UPSTREAM_BAD_RESPONSE together with the keys it can still be filed
 * under, so the loaders fail that record's keys and answer the others.
 */
import { AdapterError } from '#kit/errors.ts';
import type {
  AddressRecord, ChildRecord, HouseholdRecord, InvolvementRecord, MemberRecord, OwnerTag, ReferralRecord,
} from '#domain/records.ts';
import { BETROKKENHEID, FASE, RELATIE, SOORT, STATUS, lookup } from './codes.ts';
import {
  WireFieldError, array, boolean, code, date, dateTime, object, optionalBsn, optionalCode, optionalDate,
  optionalObject, optionalText, positiveInteger, text, type Json,
} from './wire-read.ts';
import { aanmeldingKeys, clientKeys, type AanmeldingKeys, type ClientKeys } from './record-keys.ts';

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

export type Mapped<Value, Keys> =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly error: AdapterError; readonly keys: Keys };

export function mapClient(raw: unknown, options: BjzMappingOptions): Mapped<MappedClient, ClientKeys> {
  try {
    return { ok: true, value: readClient(object(raw, 'client'), options) };
  } catch (cause) {
    return { ok: false, error: malformed('client', cause, options), keys: clientKeys(raw) };
  }
}

export function mapAanmelding(raw: unknown, options: BjzMappingOptions): Mapped<MappedAanmelding, AanmeldingKeys> {
  try {
    return { ok: true, value: readAanmelding(object(raw, 'aanmelding'), options) };
  } catch (cause) {
    return { ok: false, error: malformed('aanmelding', cause, options), keys: aanmeldingKeys(raw) };
  }
}

function readClient(client: Json, { owner }: BjzMappingOptions): MappedClient {
  const clientId = text(client.id, 'id');
  const gezin = object(client.gezin, 'gezin');
  const gezinId = text(gezin.id, 'gezin.id');
  const meta = { owner, householdLocalId: gezinId, municipality: text(client.gemeente, 'gemeente') };
  const members = array(gezin.gezinsleden, 'gezin.gezinsleden').map((lid, index) => readMember(lid, `gezin.gezinsleden[${index}]`));
  const bsn = optionalBsn(client.bsn, 'bsn');
  const traject = object(client.traject, 'traject');
  const fase = code(FASE, traject.fase, 'traject.fase');
  const contact = optionalObject(traject.contactpunt, 'traject.contactpunt');
  return {
    clientId,
    gezinId,
    bsns: [...new Set([...(bsn === null ? [] : [bsn]), ...members.flatMap((member) => (member.bsn === null ? [] : [member.bsn]))])],
    household: { type: 'Household', ...meta, localId: gezinId, members, address: readAddress(client.adres) },
    child: {
      type: 'Child', ...meta, localId: clientId, bsn,
      name: text(client.naam, 'naam'),
      birthDate: optionalDate(client.geboortedatum, 'geboortedatum'),
      school: optionalText(client.school, 'school'),
      situation: optionalText(client.situatie, 'situatie'),
      role: optionalCode(BETROKKENHEID, client.betrokkenheid, 'betrokkenheid'),
    },
    involvement: {
      // BJZ keeps one trajectory per gezin, so the gezin is also the involvement's identity.
      type: 'Involvement', ...meta, localId: gezinId,
      phase: fase.phase,
      phaseCategory: fase.category,
      since: date(traject.startdatum, 'traject.startdatum'),
      contact: contact === null ? null : {
        name: text(contact.naam, 'traject.contactpunt.naam'),
        phone: optionalText(contact.telefoon, 'traject.contactpunt.telefoon'),
        email: optionalText(contact.email, 'traject.contactpunt.email'),
      },
      careProvider: optionalText(traject.zorgaanbieder, 'traject.zorgaanbieder'),
    },
  };
}

function readMember(raw: unknown, field: string): MemberRecord {
  const lid = object(raw, field);
  return {
    bsn: optionalBsn(lid.bsn, `${field}.bsn`),
    name: text(lid.naam, `${field}.naam`),
    birthDate: optionalDate(lid.geboortedatum, `${field}.geboortedatum`),
    role: code(RELATIE, lid.relatie, `${field}.relatie`),
  };
}

/** BJZ splits the house number from its letter and writes `9727 BW`; the gateway writes `12a` and `9727BW`. */
function readAddress(raw: unknown): AddressRecord | null {
  const adres = optionalObject(raw, 'adres');
  if (adres === null) return null;
  const postcode = /^(\d{4}) ?([A-Z]{2})$/.exec(text(adres.postcode, 'adres.postcode'));
  if (!postcode) throw new WireFieldError('adres.postcode');
  const addition = optionalText(adres.toevoeging, 'adres.toevoeging');
  return {
    street: text(adres.straat, 'adres.straat'),
    houseNumber: `${positiveInteger(adres.huisnummer, 'adres.huisnummer')}${addition ?? ''}`,
    postalCode: `${postcode[1]}${postcode[2]}`,
    city: text(adres.woonplaats, 'adres.woonplaats'),
  };
}

function readAanmelding(aanmelding: Json, options: BjzMappingOptions): MappedAanmelding {
  return {
    referral: readReferral(aanmelding, options),
    clientIds: array(aanmelding.clientIds, 'clientIds').map((id, index) => text(id, `clientIds[${index}]`)),
  };
}

function readReferral(aanmelding: Json, { owner, agencyCodes }: BjzMappingOptions): ReferralRecord {
  const naar = optionalText(aanmelding.naar, 'naar');
  return {
    type: 'Referral', owner,
    localId: text(aanmelding.id, 'id'),
    householdLocalId: text(aanmelding.gezinId, 'gezinId'),
    municipality: text(aanmelding.gemeente, 'gemeente'),
    fromAgencyId: lookup(agencyCodes, text(aanmelding.van, 'van')) ?? null,
    toAgencyId: naar === null ? null : lookup(agencyCodes, naar) ?? null,
    toCareProvider: optionalText(aanmelding.zorgaanbieder, 'zorgaanbieder'),
    kind: code(SOORT, aanmelding.soort, 'soort'),
    reason: optionalText(aanmelding.reden, 'reden'),
    safetyConditions: array(aanmelding.veiligheidsafspraken, 'veiligheidsafspraken')
      .map((afspraak, index) => text(afspraak, `veiligheidsafspraken[${index}]`)),
    warmHandover: boolean(aanmelding.warmeOverdracht, 'warmeOverdracht'),
    status: code(STATUS, aanmelding.status, 'status'),
    createdAt: dateTime(aanmelding.aangemaaktOp, 'aangemaaktOp'),
    updatedAt: dateTime(aanmelding.gewijzigdOp, 'gewijzigdOp'),
    // BJZ keeps no reports of its own; the police's zorgmelding number is not BJZ's id to give.
    reportLocalId: null,
  };
}

function malformed(what: string, cause: unknown, { owner }: BjzMappingOptions): AdapterError {
  const field = cause instanceof WireFieldError ? cause.field : 'unknown';
  return new AdapterError('UPSTREAM_BAD_RESPONSE', `BJZ ${what} record has an invalid field: ${field}`, {
    agency: owner.agencyId,
    cause,
  });
}
