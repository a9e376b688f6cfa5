import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { openLake, seedIfEmpty, type Lake, type OpenLakeOptions } from '../src/lake'

/** A newsroom's dataset (articles, topics, people, countries, authors, images) that the lake's tests run on. */
export const DATASET = resolve(import.meta.dirname, 'fixtures/dataset/data.ndjson')
export const SEED_SLUG = 'peregovory-tokaeva-i-van-i'

export interface TempLake extends Lake {
  dir: string
  file: string
  dispose(): void
}

/** A real lake on a temporary SQLite file, filled from the fixture dataset unless `empty`. */
export function tempLake(options: { empty?: boolean } & OpenLakeOptions = {}): TempLake {
  const dir = mkdtempSync(join(tmpdir(), 'lake-test-'))
  const file = join(dir, 'lake.sqlite')
  const lake = openLake(file, options)
  if (!options.empty) seedIfEmpty(lake.store, DATASET)
  return {
    ...lake,
    dir,
    file,
    dispose() {
      lake.store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** @sanity/client for a lake's API at `apiHost` (project `local`, dataset `production`), as the site configures it. */
export function lakeClient(apiHost: string | undefined, token?: string): SanityClient {
  return createClient({ projectId: 'local', dataset: 'production', apiHost, useProjectHostname: false, apiVersion: '2025-02-19', useCdn: false, token })
}
