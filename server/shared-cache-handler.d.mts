/** Next's CacheHandler interface, as far as this handler implements it (./shared-cache-handler.mjs). */
export default class SharedCacheHandler {
  constructor(options?: { serverDistDir?: string })
  get(key: string, ctx: object): Promise<{ value: unknown; lastModified: number; tags?: string[] } | null>
  set(key: string, data: unknown, ctx: object): Promise<void>
  revalidateTag(tags: string | string[], ...rest: unknown[]): Promise<void>
  resetRequestCache(): void
}
