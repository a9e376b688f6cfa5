import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { SanityClient } from '@sanity/client'
import { exportDataset } from '@sanity/export'
import { sanityImport } from '@sanity/import'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../src/config'
import { startLakeServer, type LakeServer } from '../src/http/server'
import { LakeTokens } from '../src/http/tokens'
import { openLake } from '../src/lake'
import { parseNdjson, type LakeDocument } from '../src/ndjson'
import { DATASET, lakeClient, tempLake, type TempLake } from './lake-fixture'
import { fixtureBinaries, readSanityArchive, writeSanityArchive } from './sanity-archive'

/**
 * Migration both ways with Sanity's own libraries, the ones `sanity dataset export|import` run:
 * @sanity/export reads the lake's /data/export and downloads its assets; @sanity/import takes an
 * archive in the CLI's shape and writes it through /data/mutate and the asset uploads. Both talk
 * to the lake's plain HTTP listener through @sanity/client, as they would to Sanity's API.
 */
const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../bin/baspa-lake.mjs')
const fixture = parseNdjson(readFileSync(DATASET, 'utf8'))
const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex')

/** The fixture, plus what it lacks: a draft, and a file asset referenced by a document. */
const PDF = Buffer.from('%PDF-1.4\n% Baspa press kit\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
const PDF_ID = `file-${sha1(PDF)}-pdf`
const SEED_ID = 'article-peregovory-tokaeva-i-van-i'
const seedArticle = fixture.find((doc) => doc._id === SEED_ID)!
const documents: LakeDocument[] = [
  ...fixture,
  { ...seedArticle, _id: `drafts.${SEED_ID}`, title: 'Черновик: переговоры' },
  {
    _id: PDF_ID,
    _type: 'sanity.fileAsset',
    _createdAt: '2026-11-20T09:00:00.000Z',
    _updatedAt: '2026-11-20T09:00:00.000Z',
    _rev: 'press-kit-rev',
    assetId: sha1(PDF),
    extension: 'pdf',
    mimeType: 'application/pdf',
    originalFilename: 'press-kit.pdf',
    path: `files/local/production/${sha1(PDF)}.pdf`,
    sha1hash: sha1(PDF),
    size: PDF.length,
    uploadId: sha1(PDF).slice(0, 32),
    url: `https://cdn.example/files/local/production/${sha1(PDF)}.pdf`,
  },
  {
    _id: 'press-kit',
    _type: 'pressKit',
    _createdAt: '2026-11-20T09:00:00.000Z',
    title: 'Пресс-кит',
    file: { _type: 'file', asset: { _type: 'reference', _ref: PDF_ID } },
  },
]
const binaries = fixtureBinaries(fixture, join(DATASET, '../images'))
binaries.set(PDF_ID, PDF)

/** What two copies of a document must agree on: everything but the revision and the update time (and an asset's address). */
const comparable = (doc: LakeDocument) => Object.fromEntries(Object.entries(doc).filter(([key]) => !['_rev', '_updatedAt', 'url'].includes(key)))

let work: string
const lakes: TempLake[] = []
const servers: LakeServer[] = []

async function serve(lake: TempLake): Promise<SanityClient> {
  const tokens = new LakeTokens(lake.store)
  const server = await startLakeServer({ lake, tokens, projectId: 'local', dataset: 'production', limits: { ...DEFAULT_LIMITS, queryWorkers: 1 }, httpPort: 0 })
  servers.push(server)
  return lakeClient(server.httpUrl, tokens.mint('editor', 'Миграция'))
}
const newLake = (options: { empty?: boolean } = {}) => {
  const lake = tempLake(options)
  lakes.push(lake)
  return lake
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'lake-migration-'))
})
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
  for (const lake of lakes) lake.dispose()
  rmSync(work, { recursive: true, force: true })
})

describe('@sanity/import into the lake', () => {
  it('imports an archive in the shape `sanity dataset export` writes: every document, draft, image and file, references strong again', async () => {
    const archive = await writeSanityArchive({ documents, binaries }, mkdtempSync(join(work, 'sample-')))
    const lake = newLake({ empty: true })
    const client = await serve(lake)

    const result = await sanityImport(createReadStream(archive), { client, operation: 'create' })

    const nonAssets = documents.filter((doc) => !doc._type.startsWith('sanity.'))
    expect(result.numDocs).toBe(nonAssets.length)
    expect(result.warnings).toEqual([])
    // Equal to the originals: the references the import made weak are strong again (the fixture's own weak ones stay weak).
    for (const doc of documents) expect(comparable(lake.store.getDocument(doc._id)!), doc._id).toEqual(comparable(doc))
    // Every binary under its original id (ids are content hashes), byte for byte.
    for (const [id, data] of binaries) expect(lake.store.getAsset(id)?.data.equals(data), id).toBe(true)
    expect(lake.store.getAsset(PDF_ID)?.mimeType).toBe('application/pdf')
  })

  it('refuses, as Sanity does, to create documents that exist (operation create), and --missing skips them', async () => {
    const archive = await writeSanityArchive({ documents, binaries }, mkdtempSync(join(work, 'again-')))
    const lake = newLake()
    const client = await serve(lake)
    await expect(sanityImport(createReadStream(archive), { client, operation: 'create' })).rejects.toThrow(/already exists/)
    const missing = await sanityImport(createReadStream(archive), { client, operation: 'createIfNotExists', replaceAssets: true })
    expect(missing.numDocs).toBe(documents.filter((doc) => !doc._type.startsWith('sanity.')).length)
    expect(lake.store.getDocument('press-kit')).toMatchObject({ file: { asset: { _ref: PDF_ID } } })
  })
})

