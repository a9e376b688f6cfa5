import type { Lake } from '../lake'
import { mendozaPatch } from '../mendoza'
import type { LakeDocument } from '../ndjson'
import { isPublishedId } from '../perspective'
import type { QueryParams } from '../query'
import type { CommittedTransaction, LakeEvents } from './events'
import type { Req, Res } from './responses'

export interface ListenRequest {
  groq: string
  params: QueryParams
  includeResult: boolean
  mendozaEffects: boolean
  canSeeDrafts: boolean
  /** The `id` of the last event the client saw, when it asks to resume (`enableResume=true`). */
  resumeAfter?: string
}

const PING_MS = 15_000
/** A reconnecting listener that missed more than this many transactions is told to reset instead. */
const MAX_REPLAY = 1000

/**
 * Server-Sent Events of committed transactions whose documents match the listener's GROQ filter
 * (evaluated on the document before and after). Every event carries an id `<sequence>:<n>`; a
 * listener that reconnects with it (`Last-Event-ID` or the `lastEventId` parameter) gets
 * `welcomeback` and the events it missed from the lake's log, or `reset` when it cannot be resumed.
 */
export function streamListener(lake: Lake, events: LakeEvents, req: Req, res: Res, listener: ListenRequest) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' })
  const write = (chunk: string) => (res as unknown as { write(chunk: string): boolean }).write(chunk)
  const send = (event: string, data: unknown, id?: string) => write(`event: ${event}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`)

  const matches = async (doc: LakeDocument | null) => {
    if (!doc || (!listener.canSeeDrafts && !isPublishedId(doc._id))) return false
    const result = await lake.engine.queryOver([doc], listener.groq, listener.params)
    return Array.isArray(result) ? result.length > 0 : Boolean(result)
  }

  // Events are numbered within what this listener sees of a transaction, so that the Studio's
  // buffer, which waits for `transactionTotalEvents` events, is never left waiting.
  let sentUpTo = { sequence: 0, event: 0 }
  const sendTransaction = async (tx: CommittedTransaction) => {
    const visible: { change: CommittedTransaction['changes'][number]; transition: 'appear' | 'update' | 'disappear' }[] = []
    for (const change of tx.changes) {
      const [before, after] = await Promise.all([matches(change.before), matches(change.after)])
      if (before || after) visible.push({ change, transition: !before ? 'appear' : !after ? 'disappear' : 'update' })
    }
    visible.forEach(({ change, transition }, index) => {
      const position = { sequence: tx.sequence, event: index + 1 }
      if (!isAfter(position, sentUpTo)) return
      sentUpTo = position
      send(
        'mutation',
        {
          eventId: `${tx.transactionId}#${change.id}`,
          documentId: change.id,
          transactionId: tx.transactionId,
          transition,
          identity: tx.identity,
          mutations: change.after ? [{ createOrReplace: change.after }] : [{ delete: { id: change.id } }],
          previousRev: change.before?._rev,
          resultRev: change.after?._rev ?? tx.transactionId,
          timestamp: tx.timestamp,
          visibility: 'query',
          transactionTotalEvents: visible.length,
          transactionCurrentEvent: index + 1,
          ...(listener.mendozaEffects
            ? { effects: { apply: mendozaPatch(change.before, change.after), revert: mendozaPatch(change.after, change.before) } }
            : {}),
          ...(listener.includeResult && change.after ? { result: change.after } : {}),
        },
        `${position.sequence}:${position.event}`,
      )
    })
  }

  // Subscribe before reading the log, so no transaction can fall between the replay and the live feed.
  let queue = Promise.resolve()
  const enqueue = (task: () => Promise<void> | void) => {
    queue = queue.then(task).catch((error: unknown) => {
      console.error('[lake] listener failed', error)
      res.end()
    })
  }
  const unsubscribe = events.subscribe((tx) => enqueue(() => sendTransaction(tx)))
  const listenerName = `lake-${Math.random().toString(36).slice(2, 10)}`
  const resumeFrom = listener.resumeAfter === undefined ? undefined : parseEventId(listener.resumeAfter)
  enqueue(async () => {
    if (listener.resumeAfter === undefined) {
      sentUpTo = { sequence: lake.store.lastSequence(), event: Number.MAX_SAFE_INTEGER }
      return void send('welcome', { listenerName })
    }
    const missed =
      resumeFrom && resumeFrom.sequence <= lake.store.lastSequence() ? lake.store.transactionsAfter(resumeFrom.sequence - 1, MAX_REPLAY + 1) : undefined
    if (!resumeFrom || !missed || missed.length > MAX_REPLAY || missed[0]?.sequence !== resumeFrom.sequence) {
      sentUpTo = { sequence: lake.store.lastSequence(), event: Number.MAX_SAFE_INTEGER }
      return void send('reset', { listenerName })
    }
    sentUpTo = resumeFrom
    send('welcomeback', { listenerName })
    for (const tx of missed) await sendTransaction(tx)
  })

  const ping = setInterval(() => write(': ping\n\n'), PING_MS)
  const close = () => {
    clearInterval(ping)
    unsubscribe()
  }
  req.on('close', close)
  res.on('close', close)
}

/** `<sequence>:<event>` as this listener numbers its events; anything else cannot be resumed. */
function parseEventId(id: string): { sequence: number; event: number } | undefined {
  const match = /^(\d{1,15}):(\d{1,6})$/.exec(id)
  return match ? { sequence: Number(match[1]), event: Number(match[2]) } : undefined
}

const isAfter = (a: { sequence: number; event: number }, b: { sequence: number; event: number }) =>
  a.sequence > b.sequence || (a.sequence === b.sequence && a.event > b.event)

/**
 * The Live Content API's event stream (`/data/live/events/{ds}`), which the Presentation tool opens.
 * The lake returns no sync tags with query results, so there is nothing to invalidate by tag: the
 * stream welcomes the client and keeps the connection alive, and the tool refreshes previews
 * through its own listener instead.
 */
export function streamLiveEvents(req: Req, res: Res) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' })
  const write = (chunk: string) => (res as unknown as { write(chunk: string): boolean }).write(chunk)
  write('event: welcome\ndata: {}\n\n')
  const ping = setInterval(() => write(': ping\n\n'), PING_MS)
  const close = () => clearInterval(ping)
  req.on('close', close)
  res.on('close', close)
}
