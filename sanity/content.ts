import type { ContentClient, ReadPerspective } from './content-client'
import {
  ArticleCardModel,
  ArticleModel,
  HomeModel,
  RelatedCandidateModel,
  SiteSettingsModel,
  SlugListModel,
  MovedArticleModel,
  isSlug,
  ArchivePageModel,
  TopicSummaryModel,
  PersonSummaryModel,
  PeopleIndexPageModel,
  type PeopleIndexPage,
  CountrySummaryModel,
  type PersonSummary,
  type CountrySummary,
  FeedItemModel,
  TopicFeedModel,
  SearchDocumentModel,
  SearchChangesModel,
  SearchManifestPageModel,
  SearchVersionModel,
  type Revision,
  type SearchChanges,
  type SearchDocument,
  type SearchManifest,
  type SearchVersion,
  type TopicFeed,
  type FeedItem,
  type Article,
  type ArticleCard,
  type SiteSettings,
  type ArchivePage,
  type TopicSummary,
} from './models'
import { PEOPLE_PAGE_SIZE, pageCount, pageRange } from './pagination'
import {
  ARCHIVE_SLUGS_QUERY,
  ARTICLE_QUERY,
  ARTICLE_SLUGS_QUERY,
  FEED_QUERY,
  TOPIC_FEED_QUERY,
  RELATED_QUERY,
  HOME_QUERY,
  SITE_SETTINGS_QUERY,
  MOVED_ARTICLE_QUERY,
  COUNTRY_PAGE_QUERY,
  AUTHOR_PAGE_QUERY,
  PERSON_PAGE_QUERY,
  TOPIC_PAGE_QUERY,
  TOPICS_INDEX_QUERY,
  PEOPLE_INDEX_QUERY,
  COUNTRIES_INDEX_QUERY,
  COUNTRY_PEOPLE_QUERY,
  SEARCH_CHANGES_QUERY,
  SEARCH_DOCUMENTS_QUERY,
  SEARCH_MANIFEST_QUERY,
  SEARCH_VERSION_QUERY,
} from './queries'
import { pickRelated } from './related'
import { ARCHIVE_DOCUMENT_TYPES, type ArchiveKind } from '@/lib/archive-kinds'
import { sitemapApi } from './sitemaps'
import { versionKey } from './search-manifest'
import { parseList, parseListInSlices, parseOne } from './validate'
import { DEFAULT_LOCALE, type Locale } from '@/lib/locale'

export interface HomePage {
  leadStory: ArticleCard | null
  latest: ArticleCard[]
  sections: { _id: string; title: string; slug: string; count: number; articles: ArticleCard[] }[]
}

const ARCHIVE_QUERIES: Record<ArchiveKind, string> = {
  topics: TOPIC_PAGE_QUERY,
  people: PERSON_PAGE_QUERY,
  countries: COUNTRY_PAGE_QUERY,
  authors: AUTHOR_PAGE_QUERY,
}
const TopicSectionHead = TopicSummaryModel.pick({ _id: true, title: true, slug: true, count: true })
/**
 * The one search index serves every edition (each filters by the article's language); its topic and
 * country names, shown in results and filters, are the Russian ones.
 */
const SEARCH_NAMES = { locale: DEFAULT_LOCALE }
/** Articles per page of the search manifest, and reads of it before giving up when the content keeps changing meanwhile. */
const MANIFEST_PAGE = 10_000
const MANIFEST_ATTEMPTS = 3
/** Search documents validated at once (a few milliseconds: a batch of 500 takes 20–130 ms). */
const DOCUMENT_SLICE = 50
const FALLBACK_SETTINGS: SiteSettings = { title: 'Baspa', description: undefined, logo: undefined, navigation: [] }

/**
 * One function per page need: runs its query through the content client and passes the result
 * through its model. Backend-agnostic and cache-agnostic (sanity/fetch.ts adds cache tags).
 */
