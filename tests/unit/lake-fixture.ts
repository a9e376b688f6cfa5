import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { contentApi } from '@/sanity/content'
import { lakeContentClient } from '@/sanity/content-client'
import { openLake, seedIfEmpty, type Lake } from '@/sanity/lake'

export const DEMO_DATASET = resolve(import.meta.dirname, '../../data/demo/data.ndjson')
export const SEED_SLUG = 'peregovory-tokaeva-i-van-i'

export interface TempLake extends Lake {
  dir: string
  api: ReturnType<typeof contentApi>
  drafts: ReturnType<typeof contentApi>
  dispose(): void
}

/** A real lake on a temporary SQLite file, seeded with the committed demo dataset unless `empty`. */
export function tempLake(options: { empty?: boolean } = {}): TempLake {
  const dir = mkdtempSync(join(tmpdir(), 'baspa-lake-'))
  const lake = openLake(join(dir, 'lake.sqlite'))
  if (!options.empty) seedIfEmpty(lake.store, DEMO_DATASET)
  const client = lakeContentClient(lake)
  return {
    ...lake,
    dir,
    api: contentApi(client, 'published'),
    drafts: contentApi(client, 'drafts'),
    dispose() {
      lake.store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
