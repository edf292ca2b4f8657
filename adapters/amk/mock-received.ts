/**
 * Internal to mock.ts: what the AMK (or Veilig Thuis) system does with an act it received once (issue 13),
 * so its later reads show it. An overdracht registers a new zaak under the kenmerk it answered, with a
 * melding of what came with it and the overdracht itself, offered (`aangeboden`) by the sender; the zaak
 * holds the gezin and children as received, each child with a BSN also a gezinslid as in the AMK's own
 * zaken (the gateway links the zaak to any earlier one on the same family through their BSNs). An answer moves the overdracht the AMK made of that melding to the answerer, or
 * registers one with the answered status when the AMK holds none. Feedback sets the receiving care
 * provider on the melding and moves the overdracht of that melding to the feedback's sender on (`lopend`,
 * or `afgerond` once the partner closed its case). Only what travelled is written; a code the AMK does not
 * know is left out.
 */
import { isValidBsn } from '#mock-world/index.ts';
import type { PhaseCategory } from '#domain/records.ts';
import { answeredReferralKind, referralStatusAfterFeedback } from '#mock-world/receiving.ts';
import {
  BETROKKENHEID, GEWELDSVORM, GEZINSROL, KANAAL, MELDING_SOORT, OVERDRACHT_SOORT, OVERDRACHT_STATUS, URGENTIE, encodeCode,
} from './codes.ts';
import { FASE_CATEGORIE } from './deliver-mapping.ts';
import { kindnummerOf } from './fixtures.ts';
import type { AmkRecords } from './mock-records.ts';
import type { AmkInboundOperation } from './soap-envelope.ts';
import type {
  AmkFase, Besluit, OverdrachtSoort, WireAdres, WireContact, WireGezinslid, WireKind, WireMelding, WireOverdracht, WirePartij,
} from './wire-types.ts';

/** Who the receiving system is: its chain-partner code and its contact desk, where the world has them. */
export interface ReceivingAmk {
  readonly code: string | null;
  readonly contact: WireContact | null;
}

type Content = Readonly<Record<string, unknown>>;

const objectOf = (value: unknown): Content | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Content : undefined;
const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
/** The items of a list element (`<gezin><gezinslid>`), however many. */
const itemsOf = (holder: unknown, item: string): unknown[] => {
  const items = objectOf(holder)?.[item];
  return Array.isArray(items) ? items : items === undefined ? [] : [items];
};
/** A BSN that fails the eleven-test is no BSN the AMK registers: it is left out. */
const bsnOf = (value: unknown): string | undefined => (typeof value === 'string' && isValidBsn(value) ? value : undefined);
const codeOf = <Code extends string>(table: Readonly<Record<Code, unknown>>, value: unknown): Code | undefined =>
  typeof value === 'string' && Object.hasOwn(table, value) ? value as Code : undefined;

/** Drops absent keys. */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

const SOORT_OF_KIND = new Map(Object.entries(OVERDRACHT_SOORT).map(([soort, kind]) => [kind as string, soort as OverdrachtSoort]));

function gezinslid(raw: unknown): WireGezinslid {
  const lid = objectOf(raw) ?? {};
  return defined({ bsn: bsnOf(lid.bsn), naam: textOf(lid.naam), geboortedatum: textOf(lid.geboortedatum), rol: codeOf(GEZINSROL, lid.rol) });
}

function kind(raw: unknown, zaakId: string, index: number): WireKind {
  const kind = objectOf(raw) ?? {};
  return defined({
    kindnummer: kindnummerOf(zaakId, index), bsn: bsnOf(kind.bsn), naam: textOf(kind.naam), geboortedatum: textOf(kind.geboortedatum),
    school: textOf(kind.school), situatie: textOf(kind.situatie), betrokkenheid: codeOf(BETROKKENHEID, kind.betrokkenheid),
  });
}