export function contentApi(client: ContentClient, perspective: ReadPerspective = 'published') {
  const run = (query: string, params: Record<string, unknown> = {}) => client.fetch(query, params, perspective)

  /** Every page of the manifest, or undefined when the version changed between two of them. */
  async function manifestPages(pageSize: number): Promise<SearchManifest | undefined> {
    const revisions: Revision[] = []
    let first: SearchVersion | undefined
    for (let start = 0; ; start += pageSize) {
      const { revisions: page, ...version } = SearchManifestPageModel.parse(await run(SEARCH_MANIFEST_QUERY, { start, end: start + pageSize }))
      first ??= version
      if (versionKey(version) !== versionKey(first)) return undefined
      revisions.push(...page)
      if (page.length < pageSize) return { ...first, revisions }
    }
  }

  return {
    /** Settings with the main menu's topic names in `locale`. */
    async siteSettings(locale: Locale = DEFAULT_LOCALE): Promise<SiteSettings> {
      return parseOne(SiteSettingsModel, await run(SITE_SETTINGS_QUERY, { locale }), 'site settings') ?? FALLBACK_SETTINGS
    },

    /** The front of the `locale` edition: its articles only (the lead story only when it is one of them). */
    async home(locale: Locale = DEFAULT_LOCALE): Promise<HomePage> {
      const raw = HomeModel.parse(await run(HOME_QUERY, { locale }))
      const latest = parseList(ArticleCardModel, raw.latest, 'home latest')
      const leadStory = parseOne(ArticleCardModel, raw.leadStory, 'home lead story') ?? latest[0] ?? null
      const sections = raw.sections.flatMap((section) => {
        const head = parseOne(TopicSectionHead, section, 'home section')
        return head ? [{ ...head, articles: parseList(ArticleCardModel, section.articles, `home section ${head.slug}`) }] : []
      })
      return { leadStory, latest: latest.filter((card) => card._id !== leadStory?._id).slice(0, 12), sections }
    },

    /** An article of the `locale` edition (another edition's slug is null: a 404) with its translations. */
    async article(slug: string, locale: Locale = DEFAULT_LOCALE): Promise<Article | null> {
      if (!isSlug(slug)) return null
      return parseOne(ArticleModel, await run(ARTICLE_QUERY, { slug, locale }), `article ${slug}`)
    },

    async related(article: Pick<Article, '_id' | 'slug' | 'topics' | 'people' | 'language'>): Promise<ArticleCard[]> {
      const topicIds = article.topics.map((t) => t._id)
      const peopleIds = article.people.map((p) => p._id)
      const params = { locale: article.language, id: article._id, topicIds, peopleIds, sharedIds: [...topicIds, ...peopleIds] }
      return pickRelated(parseList(RelatedCandidateModel, await run(RELATED_QUERY, params), `related to ${article.slug}`))
    },

    async feed(): Promise<FeedItem[]> {
      return parseList(FeedItemModel, await run(FEED_QUERY), 'feed')
    },

    /** A topic's feed; null when the topic does not exist (404). */
    async topicFeed(slug: string): Promise<TopicFeed | null> {
      if (!isSlug(slug)) return null
      const raw = parseOne(TopicFeedModel, await run(TOPIC_FEED_QUERY, { slug }), `topic feed ${slug}`)
      return raw ? { ...raw, items: parseList(FeedItemModel, raw.items, `topic feed ${slug}`) } : null
    },

    /** The current slug of the article that `slug` was the address of, if it moved; null otherwise (see MOVED_ARTICLE_QUERY). */
    async movedArticle(slug: string): Promise<string | null> {
      if (!isSlug(slug)) return null
      return MovedArticleModel.parse(await run(MOVED_ARTICLE_QUERY, { slug }))
    },

    async articleSlugs(limit: number, locale: Locale = DEFAULT_LOCALE): Promise<string[]> {
      return SlugListModel.parse(await run(ARTICLE_SLUGS_QUERY, { limit, locale }))
    },

    /** A topic, person, country or author with a page of its articles; null when it does not exist or the page is out of range (404s). */
    async archivePage(kind: ArchiveKind, slug: string, page: number, locale: Locale = DEFAULT_LOCALE): Promise<ArchivePage | null> {
      if (!Number.isInteger(page) || page < 1 || !isSlug(slug)) return null
      const raw = parseOne(ArchivePageModel, await run(ARCHIVE_QUERIES[kind], { slug, locale, ...pageRange(page) }), `${kind} ${slug}`)
      if (!raw) return null
      const pages = pageCount(raw.total)
      if (page > pages) return null
      return { ...raw, kind, articles: parseList(ArticleCardModel, raw.articles, `${kind} ${slug} page ${page}`), page, pageCount: pages }
    },

    async topics(locale: Locale = DEFAULT_LOCALE): Promise<TopicSummary[]> {
      return parseList(TopicSummaryModel, await run(TOPICS_INDEX_QUERY, { locale }), 'topics index')
    },

    /** Page `page` of the people index, the most written about first; null past the last page (a 404). */
    async people(locale: Locale = DEFAULT_LOCALE, page = 1, pageSize = PEOPLE_PAGE_SIZE): Promise<PeopleIndexPage | null> {
      if (!Number.isInteger(page) || page < 1) return null
      const raw = PeopleIndexPageModel.parse(await run(PEOPLE_INDEX_QUERY, { locale, ...pageRange(page, pageSize) }))
      const pages = pageCount(raw.total, pageSize)
      if (page > pages) return null
      return { people: parseList(PersonSummaryModel, raw.people, `people index page ${page}`), page, pageCount: pages }
    },

    /** The people of a country who appear in at least one visible article. */
    async countryPeople(slug: string, locale: Locale = DEFAULT_LOCALE): Promise<PersonSummary[]> {
      if (!isSlug(slug)) return []
      return parseList(PersonSummaryModel, await run(COUNTRY_PEOPLE_QUERY, { slug, locale }), `people of ${slug}`)
    },

    /** The countries index: every country with its numbers of articles and people. */
    async countries(locale: Locale = DEFAULT_LOCALE): Promise<CountrySummary[]> {
      return parseList(CountrySummaryModel, await run(COUNTRIES_INDEX_QUERY, { locale }), 'countries index')
    },

    async archiveSlugs(kind: ArchiveKind): Promise<string[]> {
      return SlugListModel.parse(await run(ARCHIVE_SLUGS_QUERY, { type: ARCHIVE_DOCUMENT_TYPES[kind] }))
    },

    ...sitemapApi(run),
    /**
     * Ids and revisions of what search indexes, with their version (search/store.ts), read in pages
     * of `pageSize` (10 000 ≈ 600 kB): at 100 000 articles one read was 6 MB, parsed in one piece.
     * Every page carries the version of its snapshot; when a page's differs from the first's,
     * something changed in between (the order of the pages may have moved) and the pages are read
     * again.
     */
    async searchManifest(pageSize = MANIFEST_PAGE): Promise<SearchManifest> {
      for (let attempt = 1; ; attempt++) {
        const manifest = await manifestPages(pageSize)
        if (manifest) return manifest
        if (attempt === MANIFEST_ATTEMPTS) throw new Error(`the search manifest changed while it was read, ${attempt} times`)
      }
    },

    /** The version and the `limit` articles written and published last (search/store.ts). */
    async searchChanges(limit: number): Promise<SearchChanges> {
      return SearchChangesModel.parse(await run(SEARCH_CHANGES_QUERY, { limit }))
    },

    /** The search index's version: a short hash of a few numbers the lake's indexes answer, cheap to cache and compare. */
    async searchVersion(): Promise<string> {
      return versionKey(SearchVersionModel.parse(await run(SEARCH_VERSION_QUERY)))
    },

    /** Some visible articles as search documents (the ids that are not visible are left out). */
    async searchDocuments(ids: string[]): Promise<SearchDocument[]> {
      if (!ids.length) return []
      return parseListInSlices(SearchDocumentModel, await run(SEARCH_DOCUMENTS_QUERY, { ids, ...SEARCH_NAMES }), 'search documents', DOCUMENT_SLICE)
    },
  }
}
