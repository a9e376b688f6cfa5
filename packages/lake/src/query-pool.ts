import { Worker } from 'node:worker_threads'
import type { LakeLimits } from './config'
import { HttpError } from './errors'
import type { LakeDocument } from './ndjson'
import type { Perspective } from './perspective'
import type { QueryParams } from './query'

/**
 * Where the lake evaluates GROQ: a pool of worker threads, each with its own snapshot, so that no
 * query runs on the thread that serves the API, and any query can be stopped.
 *
 * - **Time.** A job gets `queryTimeoutMs` from the moment its worker starts evaluating (bringing
 *   the worker's snapshot up to date does not count). The worker stops its own scans at the
 *   deadline (./query.ts); a worker that has not answered a second later (a parse or a computation
 *   that does not scan) is terminated and replaced. Either way: 408 `queryTimeout`.
 * - **Memory.** Each worker's heap is capped (`queryWorkerHeapMb`); a query that needs more kills
 *   only its worker: 422 `queryMemoryLimit`, and a new worker starts.
 * - **Queue.** Jobs past the workers wait in one queue of at most `queryQueue`; more: 429, which
 *   @sanity/client retries after a short backoff.
 * - **Lanes.** With two workers or more, the first is kept for queries known to be quick: the same
 *   query text (params aside) answered in under FAST_MS last time. The site and the Studio send
 *   a fixed set of such queries, so a flood of new or slow queries (the worst an anonymous client
 *   can send) takes the other workers and waits in the queue, while the known quick ones still
 *   find a worker.
 */
export type QueryJob =
  | { kind: 'query'; query: string; params: QueryParams; perspective: Perspective }
  | { kind: 'delta'; projection: string; before: LakeDocument | null; after: LakeDocument | null }

export type WorkerJob = QueryJob & { id: number; timeoutMs: number; maxResultBytes: number }

type WorkerFailure = { kind: 'query'; message: string; position?: number } | { kind: 'timeout' | 'tooLarge' | 'internal'; message: string }

/** `retire`: the worker leaves after this answer (its heap grew too much); the pool replaces it. */
export type WorkerReply =
  { ready: true } | { id: number; running: true } | { id: number; json: string; retire?: true } | { id: number; failure: WorkerFailure; retire?: true }

export interface WorkerData {
  entry: string
  databaseFile: string
  parseCacheBytes: number
  retireAboveBytes: number
  clockOffsetFile?: string
}

export interface QueryPoolOptions {
  databaseFile: string
  limits: Pick<LakeLimits, 'queryTimeoutMs' | 'maxResultBytes' | 'parseCacheBytes' | 'queryWorkers' | 'queryQueue' | 'queryWorkerHeapMb'>
  clockOffsetFile?: string
  /** Heap growth over a worker's own snapshot after which it is replaced (./query-worker.ts). */
  retireAboveBytes?: number
}

/** A query answered faster than this is "known quick" the next time its text is sent. */
const FAST_MS = 100
/** How long a worker may overrun its deadline before it is terminated. */
const GRACE_MS = 1_000
/** Query texts whose last duration is remembered. */
const HISTORY_SIZE = 2_000
/** A worker that fails to start is started again after this. */
const RESTART_DELAY_MS = 1_000

interface Pending {
  job: WorkerJob
  key: string
  resolve(json: string): void
  reject(error: Error): void
  startedAt?: number
}

interface Slot {
  index: number
  worker: Worker
  /** starting: not yet ready; ready: takes jobs; retiring: being terminated, takes none. */
  state: 'starting' | 'ready' | 'retiring'
  /** Whether it ever got ready (a worker that never does is restarted after a delay, not at once). */
  started: boolean
  current?: Pending
  timer?: NodeJS.Timeout
}

const WORKER_URL = new URL('./query-worker.ts', import.meta.url)
const BOOT_URL = new URL('./worker-boot.mjs', import.meta.url)

export class QueryPool {
  private readonly slots: Slot[] = []
  private readonly queue: Pending[] = []
  /** Last duration in ms by query text, oldest first. */
  private readonly history = new Map<string, number>()
  private nextId = 1
  private closed = false
  /** Workers started in place of one that ended (timed out, out of memory, retired, crashed). */
  private replacements = 0

  constructor(private readonly options: QueryPoolOptions) {
    for (let index = 0; index < options.limits.queryWorkers; index++) this.slots.push(this.spawn(index))
  }

  /** The job's result as JSON text; an HttpError in Sanity's shape when a limit refuses it. */
  run(job: QueryJob): Promise<string> {
    if (this.closed) return Promise.reject(new HttpError(503, 'serviceUnavailable', 'the content lake is shutting down'))
    if (this.queue.length >= this.options.limits.queryQueue) {
      return Promise.reject(new HttpError(429, 'rateLimited', `too many queries waiting (${this.queue.length}): retry shortly`, {}, { 'retry-after': '1' }))
    }
    const { queryTimeoutMs, maxResultBytes } = this.options.limits
    return new Promise<string>((resolve, reject) => {
      const key = job.kind === 'query' ? job.query : `delta\u0000${job.projection}`
      this.queue.push({ job: { ...job, id: this.nextId++, timeoutMs: queryTimeoutMs, maxResultBytes }, key, resolve, reject })
      this.dispatch()
    })
  }

  /** A query's result, parsed (for the lake's own queries: webhooks, schedules). */
  async query(query: string, params: QueryParams, perspective: Perspective): Promise<unknown> {
    return JSON.parse(await this.run({ kind: 'query', query, params, perspective })) as unknown
  }

  /** A projection evaluated in delta mode on one change (a webhook's payload). */
  async delta(projection: string, before: LakeDocument | null, after: LakeDocument | null): Promise<unknown> {
    return JSON.parse(await this.run({ kind: 'delta', projection, before, after })) as unknown
  }

