import 'server-only'
import { getSearchVersion, searchSource } from '@/sanity/fetch'
import { searchOffThread } from './index-reader'
import type { SearchRequest } from './search-index'
import { siteSearchStorage } from './storage'
import { createSearchStore, type SearchStore } from './store'

/**
 * The site's search index: a SQLite file (./storage.ts, kept across restarts by the production
 * server) that follows the cached version incrementally (./store.ts), searched on a thread of its
 * own (./index-reader.ts). Reading a cached corpus of 10 000 articles would deserialise megabytes
 * per request; the version is a hash.
 */
const STORE_KEY = Symbol.for('baspa.searchStore')
const processGlobal = globalThis as typeof globalThis & { [STORE_KEY]?: SearchStore }
const searchStore = (processGlobal[STORE_KEY] ??= createSearchStore(searchSource, { storage: siteSearchStorage() }))

const getSearchIndex = async () => searchStore.get(await getSearchVersion())

/** A search of the published articles, with the topics and countries it can be narrowed to. */
export const searchSite = async (request: SearchRequest) => searchOffThread(await getSearchIndex(), request)