function adres(raw: unknown): WireAdres | undefined {
  const adres = objectOf(raw);
  if (!adres) return undefined;
  const fields = defined({ straat: textOf(adres.straat), huisnummer: textOf(adres.huisnummer), postcode: textOf(adres.postcode), woonplaats: textOf(adres.woonplaats) });
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** A new zaak, its melding and its overdracht, under the kenmerk the overdracht was answered with. */
function registerZaak(records: AmkRecords, own: ReceivingAmk, content: Content, kenmerk: string): void {
  const soort = codeOf(OVERDRACHT_SOORT, content.soort);
  const gemeente = String(content.gemeente);
  const verzonden = String(content.verzonden);
  // A zorgmelding reaching Veilig Thuis starts at "melding ontvangen"; a case handed to the AMK at intake.
  const fase: AmkFase = soort === 'politie-naar-veilig-thuis' ? 'melding-ontvangen' : 'intake';
  const kinderen = itemsOf(content.kinderen, 'kind').map((raw, index) => kind(raw, kenmerk, index));
  const leden = itemsOf(content.gezin, 'gezinslid').map(gezinslid).filter((lid) => Object.keys(lid).length > 0);
  // The AMK registers a child of the zaak as a gezinslid too (that is how its zaken are found by a child's BSN).
  const known = new Set(leden.flatMap((lid) => lid.bsn ?? []));
  for (const child of kinderen) {
    if (child.bsn && !known.has(child.bsn)) leden.push(defined({ bsn: child.bsn, naam: child.naam, geboortedatum: child.geboortedatum, rol: 'kind' as const }));
  }
  records.addZaak(defined({
    zaakId: kenmerk, gemeente, adres: adres(content.adres), gezin: { gezinslid: leden },
    kinderen: { kind: kinderen }, fase, faseDatum: verzonden.slice(0, 10), contact: own.contact ?? undefined,
  }));
  const melding = objectOf(content.melding) ?? {};
  const vormen = itemsOf(melding.geweldsvormen, 'vorm').flatMap((vorm) => codeOf(GEWELDSVORM, vorm) ?? []);
  const betrokken = kinderen.flatMap((child) => (child.bsn && child.betrokkenheid ? [{ bsn: child.bsn, rol: child.betrokkenheid }] : []));
  const meldingId = `${kenmerk}-M1`;
  records.putMelding(defined<WireMelding>({
    meldingId, zaakId: kenmerk, gemeente, ontvangen: textOf(melding.ontvangen), kanaal: codeOf(KANAAL, melding.kanaal),
    soort: codeOf(MELDING_SOORT, melding.soort), geweldsvormen: vormen.length > 0 ? { vorm: vormen } : undefined,
    betrokkenKinderen: betrokken.length > 0 ? { kind: betrokken } : undefined, relaas: textOf(melding.relaas),
    urgentie: codeOf(URGENTIE, melding.urgentie), fase,
  }));
  const voorwaarden = itemsOf(content.veiligheidsvoorwaarden, 'voorwaarde').flatMap((voorwaarde) => textOf(voorwaarde) ?? []);
  records.putOverdracht(defined<WireOverdracht>({
    overdrachtId: `${kenmerk}-V1`, zaakId: kenmerk, gemeente, van: partij(content.van), naar: own.code ? { instelling: own.code } : undefined,
    soort, reden: textOf(content.reden), veiligheidsvoorwaarden: voorwaarden.length > 0 ? { voorwaarde: voorwaarden } : undefined,
    status: 'aangeboden', aangemaakt: verzonden, gewijzigd: verzonden, meldingId,
  }));
}

function partij(raw: unknown): WirePartij | undefined {
  const party = objectOf(raw);
  return party && defined({ instelling: textOf(party.instelling), zorgaanbieder: textOf(party.zorgaanbieder) });
}

/** The answer moves the overdracht of the AMK's melding (afzenderReferentie) to the answerer. */
function moveOverdracht(records: AmkRecords, own: ReceivingAmk, content: Content, kenmerk: string): void {
  const melding = records.melding(String(content.afzenderReferentie));
  const answerer = textOf(objectOf(content.van)?.instelling);
  if (!melding || !answerer) return; // nothing of the AMK's own it is about: stored only
  const status = content.besluit as Besluit;
  const verzonden = String(content.verzonden);
  const offered = records.overdrachtenOfZaak(melding.zaakId)
    .find((overdracht) => overdracht.meldingId === melding.meldingId && overdracht.naar?.instelling === answerer && overdracht.status === 'aangeboden');
  if (offered) {
    records.putOverdracht({ ...offered, status, gewijzigd: verzonden });
    return;
  }
  records.putOverdracht(defined<WireOverdracht>({
    overdrachtId: kenmerk, zaakId: melding.zaakId, gemeente: melding.gemeente, van: own.code ? { instelling: own.code } : undefined,
    naar: { instelling: answerer }, soort: SOORT_OF_KIND.get(answeredReferralKind('amk', answerer)), status,
    aangemaakt: verzonden, gewijzigd: verzonden, meldingId: melding.meldingId,
  }));
}

const CATEGORY_OF_FASE = new Map([...FASE_CATEGORIE].map(([category, fase]) => [fase as string, category as PhaseCategory]));

/**
 * Feedback tells the AMK which care provider took over what it handed on, and where the partner's case
 * stands: it moves the overdracht an answer moves (of this melding, to the partner telling) on.
 */
function noteFeedback(records: AmkRecords, content: Content): void {
  const melding = records.melding(String(content.afzenderReferentie));
  if (!melding) return; // nothing of the AMK's own it is about: stored only
  const zorgaanbieder = textOf(objectOf(content.naar)?.zorgaanbieder);
  if (zorgaanbieder) records.putMelding({ ...melding, ontvangendeZorgaanbieder: zorgaanbieder });
  const partner = textOf(objectOf(content.van)?.instelling);
  const fase = textOf(content.faseCategorie);
  const phaseCategory = fase === undefined ? null : CATEGORY_OF_FASE.get(fase) ?? null;
  for (const overdracht of [...records.overdrachtenOfZaak(melding.zaakId)]) {
    if (partner === undefined || overdracht.meldingId !== melding.meldingId || overdracht.naar?.instelling !== partner || !overdracht.status) continue;
    const current = OVERDRACHT_STATUS[overdracht.status];
    const moved = referralStatusAfterFeedback(current, phaseCategory);
    if (moved !== current) {
      records.putOverdracht({ ...overdracht, status: encodeCode(OVERDRACHT_STATUS, moved, 'OverdrachtStatus'), gewijzigd: String(content.verzonden) });
    }
  }
}

/** Applies a validated inbound request, received for the first time, to the system's records. */
export function applyReceived(records: AmkRecords, own: ReceivingAmk, operation: AmkInboundOperation, content: Content, kenmerk: string): void {
  switch (operation) {
    case 'OntvangOverdracht': return registerZaak(records, own, content, kenmerk);
    case 'OntvangAntwoord': return moveOverdracht(records, own, content, kenmerk);
    case 'OntvangTerugkoppeling': return noteFeedback(records, content);
  }
}
