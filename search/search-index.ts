import { setImmediate } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { SITE_TIME_ZONE } from '@/lib/format'
import type { Locale } from '@/lib/locale'
import type { ArticleCard, SearchDocument } from '@/sanity/models'
import { highlight, matcher, snippet, type Segment } from './snippet'
import { analyzeQuery, wordTerms, words, type AnalyzedQuery, type QueryWord } from './text'

/**
 * The full-text index of the published articles: SQLite FTS5 (BM25 over title, lead and body text,
 * with the analysis of ./text.ts), with the filters, ranking, paging and snippets of the search page.
 * Pure: no Next.js, no backend; ./store.ts keeps it in step with the content.
 *
 * It lives in a SQLite file (or in memory for tests), not in the JavaScript heap: at 10 000 articles
 * the in-process MiniSearch index it replaced took 220 MB of heap and 15 s to build on every start;
 * at 100 000, 2 GB and minutes. A file index is read through SQLite's page cache, survives restarts
 * (./storage.ts) and costs the server only the pages a query touches.
 *
 * The FTS5 table stores no text, only index terms: each field is written as the space-separated terms
 * of its words (stems, ./text.ts), so FTS5's tokenizer just splits them again and every analysis
 * decision stays in one place. Snippets read the text from the `docs` table for the hits of a page.
 */

export const RESULTS_PER_PAGE = 10
/** A title match weighs more than a lead match, which weighs more than one in the body. */
const FIELD_BOOST = { title: 4, lead: 2, text: 1 } as const

/** Bump when the tables or the analysis (./text.ts) change: a stored index of another version is rebuilt. */
const INDEX_FORMAT = 'fts5-1'

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
type SearchMode = 'empty' | 'browse' | 'no-words' | 'all' | 'any' | 'similar'

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

