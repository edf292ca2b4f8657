/**
 * Pure mapping from decoded AMK records to the gateway's records. Every field is checked: a record
 * that does not match the AMK's wire types throws UPSTREAM_BAD_RESPONSE (for that record only; the
 * loaders turn it into an error for its key), so no malformed value reaches a caller disguised as data.
 */
import type {
  ChildRecord, HouseholdRecord, InvolvementRecord, OwnerTag, ReferralRecord, ReportRecord,
} from '#domain/records.ts';
import {
  BETROKKENHEID, FASE, FASE_CATEGORY, GEWELDSVORM, GEZINSROL, KANAAL, MELDER_TYPE, MELDING_SOORT, OVERDRACHT_SOORT,
  OVERDRACHT_STATUS, UITKOMST, URGENTIE, decodeCode,
} from './codes.ts';
import { createWireReader, type WireReader } from './wire-reader.ts';

export interface AmkMappingContext {
  readonly owner: OwnerTag;
  /** The AMK's chain-partner codes (`AMK-GRN`...) -> gateway agency ids; an unknown code maps to null. */
  readonly agencyCodes: Readonly<Record<string, string>>;
}

/** Everything a zaak yields: the household, its children and the AMK's involvement with it. */
export interface ZaakRecords {
  readonly household: HouseholdRecord;
  readonly children: readonly ChildRecord[];
  readonly involvement: InvolvementRecord;
}

/** The record id of a decoded record (`zaakId`, `meldingId`...) if it can be read, to attribute errors. */
export function readId(raw: unknown, field: string): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

// Decodes a fase to itself, so one lookup validates it and keys both FASE and FASE_CATEGORY.
const FASE_CODES = Object.fromEntries(Object.keys(FASE).map((fase) => [fase, fase])) as { readonly [K in keyof typeof FASE]: K };

function phaseOf(read: WireReader, value: unknown, path: string, required: boolean) {
  const fase = required ? read.requiredCode(FASE_CODES, value, path) : read.code(FASE_CODES, value, path);
  return { phase: fase === null ? null : FASE[fase], phaseCategory: fase === null ? null : FASE_CATEGORY[fase] };
}

export function mapZaak(raw: unknown, context: AmkMappingContext): ZaakRecords {
  const read = createWireReader('zaak', context.owner.agencyId);
  const zaak = read.tree(raw, 'zaak');
  const meta = {
    owner: context.owner,
    localId: read.id(zaak.zaakId, 'zaakId'),
    householdLocalId: read.id(zaak.zaakId, 'zaakId'),
    municipality: read.text(zaak.gemeente, 'gemeente'),
  };
  const adres = read.optionalTree(zaak.adres, 'adres');
  const members = read.requiredList(zaak.gezin, 'gezinslid', 'gezin').map((item, index) => {
    const path = `gezin.gezinslid[${index}]`;
    const lid = read.tree(item, path);
    return {
      bsn: read.bsn(lid.bsn, `${path}.bsn`),
      name: read.text(lid.naam, `${path}.naam`),
      birthDate: read.datum(lid.geboortedatum, `${path}.geboortedatum`),
      role: read.code(GEZINSROL, lid.rol, `${path}.rol`),
    };
  });
  const children = read.requiredList(zaak.kinderen, 'kind', 'kinderen').map((item, index): ChildRecord => {
    const path = `kinderen.kind[${index}]`;
    const kind = read.tree(item, path);
    return {
      type: 'Child', ...meta, localId: read.id(kind.kindnummer, `${path}.kindnummer`),
      bsn: read.bsn(kind.bsn, `${path}.bsn`),
      name: read.text(kind.naam, `${path}.naam`),
      birthDate: read.datum(kind.geboortedatum, `${path}.geboortedatum`),
      school: read.text(kind.school, `${path}.school`),
      situation: read.text(kind.situatie, `${path}.situatie`),
      role: read.code(BETROKKENHEID, kind.betrokkenheid, `${path}.betrokkenheid`),
    };
  });
  const contact = read.optionalTree(zaak.contact, 'contact');
  const since = read.datum(zaak.faseDatum, 'faseDatum') ?? read.fail('faseDatum', 'is missing');
  return {
    household: {
      type: 'Household', ...meta, members,
      address: adres && {
        street: read.text(adres.straat, 'adres.straat'),
        houseNumber: read.text(adres.huisnummer, 'adres.huisnummer'),
        postalCode: read.text(adres.postcode, 'adres.postcode'),
        city: read.text(adres.woonplaats, 'adres.woonplaats'),
      },
    },
    children,
    involvement: {
      type: 'Involvement', ...meta, ...phaseOf(read, zaak.fase, 'fase', true), since,
      contact: contact && {
        name: read.text(contact.naam, 'contact.naam'),
        phone: read.text(contact.telefoon, 'contact.telefoon'),
        email: read.text(contact.email, 'contact.email'),
      },
      careProvider: read.text(zaak.zorgaanbieder, 'zorgaanbieder'),
    },
  };
}

