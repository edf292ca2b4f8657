/**
 * Pure mapping from the ASHG's wire records to the gateway's records. Every field is checked; a record
 * that fails any check maps to a failure for that record alone, so the other keys of a batch still
 * answer. Nothing here throws, logs or reads a clock.
 */
import type {
  ChildRecord, HouseholdRecord, InvolvementRecord, OwnerTag, RecordMeta, ReferralRecord, ReportRecord,
} from '#domain/records.ts';
import type { MappingResult } from '#kit/mapping-result.ts';
import { lookupCode, readRecord } from '#kit/wire-fields.ts';
import {
  CHANNEL, CHILD_ROLE, PHASE, PHASE_CATEGORY, REFERRAL_KIND, REFERRAL_STATUS, REPORTER_TYPE, REPORT_KIND, ROLE,
  SAFETY_OUTCOME, URGENCY, VIOLENCE,
} from './codes.ts';
import { ASHG_WIRE, DATE, DATE_TIME, ID } from './wire-dialect.ts';
import type { WireDoorverwijzing, WireDossier, WireMelding } from './wire-types.ts';

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

export function mapDossier(raw: unknown, context: AshgMappingContext): MappingResult<MappedDossier> {
  return readRecord<WireDossier, MappedDossier>(raw, 'dossier', ASHG_WIRE, (dossier) => {
    const localId = dossier.requiredParsed('dossiernummer', ID);
    const meta = recordMeta(context, localId, localId, dossier.text('gemeente'));
    const members = dossier.requiredList('personen', (personen, index) => {
      const persoon = personen.requiredObject(index);
      return {
        bsn: persoon.bsn('bsn'), name: persoon.text('naam'), birthDate: persoon.parsed('geboortedatum', DATE),
        role: persoon.code('rol', ROLE.decode),
      };
    });
    const adres = dossier.object('adres');
    const children = dossier.requiredList('kinderen', (kinderen, index): ChildRecord => {
      const kind = kinderen.requiredObject(index);
      const childBsn = kind.bsn('bsn');
      // The dossier registers a child's name and birth date once, under personen; join on BSN.
      const person = childBsn === null ? undefined : members.find((member) => member.bsn === childBsn);
      return {
        ...meta, type: 'Child', localId: kind.requiredParsed('kindnummer', ID), bsn: childBsn,
        name: person?.name ?? null, birthDate: person?.birthDate ?? null,
        // The only keys the ASHG may leave out altogether.
        school: kind.has('school') ? kind.text('school') : null,
        situation: kind.has('situatie') ? kind.text('situatie') : null,
        role: kind.code('betrokkenheid', CHILD_ROLE.decode),
      };
    });
    const contact = dossier.object('contactpunt');
    const phase = dossier.code('fase', PHASE.decode);
    return {
      household: {
        ...meta, type: 'Household', members,
        address: adres && {
          street: adres.text('straat'), houseNumber: adres.text('huisnummer'),
          postalCode: adres.text('postcode'), city: adres.text('woonplaats'),
        },
      },
      children,
      involvement: {
        ...meta, type: 'Involvement', phase, phaseCategory: phase === null ? null : PHASE_CATEGORY[phase] ?? null,
        since: dossier.parsed('faseSinds', DATE),
        contact: contact && { name: contact.text('naam'), phone: contact.text('telefoon'), email: contact.text('email') },
        careProvider: dossier.text('zorgaanbieder'),
      },
    };
  });
}

export function mapMelding(raw: unknown, context: AshgMappingContext): MappingResult<ReportRecord> {
  return readRecord<WireMelding, ReportRecord>(raw, 'melding', ASHG_WIRE, (melding) => {
    const melder = melding.object('melder');
    const check = melding.object('veiligheidsbeoordeling');
    const phase = melding.code('fase', PHASE.decode);
    return {
      ...recordMeta(context, melding.requiredParsed('meldingnummer', ID), melding.requiredParsed('dossiernummer', ID),
        melding.text('gemeente')),
      type: 'Report',
      receivedAt: melding.parsed('ontvangen', DATE_TIME),
      channel: melding.code('kanaal', CHANNEL.decode),
      kind: melding.code('soort', REPORT_KIND.decode),
      reporter: melder && {
        name: melder.text('naam'), type: melder.code('type', REPORTER_TYPE.decode),
        anonymityPromised: melder.boolean('anonimiteitToegezegd'), phone: melder.text('telefoon'),
      },
      // Items of a list may not be null: a null in a list of codes is a broken record, not an unknown value.
      violenceTypes: melding.list('geweldsvormen', (vormen, index) => vormen.requiredCode(index, VIOLENCE.decode)),
      childInvolvement: melding.list('betrokkenKinderen', (kinderen, index) => {
        const kind = kinderen.requiredObject(index);
        return { childBsn: kind.bsn('bsn'), role: kind.code('rol', CHILD_ROLE.decode) };
      }),
      narrative: melding.text('relaas'),
      restrictedInformation: melding.text('afgeschermdeInformatie'),
      urgency: melding.code('urgentie', URGENCY.decode),
      safetyAssessment: check && {
        dueBy: check.parsed('uiterlijk', DATE), decidedAt: check.parsed('besloten', DATE_TIME),
        outcome: check.code('uitkomst', SAFETY_OUTCOME.decode),
      },
      phase, phaseCategory: phase === null ? null : PHASE_CATEGORY[phase] ?? null,
      receivingCareProvider: melding.text('ontvangendeZorgaanbieder'),
    };
  });
}

export function mapDoorverwijzing(raw: unknown, context: AshgMappingContext): MappingResult<ReferralRecord> {
  return readRecord<WireDoorverwijzing, ReferralRecord>(raw, 'doorverwijzing', ASHG_WIRE, (verwijzing) => ({
    ...recordMeta(context, verwijzing.requiredParsed('verwijzingsnummer', ID), verwijzing.requiredParsed('dossiernummer', ID),
      verwijzing.text('gemeente')),
    type: 'Referral',
    fromAgencyId: agencyOf(context, verwijzing.parsed('van', ID)),
    // A code outside the chain (a care provider, a wijkteam) is not an agency of the gateway: null, and
    // the receiving care provider's name stays in toCareProvider.
    toAgencyId: agencyOf(context, verwijzing.parsed('naar', ID)),
    toCareProvider: verwijzing.text('naarZorgaanbieder'),
    kind: verwijzing.code('soort', REFERRAL_KIND.decode),
    reason: verwijzing.text('reden'),
    safetyConditions: verwijzing.list('veiligheidsvoorwaarden', (voorwaarden, index) => voorwaarden.requiredText(index)),
    warmHandover: verwijzing.boolean('warmeOverdracht'),
    status: verwijzing.code('status', REFERRAL_STATUS.decode),
    createdAt: verwijzing.parsed('aangemaakt', DATE_TIME),
    updatedAt: verwijzing.parsed('gewijzigd', DATE_TIME),
    reportLocalId: verwijzing.parsed('meldingnummer', ID),
  }));
}

function recordMeta(context: AshgMappingContext, localId: string, householdLocalId: string, municipality: string | null): RecordMeta {
  return { owner: context.owner, localId, householdLocalId, municipality };
}

function agencyOf(context: AshgMappingContext, legacyCode: string | null): string | null {
  return legacyCode === null ? null : lookupCode(context.agencyCodes, legacyCode) ?? null;
}
