import Database from 'better-sqlite3'
import { isAssetDocumentType } from '../assets'
import { HttpError, type Res } from './responses'

/** Rows are sent in batches of about this many bytes, each waiting for the client to take the last. */
const BATCH_BYTES = 64 * 1024
const TYPE_NAME = /^[A-Za-z_][\w.-]{0,127}$/

/**
 * `GET /data/export/{dataset}`: every document as NDJSON, in the order they were first written, as
 * Sanity's export API streams them to `@sanity/export` (and so to `sanity dataset export`). The
 * stream reads one snapshot on a connection of its own: consistent, however long the client takes,
 * and the lake's own connection stays free for the Studio and the site. Asset documents carry the
 * address of their original bytes on this lake (`assetOrigin`), which the exporter downloads.
 */
export async function streamExport(databaseFile: string, res: Res, options: { types: string | null; assetOrigin: string }): Promise<void> {
  const types = options.types
    ?.split(',')
    .map((type) => type.trim())
    .filter(Boolean)
  if (types?.some((type) => !TYPE_NAME.test(type))) throw new HttpError(400, 'invalidTypes', '"types" must be a comma-separated list of document type names')
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  let closed = false
  res.once('close', () => (closed = true))
  try {
    db.pragma('busy_timeout = 10000')
    db.exec('BEGIN')
    const filter = types?.length ? `WHERE type IN (${types.map(() => '?').join(',')})` : ''
    const rows = db.prepare(`SELECT type, json FROM documents ${filter} ORDER BY rowid`).iterate(...(types ?? [])) as IterableIterator<{
      type: string
      json: string
    }>
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' })
    let batch = ''
    for (const row of rows) {
      batch += (isAssetDocumentType(row.type) ? withOriginalUrl(row.json, options.assetOrigin) : row.json) + '\n'
      if (batch.length < BATCH_BYTES) continue
      if (!(await write(res, batch, () => closed))) return
      batch = ''
    }
    res.end(batch)
  } finally {
    if (db.inTransaction) db.exec('COMMIT')
    db.close()
  }
}

/** The asset's address on this lake; images with `dlRaw=true`, which answers the original bytes rather than a rendition. */
function withOriginalUrl(json: string, origin: string): string {
  const asset = JSON.parse(json) as { _type: string; path?: unknown }
  if (typeof asset.path !== 'string') return json
  return JSON.stringify({ ...asset, url: `${origin}/${asset.path}${asset._type === 'sanity.imageAsset' ? '?dlRaw=true' : ''}` })
}

/** Writes and waits until the client has taken it; false when the client went away. */
function write(res: Res, chunk: string, closed: () => boolean): Promise<boolean> {
  if (closed()) return Promise.resolve(false)
  if ((res as { write(chunk: string): boolean }).write(chunk)) return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain)
      res.off('close', onClose)
      resolve(ok)
    }
    const onDrain = done(true)
    const onClose = done(false)
    res.once('drain', onDrain)
    res.once('close', onClose)
  })
}
