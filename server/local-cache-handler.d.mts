/** Next's CacheHandler interface, as far as the tests use it (./local-cache-handler.mjs extends Next's FileSystemCache). */
export default class LocalCacheHandler {
  constructor(options: { fs: object; flushToDisk: boolean; serverDistDir: string; maxMemoryCacheSize?: number; revalidatedTags: string[] })
  get(key: string, ctx: object): Promise<{ value?: unknown } | null>
  set(key: string, data: unknown, ctx: object): Promise<void>
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>
}
