/**
 * Pure mapping from the police export to the gateway's records. A zorgmelding is at once the
 * police's "household" (its betrokkenen), a police care report, the police's involvement (its
 * status) and, where it was referred, a referral; its minors are children. The export carries no
 * BSN, so the caller hands in what the key mapping said (persoonssleutel -> BSN).
 */
import type {
  ChildRecord, HouseholdRecord, InvolvementRecord, OwnerTag, RecordMeta, ReferralRecord, ReportRecord,
} from '#domain/records.ts';
import { mapped, type MappingResult } from '#kit/mapping-result.ts';
import { lookupCode, readRecord } from '#kit/wire-fields.ts';
import { DOORVERWIJSSOORTEN } from './legacy-codes.ts';
import { parseZorgmelding, type ParsedZorgmelding } from './parse-zorgmelding.ts';
import { POLITIE_WIRE, SLEUTEL } from './wire-dialect.ts';
import type { Sleutelpaar, WireZorgmelding } from './wire-types.ts';

export interface MappingOptions {
  readonly owner: OwnerTag;
  /** Police organisation code -> gateway agency id (see DEFAULT_AGENCY_CODES). */
  readonly agencyCodes: Readonly<Record<string, string>>;
}

/** Everything one zorgmelding stands for. */
export interface MappedZorgmelding {
  readonly household: HouseholdRecord;
  readonly report: ReportRecord;
  readonly referral: ReferralRecord | null;
  readonly involvement: InvolvementRecord;
  readonly children: readonly ChildRecord[];
}

/** Persoonssleutel -> BSN as the key mapping answered; null where it does not know the person. */
export type BsnOf = (persoonssleutel: string) => string | null;

/** Maps one zorgmelding; a malformed one is a failure for it alone. */
export function mapZorgmelding(wire: WireZorgmelding, bsnOf: BsnOf, options: MappingOptions): MappingResult<MappedZorgmelding> {
  const parsed = parseZorgmelding(wire);
  return parsed.ok ? mapped(toRecords(parsed.value, bsnOf, options)) : parsed;
}

function toRecords(z: ParsedZorgmelding, bsnOf: BsnOf, options: MappingOptions): MappedZorgmelding {
  const meta = (localId: string): RecordMeta => ({
    owner: options.owner, localId, householdLocalId: z.registratienummer, municipality: z.gemeente,
  });
  return {
    household: {
      ...meta(z.registratienummer), type: 'Household', address: z.adres,
      members: z.betrokkenen.map((b) => ({ bsn: bsnOf(b.persoonssleutel), name: b.naam, birthDate: b.geboortedatum, role: b.rol })),
    },
    report: mapReport(z, bsnOf, meta(z.registratienummer)),
    referral: mapReferral(z, options, meta),
    involvement: {
      ...meta(z.registratienummer), type: 'Involvement', phase: z.phase, phaseCategory: z.phaseCategory,
      // The police are involved from the moment they register the zorgmelding.
      since: z.geregistreerd.slice(0, 10), contact: z.behandelaar, careProvider: z.zorgaanbieder,
    },
    children: z.betrokkenen.filter((b) => b.minderjarig).map((b): ChildRecord => ({
      ...meta(`${z.registratienummer}/${b.persoonssleutel}`), type: 'Child', bsn: bsnOf(b.persoonssleutel),
      name: b.naam, birthDate: b.geboortedatum, school: null, situation: null, role: b.betrokkenheid,
    })),
  };
}

function mapReport(z: ParsedZorgmelding, bsnOf: BsnOf, meta: RecordMeta): ReportRecord {
  return {
    ...meta, type: 'Report', receivedAt: z.geregistreerd, channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
    // The police report in their own name; they promise no anonymity and keep no reporter phone.
    reporter: { name: z.verbalisant, type: 'POLICE', anonymityPromised: false, phone: null },
    violenceTypes: z.geweldsvormen,
    childInvolvement: z.betrokkenen.filter((b) => b.betrokkenheid !== null)
      .map((b) => ({ childBsn: bsnOf(b.persoonssleutel), role: b.betrokkenheid })),
    narrative: z.omschrijving, restrictedInformation: z.afgeschermd, urgency: z.urgentie,
    // The police do not assess safety; that is the receiving agency's task.
    safetyAssessment: null,
    phase: z.phase, phaseCategory: z.phaseCategory, receivingCareProvider: z.zorgaanbieder,
  };
}

function mapReferral(z: ParsedZorgmelding, options: MappingOptions, meta: (localId: string) => RecordMeta): ReferralRecord | null {
  const d = z.doorverwijzing;
  if (!d) return null;
  const toAgencyId = lookupCode(options.agencyCodes, d.naarCode) ?? null;
  const prefix = d.naarCode.split('-')[0] ?? '';
  return {
    ...meta(d.doorverwijsnummer), type: 'Referral', fromAgencyId: options.owner.agencyId, toAgencyId,
    // An organisation outside the chain is named, not coded: keep the name as the care provider.
    toCareProvider: d.naarNaam,
    kind: lookupCode(DOORVERWIJSSOORTEN, prefix) ?? null,
    reason: d.reden, safetyConditions: d.veiligheidsafspraken, warmHandover: d.warmeOverdracht,
    status: d.status, createdAt: d.aangemaakt, updatedAt: d.gewijzigd, reportLocalId: z.registratienummer,
  };
}

/** Validates one row of the key mapping; a bad row fails only the person it is about. */
export function mapSleutelpaar(pair: Sleutelpaar): MappingResult<Sleutelpaar> {
  return readRecord<Sleutelpaar, Sleutelpaar>(pair, 'sleutelpaar', POLITIE_WIRE, (paar) => ({
    bsn: paar.requiredBsn('bsn'), persoonssleutel: paar.requiredParsed('persoonssleutel', SLEUTEL),
  }));
}

/** The police number a doorverwijzing `<registratienummer>-V<n>`; null when the id is not one. */
export function registratienummerOfDoorverwijzing(doorverwijsnummer: string): string | null {
  const match = /^(.+)-V\d{1,4}$/.exec(doorverwijsnummer);
  return match?.[1] ?? null;
}
