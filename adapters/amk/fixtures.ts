/**
 * What one organisation's system in the AMK's dialect holds of the synthetic world: every household
 * with a case of that organisation (`amk-groningen`, or a Veilig Thuis whose system grew out of an
 * AMK's), projected into zaken, meldingen and overdrachten in the dialect's codes and date formats.
 * Pure: the same world and organisation always give the same dataset.
 */
import type { World, WorldCase, WorldHousehold, WorldReferral, WorldReport } from '#mock-world/index.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import {
  BETROKKENHEID, FASE, GEWELDSVORM, GEZINSROL, KANAAL, MELDER_TYPE, MELDING_SOORT,
  OVERDRACHT_SOORT, OVERDRACHT_STATUS, UITKOMST, URGENTIE, encodeCode,
} from './codes.ts';
import { formatDatum, formatTijdstip } from './dates.ts';
import type { AmkDataset, JaNee, WireKind, WireMelding, WireOverdracht, WireZaak } from './wire-types.ts';

const jaNee = (value: boolean): JaNee => (value ? 'J' : 'N');

/** The AMK's own key of a child on a zaak: the zaak id and the child's sequence number. */
export const kindnummerOf = (zaakId: string, index: number): string => `${zaakId}-K${index + 1}`;

function agencyCode(agencyId: string): string {
  return encodeCode(WORLD_AGENCY_CODES, agencyId, 'instellingen');
}

function zaakOf(household: WorldHousehold, zaak: WorldCase): WireZaak {
  const zaakId = zaak.householdLocalId;
  const registered = household.members.filter((member) => zaak.memberBsns.includes(member.bsn));
  const kinderen = zaak.children.map((child, index): WireKind => {
    const member = household.members.find((candidate) => candidate.bsn === child.bsn);
    return {
      kindnummer: kindnummerOf(zaakId, index),
      bsn: child.bsn,
      ...(member ? { naam: member.name, geboortedatum: formatDatum(member.birthDate) } : {}),
      ...(child.school === null ? {} : { school: child.school }),
      ...(child.situation === null ? {} : { situatie: child.situation }),
      ...(child.role === null ? {} : { betrokkenheid: encodeCode(BETROKKENHEID, child.role, 'betrokkenheid') }),
    };
  });
  return {
    zaakId,
    gemeente: household.municipality,
    adres: {
      straat: household.address.street, huisnummer: household.address.houseNumber,
      postcode: household.address.postalCode, woonplaats: household.address.city,
    },
    gezin: {
      gezinslid: registered.map((member) => ({
        bsn: member.bsn, naam: member.name, geboortedatum: formatDatum(member.birthDate),
        rol: encodeCode(GEZINSROL, member.role, 'gezinsrol'),
      })),
    },
    kinderen: { kind: kinderen },
    fase: encodeCode(FASE, zaak.phase, 'fase'),
    faseDatum: formatDatum(zaak.since),
    contact: { naam: zaak.contact.name, telefoon: zaak.contact.phone, email: zaak.contact.email },
    ...(zaak.careProvider === null ? {} : { zorgaanbieder: zaak.careProvider }),
  };
}

function meldingOf(household: WorldHousehold, zaakId: string, report: WorldReport): WireMelding {
  const assessment = report.safetyAssessment;
  return {
    meldingId: report.localId,
    zaakId,
    gemeente: household.municipality,
    ontvangen: formatTijdstip(report.receivedAt),
    kanaal: encodeCode(KANAAL, report.channel, 'kanaal'),
    soort: encodeCode(MELDING_SOORT, report.kind, 'meldingsoort'),
    melder: {
      ...(report.reporter.name === null ? {} : { naam: report.reporter.name }),
      type: encodeCode(MELDER_TYPE, report.reporter.type, 'meldertype'),
      anonimiteitToegezegd: jaNee(report.reporter.anonymityPromised),
      ...(report.reporter.phone === null ? {} : { telefoon: report.reporter.phone }),
    },
    geweldsvormen: { vorm: report.violenceTypes.map((type) => encodeCode(GEWELDSVORM, type, 'geweldsvorm')) },
    betrokkenKinderen: {
      kind: report.childInvolvement.map((child) => ({ bsn: child.bsn, rol: encodeCode(BETROKKENHEID, child.role, 'betrokkenheid') })),
    },
    relaas: report.narrative,
    ...(report.restrictedInformation === null ? {} : { afgeschermdeInformatie: report.restrictedInformation }),
    urgentie: encodeCode(URGENTIE, report.urgency, 'urgentie'),
    ...(assessment === null ? {} : {
      veiligheidsbeoordeling: {
        uiterlijk: formatDatum(assessment.dueBy),
        ...(assessment.decidedAt === null ? {} : { besloten: formatTijdstip(assessment.decidedAt) }),
        ...(assessment.outcome === null ? {} : { uitkomst: encodeCode(UITKOMST, assessment.outcome, 'uitkomst') }),
      },
    }),
    fase: encodeCode(FASE, report.phase, 'fase'),
    ...(report.receivingCareProvider === null ? {} : { ontvangendeZorgaanbieder: report.receivingCareProvider }),
  };
}

function overdrachtOf(household: WorldHousehold, zaakId: string, referral: WorldReferral): WireOverdracht {
  return {
    overdrachtId: referral.localId,
    zaakId,
    gemeente: household.municipality,
    van: { instelling: agencyCode(referral.fromAgencyId) },
    naar: {
      ...(referral.toAgencyId === null ? {} : { instelling: agencyCode(referral.toAgencyId) }),
      ...(referral.toCareProvider === null ? {} : { zorgaanbieder: referral.toCareProvider }),
    },
    soort: encodeCode(OVERDRACHT_SOORT, referral.kind, 'overdrachtsoort'),
    reden: referral.reason,
    veiligheidsvoorwaarden: { voorwaarde: [...referral.safetyConditions] },
    warmeOverdracht: jaNee(referral.warmHandover),
    status: encodeCode(OVERDRACHT_STATUS, referral.status, 'overdrachtstatus'),
    aangemaakt: formatTijdstip(referral.createdAt),
    gewijzigd: formatTijdstip(referral.updatedAt),
    ...(referral.reportLocalId === null ? {} : { meldingId: referral.reportLocalId }),
  };
}

/**
 * What `agencyId` files of one household: its zaak with the melding and overdrachten of it, or null when
 * the organisation has no case on the household. The fixtures project each household so, and so does a
 * tester registering one while the mock runs.
 */
export function projectAmkHousehold(household: WorldHousehold, agencyId: string): AmkDataset | null {
  const zaak = household.cases[agencyId];
  if (!zaak) return null;
  return {
    zaken: [zaakOf(household, zaak)],
    meldingen: zaak.reports.map((report) => meldingOf(household, zaak.householdLocalId, report)),
    overdrachten: zaak.referrals.map((referral) => overdrachtOf(household, zaak.householdLocalId, referral)),
  };
}

/** The zaken of `agencyId` (the world's cases filed under that id), and nobody else's. */
export function projectAmk(world: World, agencyId: string): AmkDataset {
  const held = world.households.flatMap((household) => projectAmkHousehold(household, agencyId) ?? []);
  return {
    zaken: held.flatMap((dataset) => dataset.zaken),
    meldingen: held.flatMap((dataset) => dataset.meldingen),
    overdrachten: held.flatMap((dataset) => dataset.overdrachten),
  };
}