  /** Queries waiting for a worker and queries running (for logs and benchmarks). */
  stats(): { queued: number; running: number; workers: number; replacements: number } {
    return { queued: this.queue.length, running: this.slots.filter((slot) => slot.current).length, workers: this.slots.length, replacements: this.replacements }
  }

  async close(): Promise<void> {
    this.closed = true
    for (const pending of this.queue.splice(0)) pending.reject(new HttpError(503, 'serviceUnavailable', 'the content lake is shutting down'))
    await Promise.all(
      this.slots.map((slot) => {
        clearTimeout(slot.timer)
        slot.current?.reject(new HttpError(503, 'serviceUnavailable', 'the content lake is shutting down'))
        return slot.worker.terminate()
      }),
    )
  }

  private spawn(index: number): Slot {
    const workerData: WorkerData = {
      entry: WORKER_URL.href,
      databaseFile: this.options.databaseFile,
      parseCacheBytes: this.options.limits.parseCacheBytes,
      retireAboveBytes: this.options.retireAboveBytes ?? 256 * 1024 * 1024,
      clockOffsetFile: this.options.clockOffsetFile,
    }
    const worker = new Worker(BOOT_URL, { workerData, resourceLimits: { maxOldGenerationSizeMb: this.options.limits.queryWorkerHeapMb } })
    const slot: Slot = { index, worker, state: 'starting', started: false }
    worker.on('message', (message: WorkerReply) => this.onReply(slot, message))
    worker.on('error', (error: Error & { code?: string }) => {
      slot.state = 'retiring'
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.finish(
          slot,
          undefined,
          new HttpError(422, 'queryMemoryLimit', `the query needed more than ${this.options.limits.queryWorkerHeapMb} MB: select fewer documents or fields`),
        )
      } else {
        console.error(`[lake] query worker ${index} failed:`, error)
        this.finish(slot, undefined, new HttpError(500, 'internalError', 'a query worker of the content lake failed'))
      }
    })
    worker.on('exit', () => this.replace(slot))
    return slot
  }

  /** A worker that exited (terminated, out of memory, crashed) is replaced, unless the pool is closing. */
  private replace(slot: Slot) {
    if (this.closed || this.slots[slot.index] !== slot) return
    clearTimeout(slot.timer)
    if (slot.current) this.finish(slot, undefined, new HttpError(500, 'internalError', 'a query worker of the content lake stopped'))
    const restart = () => {
      if (this.closed) return
      this.replacements++
      this.slots[slot.index] = this.spawn(slot.index)
    }
    // A worker that never got ready (a broken database path, say) is not restarted in a tight loop.
    if (slot.started) restart()
    else setTimeout(restart, RESTART_DELAY_MS).unref()
  }

  private onReply(slot: Slot, message: WorkerReply) {
    if ('ready' in message) {
      slot.state = 'ready'
      slot.started = true
      return this.dispatch()
    }
    const pending = slot.current
    if (!pending || pending.job.id !== message.id) return
    if ('running' in message) {
      pending.startedAt = performance.now()
      slot.timer = setTimeout(() => this.overrun(slot), pending.job.timeoutMs + GRACE_MS)
      return
    }
    if (message.retire) slot.state = 'retiring'
    if ('json' in message) return this.finish(slot, message.json)
    this.finish(slot, undefined, failureError(message.failure, this.options.limits))
  }

  /** The worker ignored its deadline (a parse or a long computation): it is terminated and replaced. */
  private overrun(slot: Slot) {
    slot.state = 'retiring'
    this.finish(slot, undefined, timeoutError(this.options.limits.queryTimeoutMs))
    void slot.worker.terminate()
  }

  private finish(slot: Slot, json: string | undefined, error?: Error) {
    const pending = slot.current
    clearTimeout(slot.timer)
    slot.timer = undefined
    slot.current = undefined
    if (pending) {
      if (pending.startedAt !== undefined) this.remember(pending.key, error ? Number.POSITIVE_INFINITY : performance.now() - pending.startedAt)
      if (error) pending.reject(error)
      else pending.resolve(json!)
    }
    this.dispatch()
  }

  private remember(key: string, ms: number) {
    this.history.delete(key)
    this.history.set(key, ms)
    if (this.history.size > HISTORY_SIZE) this.history.delete(this.history.keys().next().value!)
  }

  private knownQuick = (pending: Pending) => (this.history.get(pending.key) ?? Number.POSITIVE_INFINITY) < FAST_MS

  private dispatch() {
    for (const slot of this.slots) {
      if (slot.state !== 'ready' || slot.current || this.queue.length === 0) continue
      const reserved = slot.index === 0 && this.slots.length > 1
      const at = reserved ? this.queue.findIndex(this.knownQuick) : 0
      if (at < 0) continue
      const [pending] = this.queue.splice(at, 1)
      slot.current = pending
      slot.worker.postMessage(pending!.job)
    }
  }
}

const timeoutError = (ms: number) =>
  new HttpError(408, 'queryTimeout', `the query did not finish within ${ms} ms and was cancelled: narrow its filter, or slice the result`)

function failureError(failure: WorkerFailure, limits: QueryPoolOptions['limits']): Error {
  switch (failure.kind) {
    case 'query':
      return new HttpError(
        400,
        'queryParseError',
        failure.message,
        failure.position === undefined ? {} : { start: failure.position, end: failure.position + 1 },
      )
    case 'timeout':
      return timeoutError(limits.queryTimeoutMs)
    case 'tooLarge':
      return new HttpError(422, 'resultTooLarge', failure.message)
    default:
      console.error(`[lake] query failed: ${failure.message}`)
      return new HttpError(500, 'internalError', 'internal error in the content lake')
  }
}
