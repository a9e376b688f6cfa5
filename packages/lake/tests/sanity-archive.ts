import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { create as createTar, extract as extractTar } from 'tar'
import type { LakeDocument } from '../src/ndjson'

/**
 * A `sanity dataset export` archive built by hand, in the shape the Sanity CLI writes it (the
 * format @sanity/import reads), from documents and asset binaries:
 *
 *     <dataset>-export-<date>/data.ndjson   documents without the asset documents; every
 *                                           `{ asset: { _ref: "image-…" } }` replaced by
 *                                           `{ _sanityAsset: "image@file://./images/<file>" }`
 *     <dataset>-export-<date>/images/…      image binaries, `<sha1>-<w>x<h>.<ext>`
 *     <dataset>-export-<date>/files/…       file binaries, `<sha1>.<ext>`
 *     <dataset>-export-<date>/assets.json   per `image-<sha1>`/`file-<sha1>`: the asset document's
 *                                           other fields (originalFilename, metadata, …)
 */
export interface ArchiveInput {
  documents: LakeDocument[]
  /** Binaries by asset id. */
  binaries: Map<string, Buffer>
}

/** Fields an export leaves out of assets.json: the upload recomputes them. */
const RECOMPUTED = ['_id', '_type', 'assetId', 'extension', 'mimeType', 'path', 'uploadId', 'url']

const fileNameOf = (assetId: string) => {
  const [, kind, rest, extension] = /^(image|file)-(.+)-([a-z0-9]+)$/.exec(assetId)!
  return { folder: `${kind}s`, name: `${rest}.${extension}` }
}

function rewriteAssets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteAssets)
  if (!value || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  const ref = (record.asset as { _ref?: unknown } | undefined)?._ref
  if (typeof ref === 'string' && /^(image|file)-[a-f0-9]{40}-/.test(ref)) {
    const rest = Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'asset'))
    const { folder, name } = fileNameOf(ref)
    return { _sanityAsset: `${ref.split('-')[0]}@file://./${folder}/${name}`, ...(rewriteAssets(rest) as object) }
  }
  return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, rewriteAssets(child)]))
}

/** Writes the archive as `<dir>/<dataset>.tar.gz` and returns its path. */
export async function writeSanityArchive(input: ArchiveInput, dir: string, dataset = 'production'): Promise<string> {
  const prefix = `${dataset}-export-2026-01-01t00-00-00-000z`
  const root = join(dir, prefix)
  mkdirSync(join(root, 'images'), { recursive: true })
  mkdirSync(join(root, 'files'), { recursive: true })
  const isAsset = (doc: LakeDocument) => doc._type === 'sanity.imageAsset' || doc._type === 'sanity.fileAsset'
  const assetsJson: Record<string, Record<string, unknown>> = {}
  for (const asset of input.documents.filter(isAsset)) {
    const { folder, name } = fileNameOf(asset._id)
    writeFileSync(join(root, folder, name), input.binaries.get(asset._id)!)
    assetsJson[`${asset._id.split('-')[0]}-${asset._id.split('-')[1]}`] = Object.fromEntries(Object.entries(asset).filter(([key]) => !RECOMPUTED.includes(key)))
  }
  const data = input.documents
    .filter((doc) => !isAsset(doc))
    .map((doc) => JSON.stringify(rewriteAssets(doc)))
    .join('\n')
  writeFileSync(join(root, 'data.ndjson'), data + '\n')
  writeFileSync(join(root, 'assets.json'), JSON.stringify(assetsJson))
  const file = join(dir, `${dataset}.tar.gz`)
  await createTar({ gzip: true, file, cwd: dir, portable: true }, [prefix])
  return file
}

export interface UnpackedArchive {
  documents: LakeDocument[]
  assets: Record<string, Record<string, unknown>>
  /** Binaries by `images/<name>` and `files/<name>`. */
  files: Map<string, Buffer>
}

/** Unpacks an archive written by @sanity/export (or the CLI) and reads it. */
export async function readSanityArchive(file: string): Promise<UnpackedArchive> {
  const dir = mkdtempSync(join(tmpdir(), 'lake-archive-'))
  await extractTar({ file, cwd: dir })
  const [prefix] = readdirSync(dir)
  const root = join(dir, prefix!)
  const documents = readFileSync(join(root, 'data.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LakeDocument)
  const files = new Map<string, Buffer>()
  for (const folder of ['images', 'files'])
    for (const name of readdirSync(join(root, folder))) files.set(`${folder}/${name}`, readFileSync(join(root, folder, name)))
  return { documents, assets: JSON.parse(readFileSync(join(root, 'assets.json'), 'utf8')) as UnpackedArchive['assets'], files }
}

/** The fixture dataset's folder of binaries, by asset id. */
export function fixtureBinaries(documents: LakeDocument[], imagesDir: string): Map<string, Buffer> {
  const binaries = new Map<string, Buffer>()
  for (const doc of documents.filter((d) => d._type === 'sanity.imageAsset')) binaries.set(doc._id, readFileSync(join(imagesDir, fileNameOf(doc._id).name)))
  return binaries
}
