import { randomUUID } from 'node:crypto'
import { encodeSignatureHeader, SIGNATURE_HEADER_NAME } from '@sanity/webhook'
import type { Clock } from './clock'
import type { WebhookConfig } from './config'
import type { CommittedTransaction, LakeEvents } from './http/events'
import type { LakeDocument } from './ndjson'
import { isPublishedId, type Perspective } from './perspective'
import type { LakeQueryEngine, QueryParams } from './query'

export interface LakeWebhooks {
  /** Resolves when every webhook queued so far has been delivered or given up on. */
  idle(): Promise<void>
  stop(): void
}

/** What the webhooks evaluate GROQ with: the query pool in the server, an engine in tests. */
interface WebhookEvaluator {
  query(query: string, params: QueryParams, perspective: Perspective): Promise<unknown>
  delta(projection: string, before: LakeDocument | null, after: LakeDocument | null): Promise<unknown>
}

export interface WebhookContext {
  evaluator: WebhookEvaluator
  /** Tests the filter on one document, on the calling thread (a filter over one document is cheap). */
  engine: Pick<LakeQueryEngine, 'queryOver'>
  events: LakeEvents
  clock: Clock
  projectId: string
  dataset: string
}

const RETRY_DELAYS_MS = [250, 1000, 4000]
const SCHEDULE_POLL_MS = 1000

/**
 * Sanity's GROQ-powered webhook, sent by the lake: for every committed change of a published
 * document that matches the filter (before or after the change), the projection evaluated on the
 * change is POSTed, signed as @sanity/webhook signs, in commit order, with retries. With a
 * `scheduleField`, the lake also fires when that datetime passes for a matching document (an
 * `update` with no changes), which hosted Sanity cannot do: a page scheduled for later appears on time.
 */
export function startLakeWebhooks(config: WebhookConfig, ctx: WebhookContext): LakeWebhooks {
  let queue = Promise.resolve()
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => console.warn(`[lake] webhook failed: ${(error as Error).message}`))
  }
  const filterQuery = `*[${config.filter}]`
  const matches = async (doc: LakeDocument | null) => {
    if (!doc || !isPublishedId(doc._id)) return false
    const found = await ctx.engine.queryOver([doc], filterQuery)
    return Array.isArray(found) && found.length > 0
  }

  const send = async (change: { id: string; before: LakeDocument | null; after: LakeDocument | null }, transaction: { id: string; timestamp: string }) => {
    const payload = await ctx.evaluator.delta(config.projection, change.before, change.after)
    const operation = (payload as { operation?: string } | null)?.operation ?? (change.before ? (change.after ? 'update' : 'delete') : 'create')
    await deliver(config, JSON.stringify(payload), {
      'sanity-operation': operation,
      'sanity-document-id': change.id,
      'sanity-transaction-id': transaction.id,
      'sanity-transaction-time': transaction.timestamp,
      'sanity-project-id': ctx.projectId,
      'sanity-dataset': ctx.dataset,
      'idempotency-key': `${transaction.id}-${change.id}`,
    })
  }

  const unsubscribe = ctx.events.subscribe((tx: CommittedTransaction) =>
    enqueue(async () => {
      let relevant = 0
      for (const change of tx.changes) {
        if (!(await matches(change.before)) && !(await matches(change.after))) continue
        relevant++
        await send(change, { id: tx.transactionId, timestamp: tx.timestamp })
      }
      if (relevant > 0 && config.scheduleField) await scheduleNext()
    }),
  )

  // Scheduled documents: the earliest scheduleField still in the future, checked against the clock every second.
  const field = config.scheduleField
  let firedUntil = ctx.clock().toISOString()
  let next: string | null = null
  const scheduleNext = async () => {
    if (!field) return
    next = (await ctx.evaluator.query(`*[(${config.filter}) && ${field} > $after] | order(${field} asc)[0].${field}`, { after: firedUntil }, 'published')) as
      string | null
  }
  const fireDue = async () => {
    const until = ctx.clock().toISOString()
    if (!next || next > until) return
    const due = (await ctx.evaluator.query(
      `*[(${config.filter}) && ${field} > $after && ${field} <= $until]`,
      { after: firedUntil, until },
      'published',
    )) as LakeDocument[]
    firedUntil = until
    for (const doc of due) await send({ id: doc._id, before: doc, after: doc }, { id: `scheduled-${randomUUID()}`, timestamp: until })
    await scheduleNext()
  }
  let timer: NodeJS.Timeout | undefined
  if (field) {
    enqueue(scheduleNext)
    timer = setInterval(() => {
      if (next && next <= ctx.clock().toISOString()) enqueue(fireDue)
    }, SCHEDULE_POLL_MS)
    timer.unref()
  }

  return {
    idle: () => queue,
    stop() {
      clearInterval(timer)
      unsubscribe()
    },
  }
}

/** POSTs one signed webhook; retries network errors, 429 and 5xx, gives up on other 4xx (a wrong secret will not heal). */
async function deliver(target: WebhookConfig, body: string, headers: Record<string, string>) {
  let last = ''
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt - 1]))
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(body, Date.now(), target.secret), ...headers },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      if (response.ok) return
      last = `${response.status} ${(await response.text()).slice(0, 200)}`
      if (response.status < 500 && response.status !== 429) break
    } catch (error) {
      last = (error as Error).message
    }
  }
  console.warn(`[lake] webhook for ${headers['sanity-document-id']} to ${target.url} not delivered: ${last}`)
}
