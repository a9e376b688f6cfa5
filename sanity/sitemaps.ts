import pMap from 'p-map'
import { ARCHIVE_DOCUMENT_TYPES, ARCHIVE_KINDS, type ArchiveKind } from '@/lib/archive-kinds'
import { archiveIndexPath, archivePath } from '@/lib/paths'
import { chunkCount, chunkRange, LASTMOD_PAGE_CHUNKS, lastmodPageRange, newest, SITEMAP_MAX_URLS, type SitemapName } from '@/lib/sitemap'
import {
  NewsSitemapItemModel,
  SitemapArticleModel,
  SitemapArticlesModel,
  SitemapLastmodsModel,
  SitemapSummaryModel,
  SitemapTaxonomyEntryModel,
  type NewsSitemapItem,
  type SitemapArticle,
  type SitemapSummary,
} from './models'
import {
  NEWS_SITEMAP_QUERY,
  NEWS_WINDOW_HOURS,
  SITEMAP_ARTICLES_LASTMODS_QUERY,
  SITEMAP_ARTICLES_QUERY,
  SITEMAP_SUMMARY_QUERY,
  SITEMAP_TAXONOMY_QUERY,
} from './queries'
import { parseList } from './validate'

/**
 * NEWS_SITEMAP_QUERY's lower bound: the window plus a day of slack (clock skew, time-zone offsets in
 * publishedAt), on the hour so that the query text and params stay the same for an hour.
 */
function newsFromParam(now: number): { newsFrom: string } {
  const hour = 3_600_000
  return { newsFrom: new Date(Math.floor((now - (NEWS_WINDOW_HOURS + 24) * hour) / hour) * hour).toISOString() }
}

/** Pages of lastmods the index reads at once: as many as the local lake has query workers by default, so that readers' queries do not queue behind them. */
const LASTMOD_PAGES_AT_ONCE = 2

/** A page a sitemap lists: its site-relative path and when it last changed. */
interface SitemapPage {
  path: string
  lastmod?: string
}

/** A child sitemap the index lists, with the latest lastmod of its entries. */
interface SitemapIndexEntry {
  name: SitemapName
  lastmod?: string
}

const staticPages = (summary: SitemapSummary): SitemapPage[] => [
  { path: '/', lastmod: newest([summary.articlesLastmod, summary.settingsUpdatedAt]) },
  { path: '/topics', lastmod: newest([summary.articlesLastmod, summary.topicsUpdatedAt]) },
  { path: archiveIndexPath('people'), lastmod: newest([summary.articlesLastmod, summary.peopleUpdatedAt]) },
  { path: archiveIndexPath('countries'), lastmod: newest([summary.articlesLastmod, summary.countriesUpdatedAt]) },
]

/** The sitemaps' data (contentApi includes these); `size` is the article sitemap's chunk size, smaller only in tests. */
export function sitemapApi(run: (query: string, params?: Record<string, unknown>) => Promise<unknown>) {
  const summary = async () => SitemapSummaryModel.parse(await run(SITEMAP_SUMMARY_QUERY))

  async function taxonomySitemap(kind: ArchiveKind): Promise<SitemapPage[]> {
    const entries = parseList(SitemapTaxonomyEntryModel, await run(SITEMAP_TAXONOMY_QUERY, { type: ARCHIVE_DOCUMENT_TYPES[kind] }), `sitemap ${kind}`)
    return entries.map((entry) => ({ path: archivePath(kind, entry.slug), lastmod: newest([entry._updatedAt, entry.articlesLastmod]) }))
  }

  /** The lastmod of each article chunk in page n (from 1) of the index's reads. */
  async function articleLastmods(page: number, size: number): Promise<(string | undefined)[]> {
    const lastmods = SitemapLastmodsModel.parse(await run(SITEMAP_ARTICLES_LASTMODS_QUERY, lastmodPageRange(page, size)))
    return Array.from({ length: Math.ceil(lastmods.length / size) }, (_, index) =>
      newest(lastmods.slice(index * size, (index + 1) * size).map((entry) => entry.lastmod)),
    )
  }

  return {
    /** Article sitemap n (from 1): a chunk of the indexable articles, oldest first; null when there is no such chunk (404). */
    async articleSitemap(chunk: number, size = SITEMAP_MAX_URLS): Promise<SitemapArticle[] | null> {
      if (!Number.isInteger(chunk) || chunk < 1) return null
      const raw = SitemapArticlesModel.parse(await run(SITEMAP_ARTICLES_QUERY, chunkRange(chunk, size)))
      if (chunk > chunkCount(raw.total, size)) return null
      return parseList(SitemapArticleModel, raw.articles, `sitemap articles ${chunk}`)
    },

    /** Every topic, person, country or author page; lastmod: the document's or its articles' latest change. */
    taxonomySitemap,

    /** The pages that are neither articles nor archives: the home page and the topics index. */
    async staticPagesSitemap(): Promise<SitemapPage[]> {
      return staticPages(await summary())
    },

    /** The child sitemaps that have entries, each with its latest lastmod. */
    async sitemapIndex(size = SITEMAP_MAX_URLS): Promise<SitemapIndexEntry[]> {
      const facts = await summary()
      const chunks = Array.from({ length: chunkCount(facts.articles, size) }, (_, index) => index + 1)
      const pages = Array.from({ length: Math.ceil(chunks.length / LASTMOD_PAGE_CHUNKS) }, (_, index) => index + 1)
      const [lastmodPages, taxonomies] = await Promise.all([
        pMap(pages, (page) => articleLastmods(page, size), { concurrency: LASTMOD_PAGES_AT_ONCE }),
        Promise.all(ARCHIVE_KINDS.map(async (kind) => ({ kind, pages: await taxonomySitemap(kind) }))),
      ])
      const chunkLastmods = lastmodPages.flat()
      return [
        ...chunks.map((chunk, index): SitemapIndexEntry => ({ name: { kind: 'articles', chunk }, lastmod: chunkLastmods[index] })),
        ...taxonomies
          .filter(({ pages }) => pages.length > 0)
          .map(({ kind, pages }): SitemapIndexEntry => ({ name: { kind }, lastmod: newest(pages.map((page) => page.lastmod)) })),
        { name: { kind: 'pages' }, lastmod: newest(staticPages(facts).map((page) => page.lastmod)) },
      ]
    },

    /** Google News: the indexable articles of the last 48 hours, newest first, at most 1 000. */
    async newsSitemap(now = Date.now()): Promise<NewsSitemapItem[]> {
      return parseList(NewsSitemapItemModel, await run(NEWS_SITEMAP_QUERY, newsFromParam(now)), 'news sitemap')
    },
  }
}
