/**
 * Benchmarks only (`BASPA_BENCH_UNCACHED=1`, next.config.ts): Next's incremental cache that keeps
 * nothing. It holds both the ISR pages (full-route cache) and `unstable_cache` data (sanity/fetch.ts),
 * so with it every request really renders and every data function really queries the lake: what
 * `npm run bench` reports as "uncached".
 */
export default class NoCacheHandler {
  async get() {
    return null
  }
  async set() {}
  async revalidateTag() {}
  resetRequestCache() {}
}
