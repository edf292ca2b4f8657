/**
 * The world as one system in Bureau Jeugdzorg's dialect holds it (`bjz-groningen`, or a certified
 * institution's that grew out of a BJZ's): one client per minor of each of that organisation's cases,
 * every client carrying its gezin, and one aanmelding per referral. Pure: the same world and
 * organisation give the same records.
 */
import type { CasePhase, PhaseCategory } from '#domain/records.ts';
import type { World, WorldCase, WorldHousehold, WorldPerson, WorldReferral } from '#mock-world/index.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import { BETROKKENHEID, RELATIE, SOORT, STATUS, codeOf } from './codes.ts';
import { formatWireDate, formatWireDateTime } from './legacy-dates.ts';
import type { WireAanmelding, WireAdres, WireClient, WireFase, WireGezinslid } from './wire-types.ts';

export interface BjzFixtures {
  /** Sorted by client id, the order the API pages in. */
  readonly clienten: readonly WireClient[];
  readonly aanmeldingen: readonly WireAanmelding[];
}

/** The clients and aanmeldingen of `agencyId` (the world's cases filed under that id), and nobody else's. */
export function projectBjz(world: World, agencyId: string): BjzFixtures {
  const clienten: WireClient[] = [];
  const aanmeldingen: WireAanmelding[] = [];
  for (const household of world.households) {
    const bjzCase = household.cases[agencyId];
    if (!bjzCase) continue;
    const ofCase = clientsOf(household, bjzCase);
    clienten.push(...ofCase);
    const clientIds = ofCase.map((client) => client.id);
    for (const referral of bjzCase.referrals) {
      aanmeldingen.push(aanmeldingOf(referral, clientIds, bjzCase.householdLocalId, household.municipality));
    }
  }
  clienten.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { clienten, aanmeldingen };
}

/** The client id of the `index`-th minor of a gezin. */
export function clientIdOf(gezinId: string, index: number): string {
  return `${gezinId}-k${index + 1}`;
}

function clientsOf(household: WorldHousehold, bjzCase: WorldCase): WireClient[] {
  const gezinsleden = bjzCase.memberBsns.map((bsn) => gezinslidOf(memberOf(household, bsn)));
  const adres = adresOf(household.address);
  return bjzCase.children.map((child, index) => {
    const member = memberOf(household, child.bsn);
    return {
      id: clientIdOf(bjzCase.householdLocalId, index),
      bsn: member.bsn,
      naam: member.name,
      geboortedatum: formatWireDate(member.birthDate),
      gezin: { id: bjzCase.householdLocalId, gezinsleden },
      adres,
      gemeente: household.municipality,
      school: child.school,
      situatie: child.situation,
      betrokkenheid: child.role === null ? null : required(codeOf(BETROKKENHEID, child.role), 'betrokkenheid'),
      traject: {
        fase: faseOf(bjzCase.phase, bjzCase.phaseCategory),
        startdatum: formatWireDate(bjzCase.since),
        contactpunt: { naam: bjzCase.contact.name, telefoon: bjzCase.contact.phone, email: bjzCase.contact.email },
        zorgaanbieder: bjzCase.careProvider,
      },
    };
  });
}

function aanmeldingOf(referral: WorldReferral, clientIds: readonly string[], gezinId: string, gemeente: string): WireAanmelding {
  return {
    id: referral.localId,
    clientIds,
    gezinId,
    gemeente,
    van: agencyCode(referral.fromAgencyId),
    naar: referral.toAgencyId === null ? null : agencyCode(referral.toAgencyId),
    zorgaanbieder: referral.toCareProvider,
    soort: required(codeOf(SOORT, referral.kind), 'soort'),
    reden: referral.reason,
    veiligheidsafspraken: referral.safetyConditions,
    warmeOverdracht: referral.warmHandover,
    status: required(codeOf(STATUS, referral.status), 'status'),
    aangemaaktOp: formatWireDateTime(referral.createdAt),
    gewijzigdOp: formatWireDateTime(referral.updatedAt),
  };
}

function gezinslidOf(person: WorldPerson): WireGezinslid {
  return {
    bsn: person.bsn,
    naam: person.name,
    geboortedatum: formatWireDate(person.birthDate),
    relatie: required(codeOf(RELATIE, person.role), 'relatie'),
  };
}

/** BJZ splits the house number from its letter and writes the postcode with a space. */
function adresOf(address: WorldHousehold['address']): WireAdres {
  const number = /^(\d+)(.*)$/.exec(address.houseNumber);
  if (!number) throw new Error('projectBjz: house number without digits');
  return {
    straat: address.street,
    huisnummer: Number(number[1]),
    toevoeging: number[2] ? number[2] : null,
    postcode: address.postalCode.replace(/^(\d{4})\s*([A-Z]{2})$/, '$1 $2'),
    woonplaats: address.city,
  };
}

/**
 * BJZ has four phases; a world phase outside them lands on the BJZ phase of the same category. The
 * world gives BJZ cases BJZ phases only, so the round trip is exact for every case it holds.
 */
function faseOf(phase: CasePhase, category: PhaseCategory): WireFase {
  switch (phase) {
    case 'REGISTERED': return 'aanmelding';
    case 'INTAKE': return 'intake';
    case 'HANDED_OVER_TO_CARE': return 'hulp';
    case 'CLOSED': return 'afgesloten';
    default:
      if (category === 'SIGNAL') return 'aanmelding';
      if (category === 'CLOSED') return 'afgesloten';
      return category === 'ASSESSMENT' || category === 'INVESTIGATION' ? 'intake' : 'hulp';
  }
}

function agencyCode(agencyId: string): string {
  return required(codeOf(WORLD_AGENCY_CODES, agencyId), 'agency code');
}

function memberOf(household: WorldHousehold, bsn: string): WorldPerson {
  return required(household.members.find((member) => member.bsn === bsn), 'household member');
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`projectBjz: the world holds a value BJZ has no ${what} for`);
  return value;
}