describe('@sanity/export from the lake', () => {
  it('exports drafts, documents and the original bytes of every asset, with asset references rewritten as the CLI writes them', async () => {
    const lake = newLake({ empty: true })
    const client = await serve(lake)
    await sanityImport(createReadStream(await writeSanityArchive({ documents, binaries }, mkdtempSync(join(work, 'src-')))), {
      client,
      operation: 'create',
    })

    const file = join(work, 'exported.tar.gz')
    const result = await exportDataset({ client, dataset: 'production', outputPath: file, assetConcurrency: 4 })
    const exported = await readSanityArchive(file)

    expect(result.documentCount).toBe(documents.length - binaries.size)
    expect(result.assetCount).toBe(binaries.size)
    expect(exported.documents.map((doc) => doc._id).sort()).toEqual(
      documents
        .filter((doc) => !doc._type.startsWith('sanity.'))
        .map((doc) => doc._id)
        .sort(),
    )
    expect(exported.documents.find((doc) => doc._id === SEED_ID)).toMatchObject({
      mainImage: {
        _type: 'figure',
        _sanityAsset: `image@file://./images/${(seedArticle.mainImage as { asset: { _ref: string } }).asset._ref.slice(6, -4)}.jpg`,
      },
    })
    expect(exported.documents.find((doc) => doc._id === 'press-kit')).toMatchObject({ file: { _sanityAsset: `file@file://./files/${sha1(PDF)}.pdf` } })
    expect(exported.files.size).toBe(binaries.size)
    for (const [name, data] of exported.files)
      expect(
        [...binaries.values()].some((original) => original.equals(data)),
        name,
      ).toBe(true)
    expect(exported.assets[`file-${sha1(PDF)}`]).toMatchObject({ originalFilename: 'press-kit.pdf', sha1hash: sha1(PDF) })
  })

  it('answers /data/export only with a token, and filters by type', async () => {
    const lake = newLake()
    const client = await serve(lake)
    const url = client.getUrl('/data/export/production')
    expect((await fetch(url)).status).toBe(401)
    const response = await fetch(`${url}?types=topic,country`, { headers: { authorization: `Bearer ${client.config().token}` } })
    expect(response.headers.get('content-type')).toMatch(/ndjson/)
    const types = new Set(parseNdjson(await response.text()).map((doc) => doc._type))
    expect([...types].sort()).toEqual(['country', 'topic'])
    expect((await fetch(`${url}?types=${encodeURIComponent('x) OR 1=1 --')}`, { headers: { authorization: `Bearer ${client.config().token}` } })).status).toBe(
      400,
    )
  })
})

describe('baspa-lake export and import', () => {
  it('round-trips a lake through an archive: `export x.tar.gz` from one, `import x.tar.gz` into an empty one, documents and binaries equal', async () => {
    const source = newLake()
    const target = newLake({ empty: true })
    source.store.close()
    target.store.close()
    const archive = join(work, 'round-trip.tar.gz')
    const env = (file: string) => ({ ...process.env, LAKE_DB_PATH: file, LAKE_API_PORT: '3443' })
    const exported = await run(process.execPath, [BIN, 'export', archive], { env: env(source.file) })
    expect(exported.stdout).toMatch(/exported 113 documents and 46 asset files/)
    const imported = await run(process.execPath, [BIN, 'import', archive], { env: env(target.file) })
    expect(imported.stdout).toMatch(/imported 113 documents/)

    const [a, b] = [openLake(source.file), openLake(target.file)]
    try {
      expect(b.store.count()).toBe(a.store.count())
      for (const doc of a.store.allDocuments()) {
        expect(comparable(b.store.getDocument(doc._id)!), doc._id).toEqual(comparable(doc))
        if (doc._type === 'sanity.imageAsset') expect(b.store.getAsset(doc._id)!.data.equals(a.store.getAsset(doc._id)!.data)).toBe(true)
      }
      // Imported assets point at the lake's browser listener, not at the temporary one the import ran on.
      expect(b.store.getDocument(fixture.find((doc) => doc._type === 'sanity.imageAsset')!._id)!.url).toMatch(
        /^https:\/\/localhost:3443\/images\/local\/production\//,
      )
    } finally {
      a.store.close()
      b.store.close()
    }
  }, 60_000) // two CLI processes (tsx start-up), slow on a loaded 2-core machine
})
