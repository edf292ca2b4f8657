/**
 * The world as one system in the ASHG's dialect holds it (`ashg-groningen`, or the archive of
 * `ashg-drenthe`): one dossier per household with a case of that organisation, its meldingen and
 * doorverwijzingen, in the legacy vocabulary. A pure projection; the mock serves it.
 */
import type { World, WorldCase, WorldHousehold, WorldReferral, WorldReport } from '#mock-world/index.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import {
  CHANNEL, CHILD_ROLE, PHASE, REFERRAL_KIND, REFERRAL_STATUS, REPORTER_TYPE, REPORT_KIND, ROLE,
  SAFETY_OUTCOME, URGENCY, VIOLENCE,
} from './codes.ts';
import { isoDateToDutch } from './dates.ts';
import type { WireDoorverwijzing, WireDossier, WireMelding } from './wire-types.ts';

export interface AshgData {
  readonly dossiers: readonly WireDossier[];
  readonly meldingen: readonly WireMelding[];
  readonly doorverwijzingen: readonly WireDoorverwijzing[];
}

/** World agency id -> the ASHG's code for it (the inverse of the default code list). */
const CODE_OF_AGENCY = new Map(Object.entries(WORLD_AGENCY_CODES).map(([legacy, agencyId]) => [agencyId, legacy]));

/** The dossiers of `agencyId` (the world's cases filed under that id), and nobody else's. */
export function projectAshg(world: World, agencyId: string): AshgData {
  const dossiers: WireDossier[] = [];
  const meldingen: WireMelding[] = [];
  const doorverwijzingen: WireDoorverwijzing[] = [];
  for (const household of world.households) {
    const ashgCase = household.cases[agencyId];
    if (!ashgCase) continue;
    dossiers.push(dossierOf(household, ashgCase));
    for (const report of ashgCase.reports) meldingen.push(meldingOf(household, ashgCase, report));
    for (const referral of ashgCase.referrals) doorverwijzingen.push(doorverwijzingOf(household, ashgCase, referral));
  }
  return { dossiers, meldingen, doorverwijzingen };
}

function dossierOf(household: WorldHousehold, ashgCase: WorldCase): WireDossier {
  const members = ashgCase.memberBsns.map((bsn) => {
    const member = household.members.find((candidate) => candidate.bsn === bsn);
    if (!member) throw new Error(`world: ${ashgCase.householdLocalId} registers a BSN outside its household`);
    return member;
  });
  return {
    dossiernummer: ashgCase.householdLocalId,
    gemeente: household.municipality,
    adres: {
      straat: household.address.street, huisnummer: household.address.houseNumber,
      postcode: household.address.postalCode, woonplaats: household.address.city,
    },
    personen: members.map((member) => ({
      bsn: member.bsn, naam: member.name, geboortedatum: isoDateToDutch(member.birthDate), rol: ROLE.encode(member.role),
    })),
    kinderen: ashgCase.children.map((child, index) => ({
      kindnummer: `${ashgCase.householdLocalId}-K${index + 1}`,
      bsn: child.bsn,
      // The system leaves out what it never registered rather than sending null.
      ...(child.school === null ? {} : { school: child.school }),
      ...(child.situation === null ? {} : { situatie: child.situation }),
      betrokkenheid: child.role === null ? null : CHILD_ROLE.encode(child.role),
    })),
    fase: PHASE.encode(ashgCase.phase),
    faseSinds: isoDateToDutch(ashgCase.since),
    contactpunt: { naam: ashgCase.contact.name, telefoon: ashgCase.contact.phone, email: ashgCase.contact.email },
    zorgaanbieder: ashgCase.careProvider,
  };
}

function meldingOf(household: WorldHousehold, ashgCase: WorldCase, report: WorldReport): WireMelding {
  const check = report.safetyAssessment;
  return {
    meldingnummer: report.localId,
    dossiernummer: ashgCase.householdLocalId,
    gemeente: household.municipality,
    ontvangen: report.receivedAt,
    kanaal: CHANNEL.encode(report.channel),
    soort: REPORT_KIND.encode(report.kind),
    melder: {
      naam: report.reporter.name, type: REPORTER_TYPE.encode(report.reporter.type),
      anonimiteitToegezegd: report.reporter.anonymityPromised, telefoon: report.reporter.phone,
    },
    geweldsvormen: report.violenceTypes.map((type) => VIOLENCE.encode(type)),
    betrokkenKinderen: report.childInvolvement.map((child) => ({ bsn: child.bsn, rol: CHILD_ROLE.encode(child.role) })),
    relaas: report.narrative,
    afgeschermdeInformatie: report.restrictedInformation,
    urgentie: URGENCY.encode(report.urgency),
    veiligheidsbeoordeling: check && {
      uiterlijk: isoDateToDutch(check.dueBy),
      besloten: check.decidedAt,
      uitkomst: check.outcome === null ? null : SAFETY_OUTCOME.encode(check.outcome),
    },
    fase: PHASE.encode(report.phase),
    ontvangendeZorgaanbieder: report.receivingCareProvider,
  };
}

function doorverwijzingOf(household: WorldHousehold, ashgCase: WorldCase, referral: WorldReferral): WireDoorverwijzing {
  return {
    verwijzingsnummer: referral.localId,
    dossiernummer: ashgCase.householdLocalId,
    gemeente: household.municipality,
    van: agencyCode(referral.fromAgencyId),
    naar: referral.toAgencyId === null ? null : agencyCode(referral.toAgencyId),
    naarZorgaanbieder: referral.toCareProvider,
    soort: REFERRAL_KIND.encode(referral.kind),
    reden: referral.reason,
    veiligheidsvoorwaarden: [...referral.safetyConditions],
    warmeOverdracht: referral.warmHandover,
    status: REFERRAL_STATUS.encode(referral.status),
    aangemaakt: referral.createdAt,
    gewijzigd: referral.updatedAt,
    meldingnummer: referral.reportLocalId,
  };
}

function agencyCode(agencyId: string): string {
  const legacy = CODE_OF_AGENCY.get(agencyId);
  if (legacy === undefined) throw new Error(`world: the ASHG has no code for agency ${agencyId}`);
  return legacy;
}
