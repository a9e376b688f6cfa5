import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Clock } from './clock'
import { DEFAULT_LIMITS, type LakeLimits } from './config'
import { importDataset, type ImportOptions } from './dataset'
import { ImageRenditionCache } from './image-cache'
import { imageRenderQueue, type ImageService } from './image-response'
import { LakeQueryEngine } from './query'
import { LakeStore, type Synchronous } from './store'

export interface Lake {
  store: LakeStore
  /** Evaluation on the calling thread: tests, benchmarks, and one-document filters (listeners). The API queries through its QueryPool. */
  engine: LakeQueryEngine
  images: ImageService
}

export interface OpenLakeOptions {
  clock?: Clock
  limits?: Partial<LakeLimits>
  synchronous?: Synchronous
  onMaintenance?: (work: string) => void
}

/** Opens (or creates) a lake in a SQLite file; image renditions are cached in `image-cache/` beside it. */
export function openLake(file: string, options: OpenLakeOptions = {}): Lake {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const store = new LakeStore(file === ':memory:' ? file : resolve(file), { synchronous: options.synchronous, onMaintenance: options.onMaintenance })
  const renditions = file === ':memory:' ? undefined : new ImageRenditionCache(join(dirname(resolve(file)), 'image-cache'), limits.imageCacheBytes)
  return {
    store,
    engine: new LakeQueryEngine(store, { clock: options.clock, parseCacheBytes: limits.parseCacheBytes }),
    images: {
      store,
      renditions,
      limits: { maxPixels: limits.imageMaxPixels, effort: limits.imageEffort },
      renders: imageRenderQueue(limits.imageConcurrency, limits.imageQueue),
    },
  }
}

/**
 * Fills an empty lake from an NDJSON dataset. The emptiness check and the import share one
 * IMMEDIATE transaction, so processes started together seed exactly once.
 */
export function seedIfEmpty(store: LakeStore, seedFile: string, options: Pick<ImportOptions, 'transform'> = {}): boolean {
  if (store.count() > 0) return false
  if (!existsSync(seedFile)) throw new Error(`the lake is empty and the seed dataset ${seedFile} does not exist`)
  return store.exclusive(() => {
    if (store.count() > 0) return false
    importDataset(store, seedFile, { mode: 'fail', ...options })
    return true
  })
}
