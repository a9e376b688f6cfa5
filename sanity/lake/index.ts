import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { importDataset } from './dataset'
import { DEFAULT_IMAGE_CACHE_BYTES, ImageRenditionCache } from './image-cache'
import { shiftDemoDates } from './demo-dates'
import { LakeQueryEngine } from './query'
import { LakeStore } from './store'

export interface Lake {
  store: LakeStore
  engine: LakeQueryEngine
  /** Image renditions on disk beside the database (none for an in-memory lake). */
  renditions?: ImageRenditionCache
}

/** LAKE_IMAGE_CACHE_MB bounds the rendition cache (default 512). */
function imageCacheBytes(): number {
  const megabytes = Number(process.env.LAKE_IMAGE_CACHE_MB)
  return Number.isFinite(megabytes) && megabytes > 0 ? megabytes * 1024 * 1024 : DEFAULT_IMAGE_CACHE_BYTES
}

export const DEFAULT_SEED_FILE = resolve(process.cwd(), 'data/demo/data.ndjson')

export function openLake(file: string): Lake {
  const store = new LakeStore(file)
  const renditions = file === ':memory:' ? undefined : new ImageRenditionCache(join(dirname(resolve(file)), 'image-cache'), imageCacheBytes())
  return { store, engine: new LakeQueryEngine(store), renditions }
}

/**
 * Fills an empty lake with the demo dataset. The emptiness check and the import share one
 * IMMEDIATE transaction, so parallel processes (Next's build workers) seed exactly once.
 */
export function seedIfEmpty(store: LakeStore, seedFile: string = DEFAULT_SEED_FILE, now = new Date()): boolean {
  if (store.count() > 0) return false
  // The seed file is data read at run time, not a module: keep it out of output tracing.
  if (!existsSync(/*turbopackIgnore: true*/ seedFile)) throw new Error(`the lake is empty and the seed dataset ${seedFile} does not exist`)
  return store.exclusive(() => {
    if (store.count() > 0) return false
    importDataset(store, seedFile, { mode: 'fail', transform: (docs) => shiftDemoDates(docs, now) })
    return true
  })
}

const globalLakes = globalThis as unknown as { __baspaLakes?: Map<string, Lake> }

/** One lake per database file per process (survives Next's dev-mode module reloads). */
export function sharedLake(file: string, seedFile?: string): Lake {
  const lakes = (globalLakes.__baspaLakes ??= new Map())
  const path = resolve(file)
  let lake = lakes.get(path)
  if (!lake) {
    lake = openLake(path)
    seedIfEmpty(lake.store, seedFile)
    lakes.set(path, lake)
  }
  return lake
}
