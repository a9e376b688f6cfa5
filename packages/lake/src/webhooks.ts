import { encodeSignatureHeader, SIGNATURE_HEADER_NAME } from '@sanity/webhook'
import type { Clock } from './clock'
import { DEFAULT_WEBHOOK_RETRY, type WebhookConfig } from './config'
import type { LakeEvents } from './http/events'
import type { LakeDocument } from './ndjson'
import { isPublishedId, type Perspective } from './perspective'
import type { LakeQueryEngine, QueryParams } from './query'
import type { LakeStore } from './store'
import { WebhookOutbox, type OutboxEntry } from './webhook-outbox'

export interface LakeWebhooks {
  /** Resolves when the outbox holds nothing pending: everything was delivered or became a dead letter. */
  idle(): Promise<void>
  stop(): Promise<void>
}

/** What the webhooks evaluate GROQ with: the query pool in the server, an engine in tests. */
interface WebhookEvaluator {
  query(query: string, params: QueryParams, perspective: Perspective): Promise<unknown>
  delta(projection: string, before: LakeDocument | null, after: LakeDocument | null): Promise<unknown>
}

export interface WebhookContext {
  store: LakeStore
  evaluator: WebhookEvaluator
  /** Tests the filter on one document, on the calling thread (a filter over one document is cheap). */
  engine: Pick<LakeQueryEngine, 'queryOver'>
  /** Commits of this process: sent at once rather than at the next poll. */
  events: LakeEvents
  clock: Clock
  projectId: string
  dataset: string
}

/** The outbox is looked at this often for commits of other processes, retries that are due, re-deliveries and schedules. */
const POLL_MS = 1000
const DELIVERY_TIMEOUT_MS = 10_000
const SCHEDULED_UNTIL = 'scheduledUntil'

/**
 * Sanity's GROQ-powered webhook, sent by the lake: for every committed change of a published
 * document that matches the filter (before or after the change), the projection evaluated on the
 * change is POSTed, signed as @sanity/webhook signs, in commit order. Changes wait in a durable
 * outbox (./webhook-outbox.ts): a receiver that is down, or a lake that stops, delays them, and
 * retries back off exponentially; after `maxAttempts` an entry becomes a dead letter. Delivery is
 * at least once: the `idempotency-key` header (transaction and document) is the same on every attempt.
 *
 * With a `scheduleField`, the lake also fires when that datetime passes for a matching document
 * (an `update` with no changes), which hosted Sanity cannot do: a page scheduled for later appears
 * on time. The moment checked up to is kept in the database, so moments that pass while the lake is
 * down fire when it is back.
 */
