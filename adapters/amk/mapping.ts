/**
 * Pure mapping from decoded AMK records to the gateway's records. Every field is checked: a record
 * that does not match the AMK's wire types maps to a failure (for that record only; the loaders turn
 * it into an error for its key), so no malformed value reaches a caller disguised as data.
 */
import type {
  ChildRecord, HouseholdRecord, InvolvementRecord, OwnerTag, ReferralRecord, ReportRecord,
} from '#domain/records.ts';
import type { MappingResult } from '#kit/mapping-result.ts';
import { lookupCode, readRecord, type WireFields, type WireKey } from '#kit/wire-fields.ts';
import {
  BETROKKENHEID, FASE, FASE_CATEGORY, GEWELDSVORM, GEZINSROL, KANAAL, MELDER_TYPE, MELDING_SOORT, OVERDRACHT_SOORT,
  OVERDRACHT_STATUS, UITKOMST, URGENTIE,
} from './codes.ts';
import { AMK_WIRE, DATUM, JA_NEE, TIJDSTIP } from './wire-dialect.ts';
import type { WireBsnResultaat, WireMelding, WireOverdracht, WirePartij, WireZaak } from './wire-types.ts';
import { requiredXmlList, xmlList } from './xml-list.ts';

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

// Decodes a fase to itself, so one lookup validates it and keys both FASE and FASE_CATEGORY.
const FASE_CODES = Object.fromEntries(Object.keys(FASE).map((fase) => [fase, fase])) as { readonly [K in keyof typeof FASE]: K };

function phaseOf<T extends object>(fields: WireFields<T>, key: WireKey<T>, required: boolean) {
  const fase = required ? fields.requiredCode(key, FASE_CODES) : fields.code(key, FASE_CODES);
  return { phase: fase === null ? null : FASE[fase], phaseCategory: fase === null ? null : FASE_CATEGORY[fase] };
}

export function mapZaak(raw: unknown, context: AmkMappingContext): MappingResult<ZaakRecords> {
  return readRecord<WireZaak, ZaakRecords>(raw, 'zaak', AMK_WIRE, (zaak) => readZaak(zaak, context));
}

/** A `resultaat` of ZoekZakenOpBsn: the zaken with a gezinslid of one BSN. */
export function mapResultaat(raw: unknown, context: AmkMappingContext): MappingResult<ZaakRecords[]> {
  return readRecord<WireBsnResultaat, ZaakRecords[]>(raw, 'resultaat', AMK_WIRE, (resultaat) =>
    requiredXmlList(resultaat, 'zaken', 'zaak', (zaken, index) => readZaak(zaken.requiredObject(index), context)));
}

function readZaak(zaak: WireFields<WireZaak>, context: AmkMappingContext): ZaakRecords {
  const zaakId = zaak.requiredText('zaakId');
  const meta = { owner: context.owner, localId: zaakId, householdLocalId: zaakId, municipality: zaak.text('gemeente') };
  const adres = zaak.object('adres');
  const members = requiredXmlList(zaak, 'gezin', 'gezinslid', (leden, index) => {
    const lid = leden.requiredObject(index);
    return { bsn: lid.bsn('bsn'), name: lid.text('naam'), birthDate: lid.parsed('geboortedatum', DATUM), role: lid.code('rol', GEZINSROL) };
  });
  const children = requiredXmlList(zaak, 'kinderen', 'kind', (kinderen, index): ChildRecord => {
    const kind = kinderen.requiredObject(index);
    return {
      type: 'Child', ...meta, localId: kind.requiredText('kindnummer'), bsn: kind.bsn('bsn'), name: kind.text('naam'),
      birthDate: kind.parsed('geboortedatum', DATUM), school: kind.text('school'), situation: kind.text('situatie'),
      role: kind.code('betrokkenheid', BETROKKENHEID),
    };
  });
  const contact = zaak.object('contact');
  const since = zaak.requiredParsed('faseDatum', DATUM);
  return {
    household: {
      type: 'Household', ...meta, members,
      address: adres && {
        street: adres.text('straat'), houseNumber: adres.text('huisnummer'), postalCode: adres.text('postcode'), city: adres.text('woonplaats'),
      },
    },
    children,
    involvement: {
      type: 'Involvement', ...meta, ...phaseOf(zaak, 'fase', true), since,
      contact: contact && { name: contact.text('naam'), phone: contact.text('telefoon'), email: contact.text('email') },
      careProvider: zaak.text('zorgaanbieder'),
    },
  };
}

