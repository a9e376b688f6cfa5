import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { readFile, rm, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileDurably } from './durable-file'

export interface Rendition {
  data: Buffer
  mimeType: string
}

/** Default upper bound of the cache folder; the oldest-used renditions go first beyond it. */
const DEFAULT_IMAGE_CACHE_BYTES = 512 * 1024 * 1024

interface Entry {
  file: string
  size: number
  usedAt: number
}

/**
 * Image renditions on disk, so that sharp resizes each (asset, parameters) pair once per lake rather
 * than once per request or per server start. Keys are hashes of the asset id and the resolved
 * parameters (asset ids are content hashes, so an entry never goes stale). Files are written durably
 * (./durable-file.ts), so neither a crash nor a power loss leaves a half file that would be served; concurrent
 * requests for the same rendition share one computation; beyond `maxBytes` the least recently used
 * renditions are deleted.
 */
export class ImageRenditionCache {
  private readonly entries = new Map<string, Entry>()
  private readonly pending = new Map<string, Promise<Rendition>>()
  private totalBytes = 0

  constructor(
    readonly dir: string,
    readonly maxBytes = DEFAULT_IMAGE_CACHE_BYTES,
  ) {
    mkdirSync(dir, { recursive: true })
    // What earlier processes left, oldest use first (file mtimes are bumped on every hit).
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.tmp')) {
        rmSync(join(dir, name), { force: true })
        continue
      }
      if (!/^[a-f0-9]{40}\.[a-z/+.-]+$/.test(decodeURIComponent(name))) continue
      const stat = statSync(join(dir, name))
      this.entries.set(name.slice(0, 40), { file: join(dir, name), size: stat.size, usedAt: stat.mtimeMs })
      this.totalBytes += stat.size
    }
  }

  static key(assetId: string, parameters: unknown): string {
    return createHash('sha1').update(assetId).update('\0').update(JSON.stringify(parameters)).digest('hex')
  }

  get size() {
    return { entries: this.entries.size, bytes: this.totalBytes }
  }

  /** The cached rendition, or the computed one (then stored). */
  async get(key: string, compute: () => Promise<Rendition>): Promise<Rendition> {
    const entry = this.entries.get(key)
    if (entry) {
      const hit = await this.read(key, entry)
      if (hit) return hit
    }
    let running = this.pending.get(key)
    if (!running) {
      running = compute()
        .then(async (rendition) => {
          await this.store(key, rendition)
          return rendition
        })
        .finally(() => this.pending.delete(key))
      this.pending.set(key, running)
    }
    return running
  }

  private async read(key: string, entry: Entry): Promise<Rendition | undefined> {
    try {
      const data = await readFile(entry.file)
      entry.usedAt = Date.now()
      void utimes(entry.file, new Date(), new Date()).catch(() => undefined)
      return { data, mimeType: decodeURIComponent(entry.file.slice(entry.file.lastIndexOf('/') + 42)) }
    } catch {
      // Deleted behind our back (another process evicted it): compute it again.
      this.forget(key)
      return undefined
    }
  }

  private async store(key: string, rendition: Rendition) {
    // The MIME type rides in the file name, so a hit needs no second file or database.
    const file = join(this.dir, `${key}.${encodeURIComponent(rendition.mimeType)}`)
    try {
      await writeFileDurably(file, rendition.data)
    } catch (error) {
      // A full or read-only disk costs the cache, not the image.
      console.warn('[lake] image cache write failed:', error instanceof Error ? error.message : error)
      return
    }
    this.forget(key)
    this.entries.set(key, { file, size: rendition.data.length, usedAt: Date.now() })
    this.totalBytes += rendition.data.length
    await this.evict()
  }

  private forget(key: string) {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.totalBytes -= entry.size
  }

  private async evict() {
    if (this.totalBytes <= this.maxBytes) return
    const oldestFirst = [...this.entries].sort(([, a], [, b]) => a.usedAt - b.usedAt)
    for (const [key, entry] of oldestFirst) {
      if (this.totalBytes <= this.maxBytes) break
      this.forget(key)
      await rm(entry.file, { force: true })
    }
  }
}