const almatyDay = new Intl.DateTimeFormat('en-CA', { timeZone: SITE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** Rankings kept for reuse (LRU), each with its first CACHED_RANKS results; cleared by any change to the index. */
const RESULT_CACHE_SIZE = 100
const CACHED_RANKS = 500
/** The `similar` fallback allows one typo in terms of 5+ letters, two in 10+ (20 % of the length). */
const FUZZY_MIN_LENGTH = 5
const FUZZY_RATIO = 0.2
const FUZZY_MAX = 2
/** At most this many index terms per query word (prefix and typo expansions): bounds one query's work. */
const MAX_EXPANSIONS = 2000

interface Ranking {
  mode: SearchMode
  total: number
  /** Row numbers of the docs table with their scores, best first. */
  top: { n: number; score: number }[]
  /** The index terms the query matched (for marking words in titles and snippets). */
  terms: string[]
}

interface Filters {
  language: string | null
  topic: string | null
  country: string | null
  from: string | null
  to: string | null
}

/** A stored article: the search document without its text, which is read separately for snippets. */
type StoredCard = Omit<SearchDocument, 'text'>

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS docs (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    rev TEXT NOT NULL,
    language TEXT NOT NULL,
    day TEXT NOT NULL,
    published TEXT NOT NULL,
    card TEXT NOT NULL,
    text TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS docs_by_date ON docs (published DESC, id);
  CREATE TABLE IF NOT EXISTS facets (kind TEXT NOT NULL, slug TEXT NOT NULL, n INTEGER NOT NULL, title TEXT NOT NULL, PRIMARY KEY (kind, slug, n)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS facets_by_doc ON facets (n);
  CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5 (title, lead, text, content = '', contentless_delete = 1, tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'");
  CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab (terms, 'row');
`

// User input only ever reaches these as parameters; the MATCH expression is built from index terms,
// which are runs of letters, digits and marks (./text.ts), each quoted.
const FILTERS = `(@language IS NULL OR d.language = @language)
  AND (@from IS NULL OR d.day >= @from) AND (@to IS NULL OR d.day <= @to)
  AND (@topic IS NULL OR EXISTS (SELECT 1 FROM facets f WHERE f.kind = 'topic' AND f.slug = @topic AND f.n = d.n))
  AND (@country IS NULL OR EXISTS (SELECT 1 FROM facets f WHERE f.kind = 'country' AND f.slug = @country AND f.n = d.n))`
const SCORE = `-(${FIELD_BOOST.title} * bm25(terms, 1, 0, 0) + ${FIELD_BOOST.lead} * bm25(terms, 0, 1, 0) + ${FIELD_BOOST.text} * bm25(terms, 0, 0, 1))`

export interface SearchIndexOptions {
  /** The SQLite file (created when missing); in memory when left out. */
  path?: string
  /**
   * A new file that nobody reads until it is closed (a build, ./index-worker.ts): written without
   * a journal or syncs (a crash leaves it without its completion mark, and it is built again), and
   * switched to WAL when closed.
   */
  bulk?: boolean
}

export class SearchIndex {
  readonly path: string
  private readonly db: Database.Database
  private readonly sql: ReturnType<typeof statements>
  private facetCache: { topics: Facet[]; countries: Facet[] } | undefined
  private vocabulary: Map<number, string[]> | undefined
  private readonly resultCache = new Map<string, Ranking>()
  private resultCacheSize = RESULT_CACHE_SIZE
  private readonly bulk: boolean
  private dataVersion: number | undefined

  /** An index of these articles, built synchronously (tests, small sets); see `build` for large ones. */
  constructor(docs: readonly SearchDocument[] = [], options: SearchIndexOptions = {}) {
    this.path = options.path ?? ':memory:'
    this.db = new Database(this.path)
    this.bulk = Boolean(options.bulk) && this.path !== ':memory:'
    if (this.bulk) {
      this.db.pragma('journal_mode = OFF')
      this.db.pragma('synchronous = OFF')
    } else if (this.path !== ':memory:') {
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('synchronous = NORMAL')
    }
    this.db.exec(SCHEMA)
    const format = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'format'").get()?.value
    if (format !== undefined && format !== INDEX_FORMAT) {
      this.db.close()
      throw new Error(`search index ${this.path} has format ${format}, not ${INDEX_FORMAT}`)
    }
    this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?)").run(INDEX_FORMAT)
    this.sql = statements(this.db)
    if (docs.length) this.db.transaction(() => this.addNew(unique(docs)))()
  }

  /**
   * Builds the index in chunks, yielding to the event loop between them: indexing 10 000 articles
   * takes seconds, and the server keeps answering other pages meanwhile.
   */
  static async build(docs: readonly SearchDocument[], chunkSize = 50, options: SearchIndexOptions = {}): Promise<SearchIndex> {
    const index = new SearchIndex([], options)
    await index.insert(docs, chunkSize)
    return index
  }

  /** `upsert` in chunks of `chunkSize`, yielding to the event loop between them (each chunk is a transaction). */
  async insert(docs: readonly SearchDocument[], chunkSize = 50): Promise<void> {
    const all = unique(docs)
    for (let at = 0; at < all.length; at += chunkSize) {
      this.upsert(all.slice(at, at + chunkSize))
      if (at + chunkSize < all.length) await setImmediate()
    }
  }

  private addNew(docs: readonly SearchDocument[]): void {
    for (const doc of docs) {
      const card = cardOf(doc)
      const { lastInsertRowid } = this.sql.insertDoc.run({
        id: doc._id,
        rev: doc._rev,
        language: doc.language ?? '',
        day: almatyDay.format(new Date(doc.publishedAt)),
        published: doc.publishedAt,
        card: JSON.stringify(card),
        text: doc.text,
      })
      const n = Number(lastInsertRowid)
      this.sql.insertTerms.run({ n, title: indexTerms(doc.title), lead: indexTerms(doc.lead), text: indexTerms(doc.text) })
      this.insertFacets(n, card)
    }
  }

  private insertFacets(n: number, card: StoredCard): void {
    for (const [kind, links] of [
      ['topic', card.topics],
      ['country', card.countries],
    ] as const) {
      for (const { slug, title } of links) this.sql.insertFacet.run({ kind, slug, n, title })
    }
  }

  private removeOne(id: string): boolean {
    const row = this.sql.docById.get(id)
    if (!row) return false
    this.sql.deleteTerms.run(row.n)
    this.sql.deleteFacets.run(row.n)
    this.sql.deleteDoc.run(row.n)
    return true
  }

  get size(): number {
    return this.sql.count.get()!.count
  }

  has(id: string): boolean {
    return this.sql.docById.get(id) !== undefined
  }

  /**
   * Article id → the revision indexed, `slice` rows at a time, yielding to the event loop between
   * them. 100 000 rows take half a second after a restart: each row holds its article's text, so
   * they are read a page or two each, and a slice of 5 000 held the server for up to 220 ms.
   */
  async revisionsInSlices(slice = 1_000): Promise<Map<string, string>> {
    const revisions = new Map<string, string>()
    for (let after = 0; ;) {
      const rows = this.sql.revisionsAfter.all(after, slice)
      for (const row of rows) revisions.set(row.id, row.rev)
      if (rows.length < slice) return revisions
      after = rows.at(-1)!.n
      await setImmediate()
    }
  }

  /** A value the store keeps with the index (the taxonomy it was built with). */
  meta(key: string): string | undefined {
    return this.sql.getMeta.get(key)?.value
  }

  setMeta(key: string, value: string): void {
    this.sql.setMeta.run(key, value)
  }

  /** Adds articles, replacing those already indexed under the same id. */
  upsert(docs: readonly SearchDocument[]): void {
    if (!docs.length) return
    this.db.transaction(() => {
      for (const doc of unique(docs)) this.removeOne(doc._id)
      this.addNew(unique(docs))
    })()
    this.changed()
  }

  /**
   * Brings these articles up to date: those of another revision (or new) are re-indexed, the rest
   * only get their card fields refreshed (a renamed topic or country is in every document, but not
   * in the text index). Articles not given are left as they are.
   */
  sync(docs: readonly SearchDocument[]): void {
    const changed: SearchDocument[] = []
    this.db.transaction(() => {
      for (const doc of unique(docs)) {
        const row = this.sql.docById.get(doc._id)
        if (!row || row.rev !== doc._rev) {
          changed.push(doc)
          continue
        }
        const card = cardOf(doc)
        this.sql.updateCard.run({
          n: row.n,
          card: JSON.stringify(card),
          language: doc.language ?? '',
          day: almatyDay.format(new Date(doc.publishedAt)),
          published: doc.publishedAt,
        })
        this.sql.deleteFacets.run(row.n)
        this.insertFacets(row.n, card)
      }
      for (const doc of changed) this.removeOne(doc._id)
      this.addNew(changed)
    })()
    this.changed()
  }

  /** Removes `gone` and upserts `docs` in one transaction: no search sees one without the other. */
  update(gone: readonly string[], docs: readonly SearchDocument[]): void {
    this.db.transaction(() => {
      this.remove(gone)
      this.upsert(docs)
    })()
    this.changed()
  }

  remove(ids: readonly string[]): void {
    let removed = false
    this.db.transaction(() => {
      for (const id of ids) removed = this.removeOne(id) || removed
    })()
    if (removed) this.changed()
  }

  /** Forgets what was derived from the contents: another connection (./index-writer.ts) changed them. */
  changed(): void {
    this.facetCache = undefined
    this.vocabulary = undefined
    this.resultCache.clear()
  }

  close(): void {
    if (!this.db.open) return
    if (this.bulk) this.db.pragma('journal_mode = WAL')
    this.db.close()
  }

  /** The topics and countries of the indexed articles with their counts, by name: the filter choices. */
  facets(): { topics: Facet[]; countries: Facet[] } {
    this.followWriters()
    if (!this.facetCache) {
      const rows = this.sql.facets.all()
      const of = (kind: string) =>
        rows
          .filter((row) => row.kind === kind)
          .map(({ slug, title, count }) => ({ slug, title, count }))
          .sort((a, b) => a.title.localeCompare(b.title, 'ru'))
      this.facetCache = { topics: of('topic'), countries: of('country') }
    }
    return this.facetCache
  }

  /**
   * One read transaction: every statement of a search sees the same snapshot, while the store's
   * worker thread (./index-writer.ts) may commit to the file meanwhile.
   */
  search(request: SearchRequest, perPage = RESULTS_PER_PAGE): SearchOutcome {
    return this.db.transaction(() => {
      this.followWriters()
      return this.searchSnapshot(request, perPage)
    })()
  }

  /**
   * What is derived from the contents (rankings, facets, vocabulary) is forgotten when another
   * connection committed: SQLite's `data_version` changes then.
   */
  private followWriters(): void {
    const version = this.sql.dataVersion.get()!.data_version
    if (this.dataVersion !== undefined && version !== this.dataVersion) this.changed()
    this.dataVersion = version
  }

  private searchSnapshot(request: SearchRequest, perPage: number): SearchOutcome {
    const facets = this.facets()
    const ignored: SearchOutcome['ignored'] = {}
    const known = (kind: 'topic' | 'country', slug: string | undefined, choices: Facet[]) => {
      if (!slug || choices.some((choice) => choice.slug === slug)) return slug
      ignored[kind] = slug
      return undefined
    }
    const topic = known('topic', request.topic, facets.topics)
    const country = known('country', request.country, facets.countries)
    const filters: Filters = {
      language: request.language ?? null,
      topic: topic ?? null,
      country: country ?? null,
      from: request.from ?? null,
      to: request.to ?? null,
    }

    const query = analyzeQuery(request.q, (term) => this.hasTerm(term))
    const base = { ignored, tooManyWords: query.tooManyWords }
    const filtered = Boolean(topic || country || request.from || request.to)
    if (query.words.length === 0 && (request.q.trim() || !filtered)) {
      return { ...base, ...page([], request.page, perPage), mode: request.q.trim() ? 'no-words' : 'empty' }
    }

    // Ranking is the costly part; pages of the same search, and repeated searches, reuse it.
    const key = JSON.stringify([query.words.map((w) => w.alternatives), filters])
    const wanted = Math.max(1, Math.floor(request.page) || 1) * perPage
    let ranking = this.cached(key)
    if (!ranking || (ranking.top.length < wanted && ranking.top.length < ranking.total)) {
      ranking = query.words.length === 0 ? this.browse(filters, wanted) : this.rank(query, filters, wanted)
      this.remember(key, ranking)
    }
    const { mode, total, top, terms } = ranking
    const isMatch = matcher(terms)
    const result = page(top, request.page, perPage, ({ n, score }) => this.hit(n, isMatch, score), total)
    return { ...base, mode, ...result }
  }

  /** Sets how many rankings are kept (0: none, as the benchmark measures cold queries). */
  setResultCacheSize(size: number): void {
    this.resultCacheSize = size
    this.resultCache.clear()
  }

  private rank(query: AnalyzedQuery, filters: Filters, wanted: number): Ranking {
    const limit = Math.max(wanted, CACHED_RANKS)
    const run = (mode: SearchMode, alternatives: string[][]): Ranking | undefined => {
      if (alternatives.some((terms) => terms.length === 0) && mode === 'all') return undefined
      const usable = alternatives.filter((terms) => terms.length > 0)
      if (!usable.length) return undefined
      const match = usable.map((terms) => `(${terms.join(' OR ')})`).join(mode === 'all' ? ' AND ' : ' OR ')
      const total = this.sql.matchCount.get({ ...filters, match })!.count
      if (total === 0) return undefined
      const top = this.sql.matchTop.all({ ...filters, match, limit })
      return { mode, total, top, terms: [] }
    }
    const exact = query.words.map((word) => this.matchTerms(word, false))
    let ranking = run(
      'all',
      exact.map((terms) => terms.map(quoted)),
    )
    if (!ranking && query.words.length > 1)
      ranking = run(
        'any',
        exact.map((terms) => terms.map(quoted)),
      )
    let matched = exact
    if (!ranking) {
      matched = query.words.map((word) => this.matchTerms(word, true))
      ranking = run(
        'similar',
        matched.map((terms) => terms.map(quoted)),
      )
    }
    return { ...(ranking ?? { mode: 'similar', total: 0, top: [] }), terms: matched.flat() }
  }

  /**
   * The index terms a query word matches: its alternatives that are in the index, every term an
   * unfinished (prefix) alternative starts, and with `fuzzy` also the terms within 20 % of the
   * length in edits (one typo from 5 letters, two from 10).
   */
  private matchTerms(word: QueryWord, fuzzy: boolean): string[] {
    const found = new Set<string>()
    for (const { term, prefix } of word.alternatives) {
      if (prefix) for (const row of this.sql.vocabPrefix.all({ from: term, to: `${term}\u{10FFFF}`, limit: MAX_EXPANSIONS })) found.add(row.term)
      else if (this.hasTerm(term)) found.add(term)
    }
    if (fuzzy && word.script !== 'other') {
      for (const { term } of word.alternatives) {
        if (term.length < FUZZY_MIN_LENGTH) continue
        const distance = Math.min(FUZZY_MAX, Math.round(term.length * FUZZY_RATIO))
        for (const candidate of this.similarTerms(term, distance)) {
          if (found.size >= MAX_EXPANSIONS) break
          found.add(candidate)
        }
      }
    }
    return [...found].slice(0, MAX_EXPANSIONS)
  }

  /** Index terms within `distance` edits of `term`, from the vocabulary by length (only the last fallback needs it). */
  private *similarTerms(term: string, distance: number): Generator<string> {
    const byLength = this.vocabularyByLength()
    for (let length = term.length - distance; length <= term.length + distance; length++) {
      for (const candidate of byLength.get(length) ?? []) if (withinEdits(term, candidate, distance)) yield candidate
    }
  }

  /** The index's terms grouped by length, read once per version of the index (a few MB at 100 000 articles). */
  private vocabularyByLength(): Map<number, string[]> {
    if (!this.vocabulary) {
      this.vocabulary = new Map()
      for (const term of this.sql.vocabAll.pluck().all() as string[]) {
        if (term.length < FUZZY_MIN_LENGTH - FUZZY_MAX) continue
        const group = this.vocabulary.get(term.length)
        if (group) group.push(term)
        else this.vocabulary.set(term.length, [term])
      }
    }
    return this.vocabulary
  }

  private browse(filters: Filters, wanted: number): Ranking {
    const total = this.sql.browseCount.get(filters)!.count
    const top = this.sql.browseTop.all({ ...filters, limit: Math.max(wanted, CACHED_RANKS) }).map(({ n }) => ({ n, score: 0 }))
    return { mode: 'browse', total, top, terms: [] }
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

  /** Whether a term is in the index. */
  hasTerm(term: string): boolean {
    return this.sql.vocabHas.get(term) !== undefined
  }

  private hit(n: number, isMatch: (word: string) => boolean, score: number): SearchHit {
    const row = this.sql.docByN.get(n)!
    const doc = JSON.parse(row.card) as StoredCard
    const article: ArticleCard = {
      _id: doc._id,
      title: doc.title,
      slug: doc.slug,
      lead: doc.lead,
      publishedAt: doc.publishedAt,
      updatedAt: doc.updatedAt,
      image: doc.image,
      topic: doc.topics[0],
    }
    return { article, title: highlight(doc.title, isMatch), snippet: snippet([doc.lead, row.text], isMatch), score }
  }
}

function statements(db: Database.Database) {
  return {
    insertDoc: db.prepare<{ id: string; rev: string; language: string; day: string; published: string; card: string; text: string }>(
      'INSERT INTO docs (id, rev, language, day, published, card, text) VALUES (@id, @rev, @language, @day, @published, @card, @text)',
    ),
    insertTerms: db.prepare<{ n: number; title: string; lead: string; text: string }>(
      'INSERT INTO terms (rowid, title, lead, text) VALUES (@n, @title, @lead, @text)',
    ),
    insertFacet: db.prepare<{ kind: string; slug: string; n: number; title: string }>(
      'INSERT OR IGNORE INTO facets (kind, slug, n, title) VALUES (@kind, @slug, @n, @title)',
    ),
    updateCard: db.prepare<{ n: number; card: string; language: string; day: string; published: string }>(
      'UPDATE docs SET card = @card, language = @language, day = @day, published = @published WHERE n = @n',
    ),
    docById: db.prepare<[string], { n: number; rev: string }>('SELECT n, rev FROM docs WHERE id = ?'),
    docByN: db.prepare<[number], { card: string; text: string }>('SELECT card, text FROM docs WHERE n = ?'),
    deleteTerms: db.prepare<[number]>('DELETE FROM terms WHERE rowid = ?'),
    deleteFacets: db.prepare<[number]>('DELETE FROM facets WHERE n = ?'),
    deleteDoc: db.prepare<[number]>('DELETE FROM docs WHERE n = ?'),
    count: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM docs'),
    // Also starts a read transaction's snapshot (a pragma alone does not read the database).
    dataVersion: db.prepare<[], { data_version: number }>('SELECT (SELECT count(*) FROM meta) AS n, data_version FROM pragma_data_version'),
    revisionsAfter: db.prepare<[number, number], { n: number; id: string; rev: string }>('SELECT n, id, rev FROM docs WHERE n > ? ORDER BY n LIMIT ?'),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare<[string, string]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    facets: db.prepare<[], { kind: string; slug: string; title: string; count: number }>(
      'SELECT kind, slug, min(title) AS title, count(*) AS count FROM facets GROUP BY kind, slug',
    ),
    vocabHas: db.prepare<[string], { term: string }>('SELECT term FROM vocab WHERE term = ?'),
    vocabPrefix: db.prepare<{ from: string; to: string; limit: number }, { term: string }>(
      'SELECT term FROM vocab WHERE term >= @from AND term < @to LIMIT @limit',
    ),
    vocabAll: db.prepare<[], string>('SELECT term FROM vocab'),
    matchCount: db.prepare<Filters & { match: string }, { count: number }>(
      `SELECT count(*) AS count FROM terms JOIN docs d ON d.n = terms.rowid WHERE terms MATCH @match AND ${FILTERS}`,
    ),
    matchTop: db.prepare<Filters & { match: string; limit: number }, { n: number; score: number }>(
      `SELECT d.n AS n, ${SCORE} AS score FROM terms JOIN docs d ON d.n = terms.rowid WHERE terms MATCH @match AND ${FILTERS} ORDER BY score DESC, d.published DESC, d.id ASC LIMIT @limit`,
    ),
    browseCount: db.prepare<Filters, { count: number }>(`SELECT count(*) AS count FROM docs d WHERE ${FILTERS}`),
    browseTop: db.prepare<Filters & { limit: number }, { n: number }>(
      `SELECT d.n AS n FROM docs d WHERE ${FILTERS} ORDER BY d.published DESC, d.id ASC LIMIT @limit`,
    ),
  }
}

/** The space-separated index terms of a text (what the FTS5 table stores for a field). */
function indexTerms(text: string): string {
  return words(text).flatMap(wordTerms).join(' ')
}

function cardOf(doc: SearchDocument): StoredCard {
  const { text: _text, ...card } = doc // eslint-disable-line @typescript-eslint/no-unused-vars
  return card
}

const quoted = (term: string) => `"${term}"`

/** Whether `candidate` is within `max` edits (Levenshtein) of `term`; stops as soon as a row exceeds `max`. */
export function withinEdits(term: string, candidate: string, max: number): boolean {
  if (Math.abs(term.length - candidate.length) > max) return false
  let previous = new Int32Array(candidate.length + 1)
  let current = new Int32Array(candidate.length + 1)
  for (let j = 0; j <= candidate.length; j++) previous[j] = j
  for (let i = 1; i <= term.length; i++) {
    current[0] = i
    let best = i
    const letter = term.charCodeAt(i - 1)
    for (let j = 1; j <= candidate.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (letter === candidate.charCodeAt(j - 1) ? 0 : 1))
      current[j] = value
      if (value < best) best = value
    }
    if (best > max) return false
    ;[previous, current] = [current, previous]
  }
  return previous[candidate.length]! <= max
}

const unique = (docs: readonly SearchDocument[]) => [...new Map(docs.map((doc) => [doc._id, doc])).values()]

function page<T>(items: T[], requested: number, perPage: number, toHit?: (item: T) => SearchHit, total = items.length) {
  const pageCount = Math.max(1, Math.ceil(total / perPage))
  const current = Math.min(Math.max(1, Math.floor(requested) || 1), pageCount)
  const slice = items.slice((current - 1) * perPage, current * perPage)
  return { total, page: current, pageCount, hits: toHit ? slice.map(toHit) : [] }
}
