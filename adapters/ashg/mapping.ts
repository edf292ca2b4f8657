/**
 * Pure mapping from the ASHG's wire records to the gateway's records. Every field is checked; a record
 * that fails any check becomes an UPSTREAM_BAD_RESPONSE error value for that record alone, so the other
 * keys of a batch still answer. Nothing here throws, logs or reads a clock.
 */
import { AdapterError } from '#kit/errors.ts';
import type {
  ChildRecord, HouseholdRecord, InvolvementRecord, OwnerTag, RecordMeta, ReferralRecord, ReportRecord,
} from '#domain/records.ts';
import {
  CHANNEL, CHILD_ROLE, PHASE, PHASE_CATEGORY, REFERRAL_KIND, REFERRAL_STATUS, REPORTER_TYPE, REPORT_KIND, ROLE,
  SAFETY_OUTCOME, URGENCY, VIOLENCE,
} from './codes.ts';
import {
  FieldProblem, bsn, code, date, dateTime, flag, id, list, nullableId, nullableList, optionalText, record, text,
} from './read-fields.ts';
import type {
  WireAdres, WireBetrokkenKind, WireContactpunt, WireDoorverwijzing, WireDossier, WireKind, WireMelder, WireMelding,
  WirePersoon, WireVeiligheidsbeoordeling,
} from './wire-types.ts';

export interface AshgMappingContext {
  /** Tag of every record: the adapter's agency id, kind and region. */
  readonly owner: OwnerTag;
  /** Legacy agency code (`AMK-GRN`) -> gateway agency id; a code not listed maps to null. */
  readonly agencyCodes: Readonly<Record<string, string>>;
}

/** One dossier seen three ways: the household, its children, and the ASHG's involvement with it. */
export interface MappedDossier {
  readonly household: HouseholdRecord;
  readonly children: readonly ChildRecord[];
  readonly involvement: InvolvementRecord;
}

export function mapDossier(raw: unknown, context: AshgMappingContext): MappedDossier | AdapterError {
  return guard('dossier', context, () => {
    const dossier = record<WireDossier>(raw, 'dossier');
    const localId = id(dossier.dossiernummer, 'dossiernummer');
    const meta = recordMeta(context, localId, localId, text(dossier.gemeente, 'gemeente'));
    const members = list(dossier.personen, 'personen', (item, path) => {
      const persoon = record<WirePersoon>(item, path);
      return {
        bsn: bsn(persoon.bsn, `${path}.bsn`), name: text(persoon.naam, `${path}.naam`),
        birthDate: date(persoon.geboortedatum, `${path}.geboortedatum`), role: code(ROLE, persoon.rol, `${path}.rol`),
      };
    });
    const adres = dossier.adres === null ? null : record<WireAdres>(dossier.adres, 'adres');
    const children = list(dossier.kinderen, 'kinderen', (item, path): ChildRecord => {
      const kind = record<WireKind>(item, path);
      const childBsn = bsn(kind.bsn, `${path}.bsn`);
      // The dossier registers a child's name and birth date once, under personen; join on BSN.
      const person = childBsn === null ? undefined : members.find((member) => member.bsn === childBsn);
      return {
        ...meta, type: 'Child', localId: id(kind.kindnummer, `${path}.kindnummer`), bsn: childBsn,
        name: person?.name ?? null, birthDate: person?.birthDate ?? null,
        school: optionalText(kind.school, `${path}.school`), situation: optionalText(kind.situatie, `${path}.situatie`),
        role: code(CHILD_ROLE, kind.betrokkenheid, `${path}.betrokkenheid`),
      };
    });
    const contact = dossier.contactpunt === null ? null : record<WireContactpunt>(dossier.contactpunt, 'contactpunt');
    const phase = code(PHASE, dossier.fase, 'fase');
    return {
      household: {
        ...meta, type: 'Household', members,
        address: adres && {
          street: text(adres.straat, 'adres.straat'), houseNumber: text(adres.huisnummer, 'adres.huisnummer'),
          postalCode: text(adres.postcode, 'adres.postcode'), city: text(adres.woonplaats, 'adres.woonplaats'),
        },
      },
      children,
      involvement: {
        ...meta, type: 'Involvement', phase, phaseCategory: phase === null ? null : PHASE_CATEGORY[phase] ?? null,
        since: date(dossier.faseSinds, 'faseSinds'),
        contact: contact && {
          name: text(contact.naam, 'contactpunt.naam'), phone: text(contact.telefoon, 'contactpunt.telefoon'),
          email: text(contact.email, 'contactpunt.email'),
        },
        careProvider: text(dossier.zorgaanbieder, 'zorgaanbieder'),
      },
    };
  });
}

