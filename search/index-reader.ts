import type { Worker } from 'node:worker_threads'
import type { Facet, SearchIndex, SearchOutcome, SearchRequest } from './search-index'
import { canRunOnThread, startWorker } from './worker-thread'

/**
 * Searches an index file on a worker thread (./reader-worker.ts) with a connection of its own, so
 * that ranking (hundreds of milliseconds for a common word at 100 000 articles) never holds the
 * thread that answers every other request. SQLite's WAL lets it read while the store (./store.ts)
 * or the writer thread (./index-writer.ts) write; the index forgets what it derived from the
 * contents when another connection committed.
 *
 * One thread, started with the first search, answers searches in turn. An index in memory (tests)
 * is searched here, and so is every search for a minute after the thread failed: a search is never
 * refused for it.
 */

export interface SearchResult {
  outcome: SearchOutcome
  facets: { topics: Facet[]; countries: Facet[] }
}
export type ReaderRequest = { id: number; path: string; request: SearchRequest }
export type ReaderResponse = { id: number; ok: true; result: SearchResult } | { id: number; ok: false; error: string }

const WORKER = 'reader-worker.ts'

const RETRY_MS = 60_000

type Waiting = { resolve: (result: SearchResult) => void; reject: (error: Error) => void }
let thread: { worker: Worker; pending: Map<number, Waiting> } | undefined
let failedAt = -Infinity
let sequence = 0

function start() {
  const worker = startWorker(WORKER)
  const pending = new Map<number, Waiting>()
  const fail = (error: Error) => {
    if (thread?.worker === worker) thread = undefined
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
  }
  worker.on('message', (response: ReaderResponse) => {
    const waiting = pending.get(response.id)
    pending.delete(response.id)
    // Searches in progress keep the process up, an idle reader does not.
    if (!pending.size) worker.unref()
    if (response.ok) waiting?.resolve(response.result)
    else waiting?.reject(new Error(`search reader: ${response.error}`))
  })
  worker.on('error', (error) => fail(error))
  worker.on('exit', (code) => fail(new Error(`search reader exited (code ${code})`)))
  return { worker, pending }
}

const inline = (index: SearchIndex, request: SearchRequest): SearchResult => ({ outcome: index.search(request), facets: index.facets() })

export async function searchOffThread(
  index: SearchIndex,
  request: SearchRequest,
  log: (message: string, error: unknown) => void = (message, error) => console.error(`[search] ${message}`, error),
): Promise<SearchResult> {
  if (index.path === ':memory:' || !canRunOnThread(WORKER) || performance.now() - failedAt < RETRY_MS) return inline(index, request)
  thread ??= start()
  const { worker, pending } = thread
  try {
    return await new Promise<SearchResult>((resolve, reject) => {
      const id = ++sequence
      pending.set(id, { resolve, reject })
      worker.ref()
      worker.postMessage({ id, path: index.path, request } satisfies ReaderRequest)
    })
  } catch (error) {
    failedAt = performance.now()
    log('the reader thread failed; searching on the main thread for a minute', error)
    return inline(index, request)
  }
}

/** Ends the reader thread (tests; a server that stops). */
export async function stopSearchReader(): Promise<void> {
  const running = thread
  thread = undefined
  await running?.worker.terminate()
}