export function startLakeWebhooks(config: WebhookConfig, ctx: WebhookContext): LakeWebhooks {
  const outbox = new WebhookOutbox(ctx.store)
  outbox.capture(true)
  const { maxAttempts, retryDelayMs, maxRetryDelayMs } = { ...DEFAULT_WEBHOOK_RETRY, ...config.retry }
  const stopping = new AbortController()
  const filterQuery = `*[${config.filter}]`
  const matches = async (doc: LakeDocument | null) => {
    if (!doc || !isPublishedId(doc._id)) return false
    const found = await ctx.engine.queryOver([doc], filterQuery)
    return Array.isArray(found) && found.length > 0
  }

  /** The payload of an entry, or null when the filter leaves it out (before and after). */
  const payloadOf = async (entry: OutboxEntry): Promise<{ body: string; operation: string } | null> => {
    const change =
      entry.kind === 'change'
        ? ctx.store.changeIn(entry.transactionId, entry.documentId)
        : { before: ctx.store.getDocument(entry.documentId) ?? null, after: ctx.store.getDocument(entry.documentId) ?? null }
    if (!(await matches(change.before)) && !(await matches(change.after))) return null
    const payload = await ctx.evaluator.delta(config.projection, change.before, change.after)
    const operation = (payload as { operation?: string } | null)?.operation ?? (change.before ? (change.after ? 'update' : 'delete') : 'create')
    return { body: JSON.stringify(payload), operation }
  }

  const send = async (entry: OutboxEntry, body: string, operation: string) => {
    const headers = {
      'content-type': 'application/json',
      [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(body, Date.now(), config.secret),
      'sanity-operation': operation,
      'sanity-document-id': entry.documentId,
      'sanity-transaction-id': entry.transactionId,
      'sanity-transaction-time': entry.timestamp,
      'sanity-project-id': ctx.projectId,
      'sanity-dataset': ctx.dataset,
      'idempotency-key': `${entry.transactionId}-${entry.documentId}`,
    }
    return fetch(config.url, { method: 'POST', headers, body, signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]) })
  }

  /** One attempt at the entry: true when it left the queue (delivered, nothing to send, or dead). */
  const attempt = async (entry: OutboxEntry): Promise<boolean> => {
    let permanent = false
    let error: string
    try {
      let { body, operation } = entry
      if (body === null || operation === null) {
        const payload = await payloadOf(entry)
        if (!payload) {
          outbox.remove(entry.id)
          return true
        }
        ;({ body, operation } = payload)
        outbox.setPayload(entry.id, body, operation)
      }
      const response = await send(entry, body, operation)
      if (response.ok) {
        outbox.remove(entry.id)
        // A change may have moved the next scheduled moment.
        if (config.scheduleField) await scheduleNext().catch((error: unknown) => console.warn(`[lake] webhook schedule: ${(error as Error).message}`))
        return true
      }
      error = `${response.status} ${(await response.text()).slice(0, 200)}`
      // Other 4xx will not heal by waiting (a wrong secret, a gone endpoint): a dead letter now.
      permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429
    } catch (failure) {
      // Stopping cut it short: not the receiver's failure, and the entry is sent after the restart.
      if (stopping.signal.aborted) return false
      error = (failure as Error).message
    }
    const attempts = entry.attempts + 1
    const dead = permanent || attempts >= maxAttempts
    outbox.failed(entry.id, error, dead ? null : Date.now() + Math.min(retryDelayMs * 4 ** (attempts - 1), maxRetryDelayMs))
    if (dead) console.warn(`[lake] webhook ${entry.id} for ${entry.documentId} to ${config.url} not delivered after ${attempts} attempt(s): ${error}`)
    return dead
  }

  let draining: Promise<void> | undefined
  /** A commit announced while a drain was finishing: its entry may have come after the drain's last look. */
  let lookAgain = false
  /** Sends what is due, oldest first, until the queue is empty or its head must wait. */
  const drain = (): Promise<void> => {
    if (draining) {
      lookAgain = true
      return draining
    }
    draining = (async () => {
      do {
        lookAgain = false
        for (let entry = outbox.head(); entry && !stopping.signal.aborted && entry.nextAttemptAt <= Date.now(); entry = outbox.head()) {
          if (!(await attempt(entry))) break
        }
      } while (lookAgain && !stopping.signal.aborted)
    })()
      .catch((error: unknown) => console.warn(`[lake] webhooks: ${(error as Error).message}`))
      .finally(() => (draining = undefined))
    return draining
  }

  // Scheduled documents: the earliest scheduleField after the moment checked up to, compared with the clock every poll.
  const field = config.scheduleField
  let next: string | null = null
  const scheduledUntil = () => outbox.getState(SCHEDULED_UNTIL) ?? ctx.clock().toISOString()
  const scheduleNext = async () => {
    if (!field) return
    next = (await ctx.evaluator.query(
      `*[(${config.filter}) && ${field} > $after] | order(${field} asc)[0].${field}`,
      { after: scheduledUntil() },
      'published',
    )) as string | null
  }
  const fireDue = async () => {
    const after = scheduledUntil()
    const until = ctx.clock().toISOString()
    const due = (await ctx.evaluator.query(`*[(${config.filter}) && ${field} > $after && ${field} <= $until]._id`, { after, until }, 'published')) as string[]
    outbox.addScheduled(due, until)
    await scheduleNext()
  }
  if (field && outbox.getState(SCHEDULED_UNTIL) === undefined) outbox.setState(SCHEDULED_UNTIL, ctx.clock().toISOString())

  let ticking: Promise<void> = Promise.resolve()
  const tick = () => {
    ticking = ticking
      .then(async () => {
        if (stopping.signal.aborted) return
        if (field && next && next <= ctx.clock().toISOString()) await fireDue()
        await drain()
      })
      .catch((error: unknown) => console.warn(`[lake] webhooks: ${(error as Error).message}`))
    return ticking
  }
  const unsubscribe = ctx.events.subscribe(() => void drain())
  const timer = setInterval(tick, POLL_MS)
  timer.unref()
  if (field) ticking = scheduleNext().catch((error: unknown) => console.warn(`[lake] webhook schedule: ${(error as Error).message}`))
  void tick()

  return {
    async idle() {
      for (;;) {
        await ticking
        await drain()
        const head = outbox.head()
        if (!head || stopping.signal.aborted) return
        await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(head.nextAttemptAt - Date.now(), 10), POLL_MS)))
      }
    },
    async stop() {
      stopping.abort()
      clearInterval(timer)
      unsubscribe()
      await Promise.all([ticking, draining])
    },
  }
}