export function mapMelding(raw: unknown, context: AmkMappingContext): ReportRecord {
  const read = createWireReader('melding', context.owner.agencyId);
  const melding = read.tree(raw, 'melding');
  const melder = read.optionalTree(melding.melder, 'melder');
  const beoordeling = read.optionalTree(melding.veiligheidsbeoordeling, 'veiligheidsbeoordeling');
  return {
    type: 'Report', owner: context.owner,
    localId: read.id(melding.meldingId, 'meldingId'),
    householdLocalId: read.id(melding.zaakId, 'zaakId'),
    municipality: read.text(melding.gemeente, 'gemeente'),
    receivedAt: read.tijdstip(melding.ontvangen, 'ontvangen'),
    channel: read.code(KANAAL, melding.kanaal, 'kanaal'),
    kind: read.code(MELDING_SOORT, melding.soort, 'soort'),
    reporter: melder && {
      name: read.text(melder.naam, 'melder.naam'),
      type: read.code(MELDER_TYPE, melder.type, 'melder.type'),
      anonymityPromised: read.jaNee(melder.anonimiteitToegezegd, 'melder.anonimiteitToegezegd'),
      phone: read.text(melder.telefoon, 'melder.telefoon'),
    },
    violenceTypes: read.list(melding.geweldsvormen, 'vorm', 'geweldsvormen')
      ?.map((vorm, index) => read.requiredCode(GEWELDSVORM, vorm, `geweldsvormen.vorm[${index}]`)) ?? null,
    childInvolvement: read.list(melding.betrokkenKinderen, 'kind', 'betrokkenKinderen')?.map((item, index) => {
      const path = `betrokkenKinderen.kind[${index}]`;
      const kind = read.tree(item, path);
      return { childBsn: read.bsn(kind.bsn, `${path}.bsn`), role: read.code(BETROKKENHEID, kind.rol, `${path}.rol`) };
    }) ?? null,
    narrative: read.text(melding.relaas, 'relaas'),
    restrictedInformation: read.text(melding.afgeschermdeInformatie, 'afgeschermdeInformatie'),
    urgency: read.code(URGENTIE, melding.urgentie, 'urgentie'),
    safetyAssessment: beoordeling && {
      dueBy: read.datum(beoordeling.uiterlijk, 'veiligheidsbeoordeling.uiterlijk'),
      decidedAt: read.tijdstip(beoordeling.besloten, 'veiligheidsbeoordeling.besloten'),
      outcome: read.code(UITKOMST, beoordeling.uitkomst, 'veiligheidsbeoordeling.uitkomst'),
    },
    ...phaseOf(read, melding.fase, 'fase', false),
    receivingCareProvider: read.text(melding.ontvangendeZorgaanbieder, 'ontvangendeZorgaanbieder'),
  };
}

export function mapOverdracht(raw: unknown, context: AmkMappingContext): ReferralRecord {
  const read = createWireReader('overdracht', context.owner.agencyId);
  const overdracht = read.tree(raw, 'overdracht');
  const van = read.optionalTree(overdracht.van, 'van');
  const naar = read.optionalTree(overdracht.naar, 'naar');
  // A code the gateway does not know is no chain partner of ours: null, not a guess.
  const agencyOf = (party: typeof van, path: string): string | null => {
    const code = party && read.text(party.instelling, `${path}.instelling`);
    return code ? decodeCode(context.agencyCodes, code) ?? null : null;
  };
  return {
    type: 'Referral', owner: context.owner,
    localId: read.id(overdracht.overdrachtId, 'overdrachtId'),
    householdLocalId: read.id(overdracht.zaakId, 'zaakId'),
    municipality: read.text(overdracht.gemeente, 'gemeente'),
    fromAgencyId: agencyOf(van, 'van'),
    toAgencyId: agencyOf(naar, 'naar'),
    toCareProvider: naar && read.text(naar.zorgaanbieder, 'naar.zorgaanbieder'),
    kind: read.code(OVERDRACHT_SOORT, overdracht.soort, 'soort'),
    reason: read.text(overdracht.reden, 'reden'),
    safetyConditions: read.list(overdracht.veiligheidsvoorwaarden, 'voorwaarde', 'veiligheidsvoorwaarden')
      ?.map((voorwaarde, index) => read.id(voorwaarde, `veiligheidsvoorwaarden.voorwaarde[${index}]`)) ?? null,
    warmHandover: read.jaNee(overdracht.warmeOverdracht, 'warmeOverdracht'),
    status: read.code(OVERDRACHT_STATUS, overdracht.status, 'status'),
    createdAt: read.tijdstip(overdracht.aangemaakt, 'aangemaakt'),
    updatedAt: read.tijdstip(overdracht.gewijzigd, 'gewijzigd'),
    reportLocalId: read.text(overdracht.meldingId, 'meldingId'),
  };
}
