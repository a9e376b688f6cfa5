import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { exportFolderFor, isAssetDocumentType, mimeTypeFor, parseAssetId } from './assets'
import { writeFileDurablySync } from './durable-file'
import { parseNdjson, serializeNdjson, type LakeDocument } from './ndjson'
import type { LakeStore } from './store'

export type ImportMode = 'fail' | 'replace' | 'missing'

export interface ImportOptions {
  /** What to do when a document id exists already: fail (default, as `sanity dataset import`), replace, or skip. */
  mode?: ImportMode
  /** Rewrites documents before they are stored (e.g. moving demo dates to today). */
  transform?: (documents: LakeDocument[]) => LakeDocument[]
}

export interface ImportResult {
  documents: number
  assets: number
}

/**
 * Imports an NDJSON dataset. Asset binaries are read from `images/` and `files/` beside the file, the
 * layout of an unpacked `sanity dataset export`; an asset document whose binary is missing fails the
 * import unless the lake holds that binary already. Everything is one transaction: all or nothing.
 */
export function importDataset(store: LakeStore, file: string, options: ImportOptions = {}): ImportResult {
  const parsed = parseNdjson(readFileSync(file, 'utf8'))
  const documents = options.transform ? options.transform(parsed) : parsed
  const folder = dirname(file)
  const binaries = documents
    .filter((doc) => isAssetDocumentType(doc._type))
    .map((doc) => {
      const asset = parseAssetId(doc._id)
      if (!asset) throw new Error(`asset document ${doc._id} does not have a Sanity asset id`)
      const path = join(folder, exportFolderFor(asset), asset.fileName)
      if (existsSync(path)) return { id: doc._id, mimeType: mimeTypeFor(asset.extension), data: readFileSync(path) }
      if (store.getAsset(doc._id)) return null
      throw new Error(`asset ${doc._id}: binary ${path} is missing`)
    })

  let written = 0
  store.exclusive(() => {
    const ids = documents.map((doc) => doc._id)
    const existing = store.existingIds(ids)
    if ((options.mode ?? 'fail') === 'fail' && existing.length > 0) {
      throw new Error(`${existing.length} document(s) exist already (${existing.slice(0, 3).join(', ')}…): use --replace or --missing`)
    }
    const mode = options.mode === 'missing' ? 'createIfNotExists' : 'createOrReplace'
    written = store.writeDocuments(documents, { mode, author: 'import' }).length
    for (const binary of binaries) if (binary) store.putAsset(binary)
  })
  return { documents: written, assets: binaries.filter(Boolean).length }
}

/**
 * Writes every document (drafts included, as `sanity dataset export` does) and the asset binaries
 * beside it, each file durably. The asset documents stay in, so `importDataset` reads it back as it
 * was; `exportArchive` (./archive.ts) writes the archive `sanity dataset import` takes.
 */
export function exportDataset(store: LakeStore, file: string): ImportResult {
  const documents = store.allDocuments()
  const folder = dirname(file)
  mkdirSync(folder, { recursive: true })
  let assets = 0
  for (const doc of documents) {
    if (!isAssetDocumentType(doc._type)) continue
    const asset = parseAssetId(doc._id)
    const binary = asset && store.getAsset(doc._id)
    if (!asset || !binary) continue
    mkdirSync(join(folder, exportFolderFor(asset)), { recursive: true })
    writeFileDurablySync(join(folder, exportFolderFor(asset), asset.fileName), binary.data)
    assets++
  }
  writeFileDurablySync(file, serializeNdjson(documents))
  return { documents: documents.length, assets }
}
