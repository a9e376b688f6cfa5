import type { SearchDocument } from '@/sanity/models'
import { canRunOnThread, startWorker } from './worker-thread'

/**
 * Writes to a search index file from a worker thread (./index-worker.ts), so that a build or a
 * resync of every article (minutes of analysis and SQLite inserts at 100 000 articles) never holds
 * the thread that answers requests. Searches read the file through connections of their own (the
 * store's, ./index-reader.ts's): SQLite's WAL lets them read while the worker writes.
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

const WORKER = 'index-worker.ts'

/** Whether indexes can be written off the main thread here (the worker's source is present). */
export const canWriteOffThread = () => canRunOnThread(WORKER)

/**
 * A writer to the index file at `path`. `fresh`: the file is new and nobody reads it before
 * `close` (written without a journal, then switched to WAL for its readers).
 */
export function indexWriter(path: string, fresh: boolean): IndexWriter {
  const worker = startWorker(WORKER, { path, fresh })
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