export function mapMelding(raw: unknown, context: AmkMappingContext): MappingResult<ReportRecord> {
  return readRecord<WireMelding, ReportRecord>(raw, 'melding', AMK_WIRE, (melding) => {
    const melder = melding.object('melder');
    const beoordeling = melding.object('veiligheidsbeoordeling');
    return {
      type: 'Report', owner: context.owner,
      localId: melding.requiredText('meldingId'),
      householdLocalId: melding.requiredText('zaakId'),
      municipality: melding.text('gemeente'),
      receivedAt: melding.parsed('ontvangen', TIJDSTIP),
      channel: melding.code('kanaal', KANAAL),
      kind: melding.code('soort', MELDING_SOORT),
      reporter: melder && {
        name: melder.text('naam'), type: melder.code('type', MELDER_TYPE),
        anonymityPromised: melder.parsed('anonimiteitToegezegd', JA_NEE), phone: melder.text('telefoon'),
      },
      violenceTypes: xmlList(melding, 'geweldsvormen', 'vorm', (vormen, index) => vormen.requiredCode(index, GEWELDSVORM)),
      childInvolvement: xmlList(melding, 'betrokkenKinderen', 'kind', (kinderen, index) => {
        const kind = kinderen.requiredObject(index);
        return { childBsn: kind.bsn('bsn'), role: kind.code('rol', BETROKKENHEID) };
      }),
      narrative: melding.text('relaas'),
      restrictedInformation: melding.text('afgeschermdeInformatie'),
      urgency: melding.code('urgentie', URGENTIE),
      safetyAssessment: beoordeling && {
        dueBy: beoordeling.parsed('uiterlijk', DATUM),
        decidedAt: beoordeling.parsed('besloten', TIJDSTIP),
        outcome: beoordeling.code('uitkomst', UITKOMST),
      },
      ...phaseOf(melding, 'fase', false),
      receivingCareProvider: melding.text('ontvangendeZorgaanbieder'),
    };
  });
}

export function mapOverdracht(raw: unknown, context: AmkMappingContext): MappingResult<ReferralRecord> {
  return readRecord<WireOverdracht, ReferralRecord>(raw, 'overdracht', AMK_WIRE, (overdracht) => {
    const van = overdracht.object('van');
    const naar = overdracht.object('naar');
    // A code the gateway does not know is no chain partner of ours: null, not a guess.
    const agencyOf = (party: WireFields<WirePartij> | null): string | null => {
      const code = party && party.text('instelling');
      return code ? lookupCode(context.agencyCodes, code) ?? null : null;
    };
    return {
      type: 'Referral', owner: context.owner,
      localId: overdracht.requiredText('overdrachtId'),
      householdLocalId: overdracht.requiredText('zaakId'),
      municipality: overdracht.text('gemeente'),
      fromAgencyId: agencyOf(van),
      toAgencyId: agencyOf(naar),
      toCareProvider: naar && naar.text('zorgaanbieder'),
      kind: overdracht.code('soort', OVERDRACHT_SOORT),
      reason: overdracht.text('reden'),
      safetyConditions: xmlList(overdracht, 'veiligheidsvoorwaarden', 'voorwaarde', (voorwaarden, index) => voorwaarden.requiredText(index)),
      warmHandover: overdracht.parsed('warmeOverdracht', JA_NEE),
      status: overdracht.code('status', OVERDRACHT_STATUS),
      createdAt: overdracht.parsed('aangemaakt', TIJDSTIP),
      updatedAt: overdracht.parsed('gewijzigd', TIJDSTIP),
      reportLocalId: overdracht.text('meldingId'),
    };
  });
}
