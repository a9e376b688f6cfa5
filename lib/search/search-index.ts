import MiniSearch, { type Query, type SearchResult } from 'minisearch'
import { SITE_TIME_ZONE } from '@/lib/format'
import type { Locale } from '@/lib/locale'
import type { ArticleCard, SearchDocument } from '@/sanity/models'
import { highlight, matcher, snippet, type Segment } from './snippet'
import { analyzeQuery, wordTerms, words, type AnalyzedQuery } from './text'

/**
 * The in-memory full-text index of the published articles (MiniSearch: BM25+ over title, lead and
 * body text, with the analysis of ./text.ts), with the filters, ranking, paging and snippets of the
 * search page. Pure: no Next.js, no backend; ./store.ts keeps it in step with the content.
 */

export const RESULTS_PER_PAGE = 10
/** A title match weighs more than a lead match, which weighs more than one in the body. */
export const FIELD_BOOST = { title: 4, lead: 2, text: 1 } as const
const FIELDS = Object.keys(FIELD_BOOST)

export interface SearchRequest {
  /** The reader's query, already trimmed and bounded (./params.ts). */
  q: string
  page: number
  topic?: string
  country?: string
  /** Calendar days in Asia/Almaty, YYYY-MM-DD, both inclusive. */
  from?: string
  to?: string
  /** Only articles in this language (each edition searches its own articles); all when left out. */
  language?: Locale
}

/**
 * How the results were found: `empty` no query and no filter; `browse` no query but filters (newest
 * first); `no-words` the query has nothing to search for (punctuation, function words); `all` every
 * word matched; `any` no article has all the words, these have some; `similar` nothing matched
 * exactly, these have similarly spelled words.
 */
export type SearchMode = 'empty' | 'browse' | 'no-words' | 'all' | 'any' | 'similar'

export interface SearchHit {
  article: ArticleCard
  title: Segment[]
  snippet: Segment[]
  score: number
}

export interface SearchOutcome {
  mode: SearchMode
  total: number
  page: number
  pageCount: number
  hits: SearchHit[]
  /** Filters naming a topic or country that no visible article has: not applied. */
  ignored: { topic?: string; country?: string }
  /** The query had more words than are searched. */
  tooManyWords: boolean
}

export interface Facet {
  slug: string
  title: string
  count: number
}

interface Entry {
  doc: SearchDocument
  card: ArticleCard
  /** The publication day in Asia/Almaty, YYYY-MM-DD. */
  day: string
}

