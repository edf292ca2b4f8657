/** A small seeded random source (mulberry32): one fast-check integer replays a whole generated query. */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A non-empty random subset, in random order, of at most `max` items. */
  some<T>(items: readonly T[], max: number): T[];
  /** One of the keys, with the given relative weights. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
}

export function createRandomSource(seed: number): RandomSource {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[int(0, items.length - 1)] as T;
  };
  return {
    next, int, pick,
    chance: (probability) => next() < probability,
    some(items, max) {
      const pool = [...items];
      const count = int(1, Math.min(max, pool.length));
      const out: (typeof items)[number][] = [];
      while (out.length < count) out.push(pool.splice(int(0, pool.length - 1), 1)[0]!);
      return out;
    },
    weighted(weights) {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries.at(-1)![0];
    },
  };
}
