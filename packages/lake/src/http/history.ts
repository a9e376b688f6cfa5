import type { Lake } from '../lake'
import { documentEvents } from '../history-events'
import { mendozaPatch } from '../mendoza'
import { isValidDocumentId, type LakeDocument } from '../ndjson'
import { publishedIdOf } from '../perspective'
import { HttpError, sendJson, type Res } from './responses'

const MAX_TRANSACTIONS = 1000
const MAX_EVENTS = 1000

/** A comma-separated list of document ids from the path, each valid. */
export function documentIds(list: string | undefined): string[] {
  const ids = list?.split(',').filter(Boolean) ?? []
  if (ids.length === 0 || ids.some((id) => !isValidDocumentId(id))) throw new HttpError(400, 'invalidDocumentId', 'invalid document id list')
  return ids
}

const positiveInt = (raw: string | null, fallback: number, max: number) => {
  if (raw === null || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) throw new HttpError(400, 'invalidParameter', `"${raw}" is not a positive integer`)
  return Math.min(value, max)
}

const transactionParam = (url: URL, name: string) => {
  const value = url.searchParams.get(name) || undefined
  if (value !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new HttpError(400, 'invalidParameter', `invalid ${name}`)
  return value
}

/**
 * GET /data/history/{ds}/transactions/{ids}: the documents' transactions as NDJSON, oldest first,
 * with mendoza effects; `fromTransaction`/`toTransaction` (both included) select a range, as the
 * Studio pages through a document's edits.
 */
export function sendTransactions(lake: Lake, res: Res, url: URL, ids: string[]) {
  const limit = positiveInt(url.searchParams.get('limit'), 100, MAX_TRANSACTIONS)
  const excludeContent = url.searchParams.get('excludeContent') === 'true'
  const range = { from: transactionParam(url, 'fromTransaction'), to: transactionParam(url, 'toTransaction') }
  const lines = lake.store.transactionsFor(ids, limit, range).map((tx) =>
    JSON.stringify({
      id: tx.id,
      timestamp: tx.timestamp,
      author: tx.author,
      documentIDs: tx.documents.map((d) => d.id),
      effects: Object.fromEntries(tx.documents.map((d) => [d.id, { apply: mendozaPatch(d.before, d.after), revert: mendozaPatch(d.after, d.before) }])),
      ...(excludeContent ? {} : { mutations: tx.documents.map((d) => (d.after ? { createOrReplace: d.after } : { delete: { id: d.id } })) }),
    }),
  )
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' })
  res.end(lines.join('\n') + (lines.length ? '\n' : ''))
}

/** GET /data/history/{ds}/documents/{ids}?revision=|time=: the documents as they were. */
export function sendRevisions(lake: Lake, res: Res, url: URL, ids: string[]) {
  const revision = url.searchParams.get('revision') ?? undefined
  const time = url.searchParams.get('time') ?? undefined
  const documents = ids.map((id) => lake.store.getRevision(id, { rev: revision, time })).filter((doc): doc is LakeDocument => Boolean(doc))
  sendJson(res, 200, { documents })
}

/**
 * GET /data/history/{ds}/events/documents/{ids}: each document's events (./../history-events.ts),
 * newest first, keyed by the id asked for; `limit` and the returned `nextCursor` page them.
 */
export function sendDocumentEvents(lake: Lake, res: Res, url: URL, ids: string[]) {
  const limit = positiveInt(url.searchParams.get('limit'), 100, MAX_EVENTS)
  const cursor = url.searchParams.get('nextCursor') ?? ''
  if (cursor !== '' && !/^\d{1,9}$/.test(cursor)) throw new HttpError(400, 'invalidParameter', 'invalid nextCursor')
  const offset = Number(cursor || 0)
  let nextCursor = ''
  const events = Object.fromEntries(
    ids.map((id) => {
      const publishedId = publishedIdOf(id)
      const all = documentEvents(publishedId, lake.store.transactionsFor([publishedId, `drafts.${publishedId}`], Number.MAX_SAFE_INTEGER))
      if (all.length > offset + limit) nextCursor = String(offset + limit)
      return [id, all.slice(offset, offset + limit)]
    }),
  )
  sendJson(res, 200, { events, nextCursor })
}