const almatyDay = new Intl.DateTimeFormat('en-CA', { timeZone: SITE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

function entryOf(doc: SearchDocument): Entry {
  const card: ArticleCard = {
    _id: doc._id,
    title: doc.title,
    slug: doc.slug,
    lead: doc.lead,
    publishedAt: doc.publishedAt,
    updatedAt: doc.updatedAt,
    image: doc.image,
    topic: doc.topics[0],
  }
  return { doc, card, day: almatyDay.format(new Date(doc.publishedAt)) }
}

/** Rankings kept for reuse (LRU), each with its first CACHED_RANKS results; cleared by any change to the index. */
const RESULT_CACHE_SIZE = 100
const CACHED_RANKS = 500

interface Ranking {
  mode: SearchMode
  total: number
  top: { entry: Entry; score: number; terms: string[] }[]
}

const byDateDesc = (a: Entry, b: Entry) => b.doc.publishedAt.localeCompare(a.doc.publishedAt) || a.doc._id.localeCompare(b.doc._id)

export class SearchIndex {
  private readonly mini: MiniSearch<{ id: string; title: string; lead: string; text: string }>
  private readonly entries = new Map<string, Entry>()
  private facetCache: { topics: Facet[]; countries: Facet[] } | undefined
  private readonly resultCache = new Map<string, Ranking>()
  private resultCacheSize = RESULT_CACHE_SIZE

  /** An index of these articles, built synchronously (tests, small sets); see `build` for large ones. */
  constructor(docs: readonly SearchDocument[] = []) {
    this.mini = new MiniSearch({
      idField: 'id',
      fields: FIELDS,
      storeFields: [],
      tokenize: words,
      processTerm: wordTerms,
      // Queries arrive as trees of terms already analysed (./text.ts analyzeQuery).
      searchOptions: { tokenize: (term) => [term], processTerm: (term) => term, boost: FIELD_BOOST },
    })
    const restore = cacheTermLookups(this.mini)
    try {
      this.addNew(unique(docs))
    } finally {
      restore()
    }
  }

  /**
   * Builds the index in chunks, yielding to the event loop between them: indexing 10 000 articles
   * takes seconds, and the server keeps answering other pages meanwhile.
   */
  static async build(docs: readonly SearchDocument[], chunkSize = 50): Promise<SearchIndex> {
    const index = new SearchIndex()
    const all = unique(docs)
    const restore = cacheTermLookups(index.mini)
    try {
      for (let at = 0; at < all.length; at += chunkSize) {
        index.addNew(all.slice(at, at + chunkSize))
        if (at + chunkSize < all.length) await new Promise((resolve) => setImmediate(resolve))
      }
    } finally {
      restore()
    }
    return index
  }

  private addNew(docs: SearchDocument[]): void {
    for (const doc of docs) {
      this.entries.set(doc._id, entryOf(doc))
      this.mini.add(indexed(doc))
    }
  }

  get size(): number {
    return this.entries.size
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  /** Adds articles, replacing those already indexed under the same id. */
  upsert(docs: readonly SearchDocument[]): void {
    for (const doc of docs) {
      if (this.entries.has(doc._id)) this.mini.discard(doc._id)
      this.mini.add(indexed(doc))
      this.entries.set(doc._id, entryOf(doc))
    }
    if (docs.length) this.changed()
  }

  /**
   * Makes the index hold exactly these articles: those of another revision are re-indexed, gone ones
   * removed, and the rest only get their card fields refreshed (a renamed topic or country is in
   * every document, but not in the text index).
   */
  sync(docs: readonly SearchDocument[]): void {
    const incoming = new Map(docs.map((doc) => [doc._id, doc]))
    this.remove([...this.entries.keys()].filter((id) => !incoming.has(id)))
    const changed: SearchDocument[] = []
    for (const doc of incoming.values()) {
      if (this.entries.get(doc._id)?.doc._rev === doc._rev) this.entries.set(doc._id, entryOf(doc))
      else changed.push(doc)
    }
    this.upsert(changed)
    this.changed()
  }

  private changed(): void {
    this.facetCache = undefined
    this.resultCache.clear()
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      if (!this.entries.delete(id)) continue
      this.mini.discard(id)
      this.changed()
    }
  }

  /** The topics and countries of the indexed articles with their counts, by name: the filter choices. */
  facets(): { topics: Facet[]; countries: Facet[] } {
    if (!this.facetCache) {
      const tally = (pick: (doc: SearchDocument) => { slug: string; title: string }[]) => {
        const facets = new Map<string, Facet>()
        for (const { doc } of this.entries.values()) {
          for (const { slug, title } of pick(doc)) {
            const facet = facets.get(slug) ?? { slug, title, count: 0 }
            facet.count++
            facets.set(slug, facet)
          }
        }
        return [...facets.values()].sort((a, b) => a.title.localeCompare(b.title, 'ru'))
      }
      this.facetCache = { topics: tally((doc) => doc.topics), countries: tally((doc) => doc.countries) }
    }
    return this.facetCache
  }

  search(request: SearchRequest, perPage = RESULTS_PER_PAGE): SearchOutcome {
    const facets = this.facets()
    const ignored: SearchOutcome['ignored'] = {}
    const known = (kind: 'topic' | 'country', slug: string | undefined, choices: Facet[]) => {
      if (!slug || choices.some((choice) => choice.slug === slug)) return slug
      ignored[kind] = slug
      return undefined
    }
    const topic = known('topic', request.topic, facets.topics)
    const country = known('country', request.country, facets.countries)
    const accepts = (entry: Entry) =>
      (!request.language || entry.doc.language === request.language) &&
      (!topic || entry.doc.topics.some((t) => t.slug === topic)) &&
      (!country || entry.doc.countries.some((c) => c.slug === country)) &&
      (!request.from || entry.day >= request.from) &&
      (!request.to || entry.day <= request.to)

    const query = analyzeQuery(request.q, (term) => this.hasTerm(term))
    const base = { ignored, tooManyWords: query.tooManyWords }
    const filtered = Boolean(topic || country || request.from || request.to)
    if (query.words.length === 0 && (request.q.trim() || !filtered)) {
      return { ...base, ...page([], request.page, perPage), mode: request.q.trim() ? 'no-words' : 'empty' }
    }

    // Ranking is the costly part; pages of the same search, and repeated searches, reuse it.
    const key = JSON.stringify([query.words.map((w) => w.alternatives), topic, country, request.from, request.to, request.language])
    const wanted = Math.max(1, Math.floor(request.page) || 1) * perPage
    let ranking = this.cached(key)
    if (!ranking || (ranking.top.length < wanted && ranking.top.length < ranking.total)) {
      ranking = query.words.length === 0 ? this.browse(accepts, wanted) : this.rank(query, accepts, wanted)
      this.remember(key, ranking)
    }
    const { mode, total, top } = ranking
    const result = page(top, request.page, perPage, ({ entry, score, terms }) => this.hit(entry, terms, score), total)
    return { ...base, mode, ...result }
  }

  /** Sets how many rankings are kept (0: none, as the benchmark measures cold queries). */
  setResultCacheSize(size: number): void {
    this.resultCacheSize = size
    this.resultCache.clear()
  }

  private rank(query: AnalyzedQuery, accepts: (entry: Entry) => boolean, wanted: number): Ranking {
    const filter = (result: SearchResult) => {
      const entry = this.entries.get(result.id as string)
      return entry !== undefined && accepts(entry)
    }
    let mode: SearchMode = 'all'
    let results = this.mini.search(tree(query, 'AND', false), { filter })
    if (results.length === 0 && query.words.length > 1) {
      mode = 'any'
      results = this.mini.search(tree(query, 'OR', false), { filter })
    }
    if (results.length === 0) {
      mode = 'similar'
      results = this.mini.search(tree(query, 'OR', true), { filter })
    }
    const ranked = results
      .map((result) => ({ entry: this.entries.get(result.id as string)!, score: result.score, terms: result.terms }))
      .sort((a, b) => b.score - a.score || byDateDesc(a.entry, b.entry))
    return { mode, total: ranked.length, top: ranked.slice(0, Math.max(wanted, CACHED_RANKS)) }
  }

  private browse(accepts: (entry: Entry) => boolean, wanted: number): Ranking {
    const entries = [...this.entries.values()].filter(accepts).sort(byDateDesc)
    return { mode: 'browse', total: entries.length, top: entries.slice(0, Math.max(wanted, CACHED_RANKS)).map((entry) => ({ entry, score: 0, terms: [] })) }
  }

  private cached(key: string): Ranking | undefined {
    const ranking = this.resultCache.get(key)
    if (ranking) {
      this.resultCache.delete(key)
      this.resultCache.set(key, ranking)
    }
    return ranking
  }

  private remember(key: string, ranking: Ranking): void {
    if (this.resultCacheSize <= 0) return
    this.resultCache.set(key, ranking)
    while (this.resultCache.size > this.resultCacheSize) this.resultCache.delete(this.resultCache.keys().next().value!)
  }

  /** Whether a term is in the index (MiniSearch's private radix tree; unknown without it, which only costs speed). */
  hasTerm(term: string): boolean {
    const tree = (this.mini as unknown as { _index?: { has?: (term: string) => boolean } })._index
    return typeof tree?.has === 'function' ? tree.has(term) : false
  }

  private hit(entry: Entry, matchedTerms: string[], score: number): SearchHit {
    const isMatch = matcher(matchedTerms)
    return { article: entry.card, title: highlight(entry.doc.title, isMatch), snippet: snippet([entry.doc.lead, entry.doc.text], isMatch), score }
  }
}

const unique = (docs: readonly SearchDocument[]) => [...new Map(docs.map((doc) => [doc._id, doc])).values()]

type TermTree = { fetch?: (term: string, init: () => unknown) => unknown }
// The two uses of MiniSearch internals (cacheTermLookups, hasTerm) are checked by tests/unit/search.test.ts against the installed version.

/**
 * MiniSearch looks every occurrence of a term up in its radix tree. While documents are only being
 * added, nothing leaves the tree, so remembering term → postings in a plain Map is safe, and saves
 * about a third of the build. It reaches into MiniSearch's private `_index` (minisearch is pinned);
 * without one, indexing takes the ordinary path. Returns the function that undoes it.
 */
function cacheTermLookups(mini: object): () => void {
  const tree = (mini as unknown as { _index?: TermTree })._index
  const original = tree?.fetch
  if (!tree || typeof original !== 'function' || Object.prototype.hasOwnProperty.call(tree, 'fetch')) return () => {}
  const cache = new Map<string, unknown>()
  tree.fetch = function (term, init) {
    let postings = cache.get(term)
    if (postings === undefined) {
      postings = original.call(this, term, init)
      cache.set(term, postings)
    }
    return postings
  }
  return () => {
    delete tree.fetch
  }
}

function indexed(doc: SearchDocument) {
  return { id: doc._id, title: doc.title, lead: doc.lead, text: doc.text }
}

/**
 * The MiniSearch query: each word matches any of its alternative terms (its stems, and as a prefix
 * when unfinished or Kazakh); words are combined with AND, or OR as the fallback. The `similar`
 * fallback allows one typo in words of 5+ letters (two in 10+).
 */
function tree(query: AnalyzedQuery, combineWith: 'AND' | 'OR', fuzzy: boolean): Query {
  return {
    combineWith,
    queries: query.words.map((word) => ({
      combineWith: 'OR',
      queries: word.alternatives.map(({ term, prefix }) => ({
        queries: [term],
        prefix,
        fuzzy: fuzzy && term.length >= 5 && word.script !== 'other' ? 0.2 : false,
        maxFuzzy: 2,
      })),
    })),
  }
}

function page<T>(items: T[], requested: number, perPage: number, toHit?: (item: T) => SearchHit, total = items.length) {
  const pageCount = Math.max(1, Math.ceil(total / perPage))
  const current = Math.min(Math.max(1, Math.floor(requested) || 1), pageCount)
  const slice = items.slice((current - 1) * perPage, current * perPage)
  return { total, page: current, pageCount, hits: toHit ? slice.map(toHit) : [] }
}
