/** Decoded AMK records as the client hands them to the mapping, and helpers to break them. */
import type { WireMelding, WireOverdracht, WireZaak } from '#adapters/amk/wire-types.ts';

export const BSN_ANNA = '900000107';
export const BSN_SANNE = '900000302';

export const zaak: WireZaak = {
  zaakId: 'AMK-2026-0042',
  gemeente: 'Groningen',
  adres: { straat: 'Oosterstraat', huisnummer: '12a', postcode: '9711NN', woonplaats: 'Groningen' },
  gezin: {
    gezinslid: [
      { bsn: BSN_ANNA, naam: 'Anna de Vries', geboortedatum: '12-04-1988', rol: 'ouder-met-gezag' },
      { bsn: BSN_SANNE, naam: 'Sanne de Vries', geboortedatum: '03-06-2017', rol: 'kind' },
    ],
  },
  kinderen: {
    kind: [{
      kindnummer: 'AMK-2026-0042-K1', bsn: BSN_SANNE, naam: 'Sanne de Vries', geboortedatum: '03-06-2017',
      school: 'OBS De Wereldster', situatie: 'Teruggetrokken in de klas.', betrokkenheid: 'getuige-partnergeweld',
    }],
  },
  fase: 'onderzoek',
  faseDatum: '18-06-2026',
  contact: { naam: 'Veilig Thuis Groningen, team AMK', telefoon: '050-0000002', email: 'amk@vt-groningen.example' },
  zorgaanbieder: 'Accare',
};

export const melding: WireMelding = {
  meldingId: 'AMK-M-2026-0042',
  zaakId: 'AMK-2026-0042',
  gemeente: 'Groningen',
  ontvangen: '18-06-2026 14:00',
  kanaal: 'persoonlijk',
  soort: 'melding',
  melder: { naam: 'ASHG Groningen', type: 'professional', anonimiteitToegezegd: 'N', telefoon: '050-0000001' },
  geweldsvormen: { vorm: ['partnergeweld', 'psychische-kindermishandeling'] },
  betrokkenKinderen: { kind: [{ bsn: BSN_SANNE, rol: 'getuige-partnergeweld' }] },
  relaas: 'Overdracht door ASHG.',
  afgeschermdeInformatie: 'Alleen voor het AMK.',
  urgentie: 'hoog',
  veiligheidsbeoordeling: { uiterlijk: '25-06-2026', besloten: '23-06-2026 12:00', uitkomst: 'onveilig-hulp-nodig' },
  fase: 'onderzoek',
  ontvangendeZorgaanbieder: 'Accare',
};

export const overdracht: WireOverdracht = {
  overdrachtId: 'AMK-O-2026-0042',
  zaakId: 'AMK-2026-0042',
  gemeente: 'Groningen',
  van: { instelling: 'AMK-GRN' },
  naar: { instelling: 'BJZ-GRN', zorgaanbieder: 'Jeugdhulp Groningen Stad' },
  soort: 'vrijwillige-hulp',
  reden: 'Hulp na onderzoek.',
  veiligheidsvoorwaarden: { voorwaarde: ['Geen geweld in bijzijn van kinderen'] },
  warmeOverdracht: 'J',
  status: 'lopend',
  aangemaakt: '02-03-2026 09:00',
  gewijzigd: '30-03-2026 09:00',
  meldingId: 'AMK-M-2026-0042',
};

/** A deep copy of `record` with the value at `path` (dots; numeric segments index arrays) replaced, or removed when `value` is undefined. */
export function withField<T>(record: T, path: string, value: unknown): unknown {
  const copy = structuredClone(record) as Record<string, unknown>;
  const segments = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const segment of segments.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  const last = segments[segments.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
