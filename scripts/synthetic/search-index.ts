/**
 * The search index of a lake, built as the production server builds it (lib/search/store.ts) into
 * the directory the server uses for it (server/main.ts: `search/` beside the lake). A server started
 * on the lake then reopens it instead of indexing every article on its first search (minutes at
 * 100 000). Kept like the lake itself: an index already there is left for the server to update.
 */
import { dirname, join, resolve } from 'node:path'
import { directoryStorage } from '@/search/storage'
import { createSearchStore } from '@/search/store'
import { contentApi } from '@/sanity/content'
import { startLocalLake } from '../lake-service'

export const searchIndexDir = (db: string) => join(dirname(resolve(db)), 'search')

export async function prepareSearchIndex(db: string, log: (line: string) => void = console.log): Promise<{ cached: boolean; articles: number; ms: number }> {
  const started = performance.now()
  const storage = directoryStorage(searchIndexDir(db), log)
  try {
    const existing = storage.restore()
    if (existing) {
      const articles = existing.size
      existing.close()
      return { cached: true, articles, ms: performance.now() - started }
    }
    const lake = await startLocalLake(resolve(db))
    try {
      const api = contentApi(lake.client, 'published')
      const store = createSearchStore(
        { changes: (limit) => api.searchChanges(limit), manifest: () => api.searchManifest(), documents: (ids) => api.searchDocuments(ids) },
        { storage },
      )
      const index = await store.get('prepared')
      const articles = index.size
      index.close()
      return { cached: false, articles, ms: performance.now() - started }
    } finally {
      await lake.close()
    }
  } finally {
    storage.release()
  }
}
