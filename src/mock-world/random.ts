/** Deterministic helpers for the world: a seeded PRNG and valid-looking, fictitious identifiers. */

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * A nine-digit number that passes the BSN eleven-test, derived from a serial. The 9xxxxxxxx range
 * keeps them apart from the low ranges real BSNs were first issued from; they remain fictitious.
 */
export function bsnFromSerial(serial: number): string {
  for (let bump = 0; ; bump++) {
    const body = String(90_000_000 + ((serial * 10 + bump) % 9_999_999)).padStart(8, '0');
    const digits = [...body].map(Number);
    const sum = digits.reduce((acc, digit, index) => acc + digit * (9 - index), 0);
    const check = sum % 11;
    if (check < 10) return body + String(check);
  }
}

/** The police's pseudonymous person key for a BSN in the world (opaque, stable). */
export function politieKeyFor(bsn: string): string {
  let hash = 2166136261;
  for (const char of `politie:${bsn}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return `PK${hash.toString(36).toUpperCase().padStart(7, '0')}`;
}
