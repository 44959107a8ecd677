/**
 * Seeded pseudo-random numbers. The sample park must come out byte for byte identical on every run, so nothing in
 * the generator reads the clock or `Math.random`: every value derives from the seed through this module.
 */

/** 32-bit FNV-1a hash of a string; used to derive independent sub-streams from a label. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** mulberry32 (Tommy Ettinger): tiny and fast, statistically good enough for synthetic data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly source: () => number;

  constructor(readonly seed: number) {
    this.source = mulberry32(seed);
  }

  /**
   * A generator whose stream depends only on this generator's seed and the label, not on how many numbers were
   * drawn so far: adding a draw in one part of the park then does not reshuffle every other part.
   */
  fork(label: string): Random {
    return new Random(hashString(label, (this.seed ^ 0x9e3779b9) >>> 0));
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.source();
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.source();
  }

  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.source() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.source() < probability;
  }

  pick<Item>(items: readonly Item[]): Item {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(this.source() * items.length)] as Item;
  }

  /** Picks an item with probability proportional to its weight. */
  weighted<Item>(entries: readonly (readonly [Item, number])[]): Item {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let remaining = this.source() * total;
    for (const [item, weight] of entries) {
      remaining -= weight;
      if (remaining < 0) return item;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('cannot pick from an empty list');
    return last[0];
  }

  /** Normal distribution by the Box–Muller transform. */
  normal(mean = 0, deviation = 1): number {
    const uniform = 1 - this.source();
    return mean + deviation * Math.sqrt(-2 * Math.log(uniform)) * Math.cos(2 * Math.PI * this.source());
  }

  /** Fisher–Yates shuffle, in place. */
  shuffle<Item>(items: Item[]): Item[] {
    for (let index = items.length - 1; index > 0; index--) {
      const other = Math.floor(this.source() * (index + 1));
      const held = items[index] as Item;
      items[index] = items[other] as Item;
      items[other] = held;
    }
    return items;
  }
}
