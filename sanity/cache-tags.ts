import type { ArchiveKind } from '@/lib/archive-kinds'

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
