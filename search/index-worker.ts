/**
 * The thread that writes a search index file (started by ./index-writer.ts). Analysing and
 * inserting 100 000 articles takes minutes of CPU; on the site's main thread each chunk of it
 * delayed every request waiting behind it. Here it delays none: the main thread only reads the
 * articles from the backend and passes them on.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { SearchIndex } from './search-index'
import type { WriterRequest, WriterResponse } from './index-writer'

const { path, fresh } = workerData as { path: string; fresh: boolean }
const port = parentPort!
let index: SearchIndex | undefined

function handle(request: WriterRequest): void {
  index ??= new SearchIndex([], { path, bulk: fresh })
  switch (request.op) {
    case 'insert':
      // One transaction per batch: no request waits on this thread, so no need for small chunks.
      index.upsert(request.docs)
      break
    case 'sync':
      index.sync(request.docs)
      break
    case 'update':
      index.update(request.gone, request.docs)
      break
    case 'meta':
      index.setMeta(request.key, request.value)
      break
    case 'close':
      index.close()
      index = undefined
      break
  }
}

port.on('message', (request: WriterRequest) => {
  let response: WriterResponse
  try {
    handle(request)
    response = { id: request.id, ok: true }
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }
  }
  port.postMessage(response)
})
