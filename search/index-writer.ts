import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { SearchDocument } from '@/sanity/models'

/**
 * Writes to a search index file from a worker thread (./index-worker.ts), so that a build or a
 * resync of every article (minutes of analysis and SQLite inserts at 100 000 articles) never holds
 * the thread that answers requests. The main thread keeps its own connection to the file for
 * searches: SQLite's WAL lets it read while the worker writes.
 *
 * Every call is a message answered when the worker has done it; a worker that dies rejects
 * what is pending, and the store (./store.ts) keeps serving the previous index.
 */

export type WriterRequest = { id: number } & (
  | { op: 'insert'; docs: SearchDocument[] }
  | { op: 'sync'; docs: SearchDocument[] }
  | { op: 'update'; gone: string[]; docs: SearchDocument[] }
  | { op: 'meta'; key: string; value: string }
  | { op: 'close' }
)
export type WriterResponse = { id: number; ok: true } | { id: number; ok: false; error: string }
type Operation = WriterRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

export interface IndexWriter {
  insert(docs: SearchDocument[]): Promise<void>
  sync(docs: SearchDocument[]): Promise<void>
  /** Removes `gone` and upserts `docs` in one transaction. */
  update(gone: string[], docs: SearchDocument[]): Promise<void>
  setMeta(key: string, value: string): Promise<void>
  /** Closes the file (complete) and ends the thread. */
  close(): Promise<void>
  /** Ends the thread without waiting for what is pending (after a failure). */
  abort(): Promise<void>
}

/**
 * The worker's source, run through tsx (as the production server itself, `node --import tsx`). Found from the project's directory, not from this module's URL: inside Next's server
 * bundle that URL names a bundled chunk, and bundlers rewrite `new URL('./x', import.meta.url)`
 * into a copied asset that could not import its neighbours.
 */
const WORKER_SOURCE = join(process.cwd(), 'search', 'index-worker.ts')

/** Node 20 loads a worker's `.ts` main script before `--import tsx` could register its hooks: registered first, then imported. */
const BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(WORKER_SOURCE).href)}) })`

/** Whether indexes can be written off the main thread here (the worker's source is present). */
export const canWriteOffThread = () => existsSync(WORKER_SOURCE)

/**
 * A writer to the index file at `path`. `fresh`: the file is new and nobody reads it before
 * `close` (written without a journal, then switched to WAL for its readers).
 */
export function indexWriter(path: string, fresh: boolean): IndexWriter {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { path, fresh } })
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>()
  let sequence = 0
  let failure: Error | undefined
  const fail = (error: Error) => {
    failure ??= error
    for (const { reject } of pending.values()) reject(failure)
    pending.clear()
  }
  worker.on('message', (response: WriterResponse) => {
    const waiting = pending.get(response.id)
    pending.delete(response.id)
    if (response.ok) waiting?.resolve()
    else waiting?.reject(new Error(`search index writer: ${response.error}`))
  })
  worker.on('error', (error) => fail(error))
  worker.on('exit', (code) => fail(new Error(`search index writer exited (code ${code})`)))

  const send = (operation: Operation): Promise<void> => {
    if (failure) return Promise.reject(failure)
    const id = ++sequence
    return new Promise<void>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      worker.postMessage({ ...operation, id } as WriterRequest)
    })
  }

  return {
    insert: (docs) => send({ op: 'insert', docs }),
    sync: (docs) => send({ op: 'sync', docs }),
    update: (gone, docs) => send({ op: 'update', gone, docs }),
    setMeta: (key, value) => send({ op: 'meta', key, value }),
    async close() {
      await send({ op: 'close' })
      failure = new Error('search index writer closed')
      await worker.terminate()
    },
    async abort() {
      fail(new Error('search index writer aborted'))
      await worker.terminate()
    },
  }
}
