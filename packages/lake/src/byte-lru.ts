/**
 * A least-recently-used map bounded by the bytes its entries are said to weigh. An entry heavier
 * than the whole budget is not kept. `onEvict` runs for every entry that leaves (evicted, replaced or deleted).
 */
export class ByteLru<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>()
  private used = 0

  constructor(
    private readonly maxBytes: number,
    private readonly onEvict: (value: V) => void = () => {},
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  /** Keeps `value` (evicting the least recently used entries) unless it alone exceeds the budget: then false. */
  set(key: K, value: V, bytes: number): boolean {
    this.delete(key)
    if (bytes > this.maxBytes) return false
    this.entries.set(key, { value, bytes })
    this.used += bytes
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.maxBytes) break
      this.entries.delete(oldest)
      this.used -= entry.bytes
      this.onEvict(entry.value)
    }
    return true
  }

  delete(key: K): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.used -= entry.bytes
    this.onEvict(entry.value)
  }

  get bytes(): number {
    return this.used
  }

  get size(): number {
    return this.entries.size
  }
}
