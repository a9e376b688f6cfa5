export interface Since {
  generation: number
  epoch: number
}

export class NextCacheEntries {
  constructor(options: { maxBytes: number })
  readonly generation: number
  fresh(key: string): object | undefined
  any(key: string): object | undefined
  keep(key: string, entry: { value?: unknown; tags?: string[]; lastModified?: number }, since: Since): boolean
  mark(trusted?: boolean): Since
  forget(key: string): void
  dropKeys(keys: string[]): void
  dropTags(tags: string[]): void
  distrust(): void
  readonly size: { entries: number; bytes: number }
}

export function tagsOf(entry: { value?: unknown; tags?: string[] } | undefined): string[]
