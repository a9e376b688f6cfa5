/**
 * The thread that answers searches (started by ./index-reader.ts). Ranking a word most articles
 * hold reads and scores every one of them in SQLite: 250–500 ms at 100 000 articles, during which
 * the site's main thread would answer no other request. Here it holds up only the searches queued
 * behind it.
 */
import { parentPort } from 'node:worker_threads'
import type { ReaderRequest, ReaderResponse } from './index-reader'
import { SearchIndex } from './search-index'

const port = parentPort!
let index: SearchIndex | undefined

port.on('message', ({ id, path, request }: ReaderRequest) => {
  let response: ReaderResponse
  try {
    // A rebuilt index is a new file (./storage.ts): the store's current one is the last asked for.
    if (index?.path !== path) {
      index?.close()
      index = undefined
      index = new SearchIndex([], { path })
    }
    response = { id, ok: true, result: { outcome: index.search(request), facets: index.facets() } }
  } catch (error) {
    response = { id, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }
  }
  port.postMessage(response)
})
