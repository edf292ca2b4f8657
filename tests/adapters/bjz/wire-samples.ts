/** Hand-written BJZ wire records (not produced by the fixtures, so the tests do not grade themselves). */

/** Two valid BSNs (eleven-test) and a number that fails it. */
export const BSN = { father: '900002104', lisa: '900002207', brother: '900002311', invalid: '900002100' } as const;

export function wireClient(): Record<string, unknown> {
  return {
    id: 'bjz-gezin-7f3a-k1',
    bsn: BSN.lisa,
    naam: 'Lisa Hendriks',
    geboortedatum: '14-05-2011',
    gezin: {
      id: 'bjz-gezin-7f3a',
      gezinsleden: [
        { bsn: BSN.father, naam: 'Marco Hendriks', geboortedatum: '01-05-1978', relatie: 'ouder-met-gezag' },
        { bsn: BSN.lisa, naam: 'Lisa Hendriks', geboortedatum: '14-05-2011', relatie: 'kind' },
      ],
    },
    adres: { straat: 'Paterswoldseweg', huisnummer: 301, toevoeging: null, postcode: '9727 BW', woonplaats: 'Groningen' },
    gemeente: 'Groningen',
    school: 'Praedinius Gymnasium',
    situatie: 'Spijbelt; zegt niet thuis te willen zijn.',
    betrokkenheid: 'direct-slachtoffer',
    traject: {
      fase: 'intake',
      startdatum: '06-10-2026',
      contactpunt: { naam: 'Bureau Jeugdzorg Groningen, toegang', telefoon: '050-0000004', email: 'toegang@bjz-groningen.example' },
      zorgaanbieder: 'Jeugdhulp Groningen Stad',
    },
  };
}

export function wireAanmelding(): Record<string, unknown> {
  return {
    id: 'bjz-aanmelding-5120',
    clientIds: ['bjz-gezin-7f3a-k1'],
    gezinId: 'bjz-gezin-7f3a',
    gemeente: 'Groningen',
    van: 'POL-NN',
    naar: 'BJZ-GRN',
    zorgaanbieder: 'Jeugdhulp Groningen Stad',
    soort: 'politie-bjz',
    reden: 'Aanmelding via politie, convenant 0-18.',
    veiligheidsafspraken: [],
    warmeOverdracht: false,
    status: 'lopend',
    aangemaaktOp: '06-10-2026 09:00:00 +0200',
    gewijzigdOp: '20-10-2026 13:00:00 +0200',
  };
}

/** A deep copy of `record` with the value at a dotted path (`traject.fase`, `gezin.gezinsleden.0.bsn`) replaced or, for `undefined`, removed. */
export function withField(record: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(record);
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}