export function mapMelding(raw: unknown, context: AshgMappingContext): ReportRecord | AdapterError {
  return guard('melding', context, () => {
    const melding = record<WireMelding>(raw, 'melding');
    const melder = melding.melder === null ? null : record<WireMelder>(melding.melder, 'melder');
    const check = melding.veiligheidsbeoordeling === null
      ? null : record<WireVeiligheidsbeoordeling>(melding.veiligheidsbeoordeling, 'veiligheidsbeoordeling');
    const phase = code(PHASE, melding.fase, 'fase');
    return {
      ...recordMeta(context, id(melding.meldingnummer, 'meldingnummer'), id(melding.dossiernummer, 'dossiernummer'),
        text(melding.gemeente, 'gemeente')),
      type: 'Report',
      receivedAt: dateTime(melding.ontvangen, 'ontvangen'),
      channel: code(CHANNEL, melding.kanaal, 'kanaal'),
      kind: code(REPORT_KIND, melding.soort, 'soort'),
      reporter: melder && {
        name: text(melder.naam, 'melder.naam'), type: code(REPORTER_TYPE, melder.type, 'melder.type'),
        anonymityPromised: flag(melder.anonimiteitToegezegd, 'melder.anonimiteitToegezegd'),
        phone: text(melder.telefoon, 'melder.telefoon'),
      },
      violenceTypes: nullableList(melding.geweldsvormen, 'geweldsvormen', (item, path) => required(code(VIOLENCE, item, path), path)),
      childInvolvement: nullableList(melding.betrokkenKinderen, 'betrokkenKinderen', (item, path) => {
        const kind = record<WireBetrokkenKind>(item, path);
        return { childBsn: bsn(kind.bsn, `${path}.bsn`), role: code(CHILD_ROLE, kind.rol, `${path}.rol`) };
      }),
      narrative: text(melding.relaas, 'relaas'),
      restrictedInformation: text(melding.afgeschermdeInformatie, 'afgeschermdeInformatie'),
      urgency: code(URGENCY, melding.urgentie, 'urgentie'),
      safetyAssessment: check && {
        dueBy: date(check.uiterlijk, 'veiligheidsbeoordeling.uiterlijk'),
        decidedAt: dateTime(check.besloten, 'veiligheidsbeoordeling.besloten'),
        outcome: code(SAFETY_OUTCOME, check.uitkomst, 'veiligheidsbeoordeling.uitkomst'),
      },
      phase, phaseCategory: phase === null ? null : PHASE_CATEGORY[phase] ?? null,
      receivingCareProvider: text(melding.ontvangendeZorgaanbieder, 'ontvangendeZorgaanbieder'),
    };
  });
}

export function mapDoorverwijzing(raw: unknown, context: AshgMappingContext): ReferralRecord | AdapterError {
  return guard('doorverwijzing', context, () => {
    const verwijzing = record<WireDoorverwijzing>(raw, 'doorverwijzing');
    return {
      ...recordMeta(context, id(verwijzing.verwijzingsnummer, 'verwijzingsnummer'),
        id(verwijzing.dossiernummer, 'dossiernummer'), text(verwijzing.gemeente, 'gemeente')),
      type: 'Referral',
      fromAgencyId: agencyOf(context, nullableId(verwijzing.van, 'van')),
      // A code outside the chain (a care provider, a wijkteam) is not an agency of the gateway: null, and
      // the receiving care provider's name stays in toCareProvider.
      toAgencyId: agencyOf(context, nullableId(verwijzing.naar, 'naar')),
      toCareProvider: text(verwijzing.naarZorgaanbieder, 'naarZorgaanbieder'),
      kind: code(REFERRAL_KIND, verwijzing.soort, 'soort'),
      reason: text(verwijzing.reden, 'reden'),
      safetyConditions: nullableList(verwijzing.veiligheidsvoorwaarden, 'veiligheidsvoorwaarden', (item, path) => required(text(item, path), path)),
      warmHandover: flag(verwijzing.warmeOverdracht, 'warmeOverdracht'),
      status: code(REFERRAL_STATUS, verwijzing.status, 'status'),
      createdAt: dateTime(verwijzing.aangemaakt, 'aangemaakt'),
      updatedAt: dateTime(verwijzing.gewijzigd, 'gewijzigd'),
      reportLocalId: nullableId(verwijzing.meldingnummer, 'meldingnummer'),
    };
  });
}

function recordMeta(context: AshgMappingContext, localId: string, householdLocalId: string, municipality: string | null): RecordMeta {
  return { owner: context.owner, localId, householdLocalId, municipality };
}

function agencyOf(context: AshgMappingContext, legacyCode: string | null): string | null {
  if (legacyCode === null || !Object.hasOwn(context.agencyCodes, legacyCode)) return null;
  return context.agencyCodes[legacyCode] ?? null;
}

/** Items of a list may not be null: a null in a list of codes is a broken record, not an unknown value. */
function required<T>(value: T | null, path: string): T {
  if (value === null) throw new FieldProblem(path, 'is null');
  return value;
}

function guard<T>(what: string, context: AshgMappingContext, map: () => T): T | AdapterError {
  try {
    return map();
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    return new AdapterError('UPSTREAM_BAD_RESPONSE', `ASHG sent a ${what} whose field ${error.message}`, {
      agency: context.owner.agencyId, cause: error,
    });
  }
}
