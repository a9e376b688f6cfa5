/** Deterministic randomness for synthetic data: the same seed gives the same dataset. */

/** mulberry32: a tiny, fast 32-bit generator, plenty for test data (not for secrets). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Random {
  readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }
  chance(probability: number): boolean {
    return this.next() < probability
  }
  /** `count` distinct items (fewer when there are not that many). */
  sample<T>(items: readonly T[], count: number): T[] {
    return [...new Set(Array.from({ length: count }, () => this.pick(items)))]
  }
  /** 12 hex characters, the shape of the Studio's array `_key`s. */
  key(): string {
    return Math.floor(this.next() * 0xffffffffffff)
      .toString(16)
      .padStart(12, '0')
  }
}

/** A Zipf-distributed choice: the first items are common, most are rare (as names in an archive). */
export class Zipf<T> {
  private readonly cumulative: number[] = []
  constructor(
    private readonly items: readonly T[],
    private readonly random: Random,
  ) {
    let sum = 0
    for (let i = 0; i < items.length; i++) this.cumulative.push((sum += 1 / (i + 1)))
  }
  pick(): T {
    const target = this.random.next() * this.cumulative.at(-1)!
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.cumulative[mid]! < target) lo = mid + 1
      else hi = mid
    }
    return this.items[lo]!
  }
}
