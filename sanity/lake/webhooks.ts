import { randomUUID } from 'node:crypto'
import { encodeSignatureHeader, SIGNATURE_HEADER_NAME } from '@sanity/webhook'
import { now } from '../clock'
import { WEBHOOK_DOCUMENT_TYPES, WEBHOOK_PROJECTION } from '../webhook'
import type { CommittedTransaction, LakeEvents } from './http/events'
import type { Lake } from './index'
import type { LakeDocument } from './ndjson'
import { isPublishedId } from './perspective'

export interface WebhookTarget {
  url: string
  secret: string
  projectId: string
  dataset: string
}

export interface LakeWebhooks {
  /** Resolves when every webhook queued so far has been delivered or given up on. */
  idle(): Promise<void>
  stop(): void
}

const RETRY_DELAYS_MS = [250, 1000, 4000]
const EMBARGO_POLL_MS = 1000
const NEXT_EMBARGO_QUERY = '*[_type == "article" && publishedAt > $after] | order(publishedAt asc)[0].publishedAt'
const LIFTED_QUERY = '*[_type == "article" && publishedAt > $after && publishedAt <= $until]'

const watched = new Set<string>(WEBHOOK_DOCUMENT_TYPES)

/**
 * Sanity's GROQ-powered webhook, sent by the local lake: for every committed change of a published
 * document of a watched type, the projection (sanity/webhook.ts) evaluated on the change is POSTed,
 * signed, to the site's /api/revalidate, in commit order, with retries. Hosted Sanity cannot know
 * when an embargo ends; the lake can, so when a scheduled article's publishedAt passes it sends
 * the same webhook for that article (an `update` with no changes) and the article goes live on time.
 */
export function startLakeWebhooks(lake: Lake, events: LakeEvents, target: WebhookTarget): LakeWebhooks {
  let queue = Promise.resolve()
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => console.warn(`[lake] webhook failed: ${(error as Error).message}`))
  }

  const send = async (change: { id: string; before: LakeDocument | null; after: LakeDocument | null }, transaction: { id: string; timestamp: string }) => {
    const payload = await lake.engine.delta(WEBHOOK_PROJECTION, change.before, change.after)
    const operation = (payload as { operation?: string } | null)?.operation ?? 'update'
    await deliver(target, JSON.stringify(payload), {
      'sanity-operation': operation,
      'sanity-document-id': change.id,
      'sanity-transaction-id': transaction.id,
      'sanity-transaction-time': transaction.timestamp,
      'sanity-project-id': target.projectId,
      'sanity-dataset': target.dataset,
      'idempotency-key': `${transaction.id}-${change.id}`,
    })
  }

  const unsubscribe = events.subscribe((tx: CommittedTransaction) => {
    const relevant = tx.changes.filter((change) => isPublishedId(change.id) && watched.has(String((change.after ?? change.before)?._type)))
    for (const change of relevant) enqueue(() => send(change, { id: tx.transactionId, timestamp: tx.timestamp }))
    if (relevant.length > 0) enqueue(scheduleNextEmbargo)
  })

  // Embargoes: the earliest publishedAt still in the future, checked against the clock every second.
  let liftedUntil = now().toISOString()
  let nextEmbargo: string | null = null
  const scheduleNextEmbargo = async () => {
    nextEmbargo = (await lake.engine.query(NEXT_EMBARGO_QUERY, { after: liftedUntil }, 'published')) as string | null
  }
  const liftEmbargoes = async () => {
    const until = now().toISOString()
    if (!nextEmbargo || nextEmbargo > until) return
    const lifted = (await lake.engine.query(LIFTED_QUERY, { after: liftedUntil, until }, 'published')) as LakeDocument[]
    liftedUntil = until
    for (const article of lifted) await send({ id: article._id, before: article, after: article }, { id: `embargo-${randomUUID()}`, timestamp: until })
    await scheduleNextEmbargo()
  }
  enqueue(scheduleNextEmbargo)
  const timer = setInterval(() => {
    if (nextEmbargo && nextEmbargo <= now().toISOString()) enqueue(liftEmbargoes)
  }, EMBARGO_POLL_MS)
  timer.unref()

  return {
    idle: () => queue,
    stop() {
      clearInterval(timer)
      unsubscribe()
    },
  }
}

/** POSTs one signed webhook; retries network errors, 429 and 5xx, gives up on other 4xx (a wrong secret will not heal). */
async function deliver(target: WebhookTarget, body: string, headers: Record<string, string>) {
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
