import { ARCHIVE_KINDS, type ArchiveKind } from '@/lib/archive-kinds'

/**
 * Longest a cached answer lives without a revalidation (data cache, and the front server's HTML
 * cache at most as long), so embargoed articles appear on time where no webhook announces them.
 */
export const MAX_AGE_SECONDS = 60

/**
 * The cache tags of the site's data. Each cached data function carries the tags of what it shows;
 * the revalidation webhook (sanity/webhook.ts) turns a document change into exactly these tags.
 */
export const cacheTags = {
  /** Site name, logo, navigation: the layout of every page. */
  settings: 'settings',
  home: 'home',
  /** The topics index with its article counts. */
  topicsIndex: 'topics-index',
  /** The people and countries indexes and a country's people: their article counts change with every article. */
  directories: 'directories',
  /** Anything that prints a topic's, person's, country's or author's name (article pages, cards). */
  taxonomy: 'taxonomy',
  /** The slug lists that generateStaticParams and sitemaps read. */
  slugs: 'slugs',
  feeds: 'feeds',
  sitemaps: 'sitemaps',
  /** The search index's version (the ids and revisions of the visible articles). */
  search: 'search',
  article: (slug: string) => `article:${slug}`,
  archive: (kind: ArchiveKind, slug: string) => `${kind}:${slug}`,
} as const

const LAYOUT = [cacheTags.settings, cacheTags.taxonomy]

/**
 * The cache tags of a page, from its address (edition prefix removed): what the front cache
 * (Varnish's `xkey`, a CDN's cache tags) purges it by when the revalidation webhook expires those
 * tags. They are the tags of the data functions the page's route reads (sanity/fetch.ts), but for
 * an article's «Читайте также», cached under its topics' and people's tags, which its address does
 * not tell: there the front cache's copy follows within the pages' s-maxage.
 */
export function pageCacheTags(path: string): string[] {
  const [first, slug, ...rest] = path.split('/').filter(Boolean)
  if (!first) return [cacheTags.home, ...LAYOUT]
  if (first === 'news' && slug) return [cacheTags.article(slug), ...LAYOUT]
  if (first === 'search') return [cacheTags.search, ...LAYOUT]
  if (first === 'rss.xml' || first === 'atom.xml' || first === 'feed.json') return [cacheTags.feeds, ...LAYOUT]
  if (first === 'sitemap.xml' || first === 'sitemaps' || first === 'news-sitemap.xml') return [cacheTags.sitemaps, cacheTags.slugs, cacheTags.settings]
  if (first === 'logo.png') return [cacheTags.settings]
  if (first === 'topics' && !slug) return [cacheTags.topicsIndex, ...LAYOUT]
  if ((first === 'people' || first === 'countries') && !slug) return [cacheTags.directories, ...LAYOUT]
  // The people index's later pages, /people/page/<n>; a person whose slug is "page" has /people/page and /people/page/page/<n>.
  if (first === 'people' && slug === 'page' && rest.length === 1) return [cacheTags.directories, ...LAYOUT]
  const kind = ARCHIVE_KINDS.find((name) => name === first)
  if (kind && slug) {
    const own = cacheTags.archive(kind, slug)
    if (rest[0] === 'rss.xml') return [cacheTags.feeds, own, cacheTags.taxonomy]
    return kind === 'countries' ? [own, cacheTags.directories, ...LAYOUT] : [own, ...LAYOUT]
  }
  return [...LAYOUT]
}
