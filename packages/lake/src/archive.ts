import { createReadStream, statSync } from 'node:fs'
import { createClient, type SanityClient } from '@sanity/client'
import { exportDataset } from '@sanity/export'
import { sanityImport } from '@sanity/import'
import { DEFAULT_LIMITS } from './config'
import { startLakeServer } from './http/server'
import { LakeTokens } from './http/tokens'
import type { Lake } from './lake'
import type { ImportMode } from './dataset'

/**
 * Archives in the format of `sanity dataset export` (a `.tar.gz` with `data.ndjson`, `images/`,
 * `files/` and `assets.json`), written and read by Sanity's own libraries — `@sanity/export` and
 * `@sanity/import`, which the `sanity dataset` commands run — pointed at this lake's API through
 * `@sanity/client`: the lake is served in this process, on a loopback port, for the duration.
 * The same libraries work against a lake that is serving (`sanity dataset export|import` with the
 * lake's address as the API host and a lake token).
 */
export interface LakeTarget {
  lake: Lake
  projectId: string
  dataset: string
  /** Where browsers reach the lake when it serves (`https://localhost:<LAKE_API_PORT>`): the `url` of imported assets. */
  assetBaseUrl?: string
}

async function withOwnApi<T>(target: LakeTarget, work: (client: SanityClient) => Promise<T>): Promise<T> {
  const tokens = new LakeTokens(target.lake.store)
  const server = await startLakeServer({
    lake: target.lake,
    tokens,
    projectId: target.projectId,
    dataset: target.dataset,
    limits: { ...DEFAULT_LIMITS, queryWorkers: 1 },
    httpPort: 0,
    host: '127.0.0.1',
    assetBaseUrl: target.assetBaseUrl,
  })
  try {
    const client = createClient({
      projectId: target.projectId,
      dataset: target.dataset,
      apiHost: server.httpUrl!,
      useProjectHostname: false,
      apiVersion: '2025-02-19',
      useCdn: false,
      token: tokens.ephemeral(),
    })
    return await work(client)
  } finally {
    await server.close()
  }
}

/** Writes the whole dataset, drafts and assets included, as `sanity dataset export` does. */
export function exportArchive(target: LakeTarget, file: string): Promise<{ documents: number; assets: number }> {
  return withOwnApi(target, async (client) => {
    const result = await exportDataset({ client, dataset: target.dataset, outputPath: file, assets: true, drafts: true, raw: false, compress: true })
    return { documents: result.documentCount, assets: result.assetCount }
  })
}

const OPERATIONS: Record<ImportMode, 'create' | 'createOrReplace' | 'createIfNotExists'> = {
  fail: 'create',
  replace: 'createOrReplace',
  missing: 'createIfNotExists',
}

/**
 * Imports a `sanity dataset export` archive (`.tar.gz`, or the folder it unpacks to), as `sanity
 * dataset import` does: documents first (references made weak), then assets uploaded and
 * referenced, then references made strong again. Assets the lake has already are re-uploaded
 * rather than looked up (`replaceAssets`): the library checks an existing asset's URL over HTTPS
 * with Node's own certificates, which the lake's local ones are not; an upload of bytes the lake
 * holds is the same asset again, so nothing is duplicated.
 */
export function importArchive(target: LakeTarget, source: string, mode: ImportMode): Promise<{ documents: number; warnings: string[] }> {
  return withOwnApi(target, async (client) => {
    const input = statSync(source).isDirectory() ? source : createReadStream(source)
    const result = await sanityImport(input, { client, operation: OPERATIONS[mode], replaceAssets: true })
    return { documents: result.numDocs, warnings: result.warnings.map((warning) => warning.message) }
  })
}
