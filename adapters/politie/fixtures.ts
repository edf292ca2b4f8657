/**
 * The world as one police unit's system holds it (`politie-noord-nederland`, `politie-amsterdam`):
 * one zorgmelding per case of that unit, exported as rows of (zorgmelding, betrokkene), and the
 * unit's key register (BSN <-> persoonssleutel) of the persons it registered. Pure.
 *
 * The police register a zorgmelding once, so facts the world keeps twice come from one place: the
 * case's phase is the zorgmelding status, its `since` is the registration date, a child's role is
 * the one on the zorgmelding, and a zorgmelding carries at most one doorverwijzing.
 */
import type { World, WorldCase, WorldHousehold, WorldPerson, WorldReferral, WorldReport } from '#mock-world/index.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import {
  BETROKKENHEDEN, DOORVERWIJSSTATUSSEN, GEWELDSVORMEN, ROLLEN, STATUSSEN, URGENTIES,
  ZORGAANBIEDER_CODE, invert,
} from './legacy-codes.ts';
import { formatLegacyDate, formatLegacyDateTime } from './legacy-time.ts';
import type { Sleutelpaar, WireZorgmelding, ZorgmeldingKolom, ZorgmeldingRij } from './wire-types.ts';

export interface PolitieFixtures {
  readonly zorgmeldingen: readonly WireZorgmelding[];
  /** Every person the police registered, with their persoonssleutel. */
  readonly sleutels: readonly Sleutelpaar[];
}

const GEWELDSVORM = invert(GEWELDSVORMEN);
const URGENTIE = invert(URGENTIES);
const DOORVERWIJSSTATUS = invert(DOORVERWIJSSTATUSSEN);
const ROL = invert(ROLLEN);
const BETROKKENHEID = invert(BETROKKENHEDEN);
const STATUS = new Map(Object.entries(STATUSSEN).map(([code, { phase }]) => [phase, code]));
const AGENCY_CODE = new Map(Object.entries(WORLD_AGENCY_CODES).map(([code, id]) => [id, code]));

/** The zorgmeldingen of `agencyId` (the world's cases filed under that id), and nobody else's. */
export function projectPolitie(world: World, agencyId: string): PolitieFixtures {
  const zorgmeldingen: WireZorgmelding[] = [];
  const sleutels = new Map<string, Sleutelpaar>();
  for (const household of world.households) {
    const politieCase = household.cases[agencyId];
    if (!politieCase) continue;
    const report = politieCase.reports.find((r) => r.localId === politieCase.householdLocalId) ?? politieCase.reports[0];
    if (!report) continue; // a police case without a zorgmelding does not exist in the police system
    const betrokkenen = politieCase.memberBsns
      .map((bsn) => household.members.find((member) => member.bsn === bsn))
      .filter((member): member is WorldPerson => member !== undefined);
    for (const person of betrokkenen) sleutels.set(person.bsn, { bsn: person.bsn, persoonssleutel: person.politieKey });
    const common = zorgmeldingColumns(household, politieCase, report, politieCase.referrals[0]);
    const rijen = betrokkenen.length > 0
      ? betrokkenen.map((person) => ({ ...common, ...betrokkeneColumns(person, politieCase, report) }))
      : [{ ...common, ...NO_BETROKKENE }];
    zorgmeldingen.push({ registratienummer: politieCase.householdLocalId, rijen });
  }
  return { zorgmeldingen, sleutels: [...sleutels.values()] };
}

function zorgmeldingColumns(household: WorldHousehold, politieCase: WorldCase, report: WorldReport,
  referral: WorldReferral | undefined): Record<ZorgmeldingKolom, string> {
  return {
    registratienummer: politieCase.householdLocalId,
    datum_tijd_registratie: formatLegacyDateTime(report.receivedAt),
    gemeente: household.municipality,
    straat: household.address.street,
    huisnummer: household.address.houseNumber,
    postcode: household.address.postalCode.replace(/^(\d{4})\s*([A-Z]{2})$/, '$1 $2'),
    woonplaats: household.address.city,
    geweldsvormen: report.violenceTypes.map((type) => code(GEWELDSVORM, type)).join('|'),
    omschrijving: report.narrative,
    afgeschermde_informatie: report.restrictedInformation ?? '',
    urgentie: code(URGENTIE, report.urgency),
    status: code(STATUS, politieCase.phase),
    verbalisant: report.reporter.name ?? '',
    doorverwijsnummer: referral?.localId ?? '',
    doorverwezen_naar: referral ? referralTargetCode(referral) : '',
    doorverwezen_naar_naam: referral?.toCareProvider ?? '',
    doorverwijsreden: referral?.reason ?? '',
    doorverwijsstatus: referral ? code(DOORVERWIJSSTATUS, referral.status) : '',
    doorverwijsdatum: referral ? formatLegacyDateTime(referral.createdAt) : '',
    doorverwijzing_gewijzigd: referral ? formatLegacyDateTime(referral.updatedAt) : '',
    veiligheidsafspraken: referral?.safetyConditions.join('|') ?? '',
    warme_overdracht: referral ? (referral.warmHandover ? 'J' : 'N') : '',
    zorgaanbieder: politieCase.careProvider ?? '',
    behandelaar: politieCase.contact.name,
    behandelaar_telefoon: politieCase.contact.phone,
    behandelaar_email: politieCase.contact.email,
  };
}

function betrokkeneColumns(person: WorldPerson, politieCase: WorldCase, report: WorldReport): Omit<ZorgmeldingRij, ZorgmeldingKolom> {
  const child = politieCase.children.find((c) => c.bsn === person.bsn);
  const role = report.childInvolvement.find((c) => c.bsn === person.bsn)?.role ?? child?.role ?? null;
  return {
    persoonssleutel: person.politieKey,
    naam: person.name,
    geboortedatum: formatLegacyDate(person.birthDate),
    rol: code(ROL, person.role),
    minderjarig: child ? 'J' : 'N',
    betrokkenheid_kind: role ? code(BETROKKENHEID, role) : '',
  };
}

const NO_BETROKKENE: Omit<ZorgmeldingRij, ZorgmeldingKolom> = {
  persoonssleutel: '', naam: '', geboortedatum: '', rol: '', minderjarig: '', betrokkenheid_kind: '',
};

function referralTargetCode(referral: WorldReferral): string {
  if (referral.toAgencyId === null) return ZORGAANBIEDER_CODE;
  return code(AGENCY_CODE, referral.toAgencyId);
}

function code<V, K>(table: ReadonlyMap<V, K>, value: V): K {
  const found = table.get(value);
  // The world holds a value the police system has no code for: a bug in the world, not data.
  if (found === undefined) throw new Error(`no police code for ${String(value)}`);
  return found;
}
