import 'server-only'
import { unstable_cache } from 'next/cache'
import { draftMode } from 'next/headers'
import { cache } from 'react'
import { contentClient } from './client'
import { contentApi } from './content'
import { cacheTags, MAX_AGE_SECONDS } from './cache-tags'
import { isSlug, type Article } from './models'
import type { ArchiveKind } from '@/lib/archive-kinds'
import { DEFAULT_LOCALE, type Locale } from '@/lib/locale'

/**
 * The site's data functions: one per page need, each cached under the tags that a publish of the
 * affected documents revalidates (sanity/cache-tags.ts, app/api/revalidate). Pages call only these.
 */

const api = () => contentApi(contentClient(), 'published')

/**
 * In draft mode (an editor's preview, see app/api/draft-mode) pages read the drafts perspective,
 * uncached; everyone else gets the cached published content.
 */
async function preview() {
  return (await draftMode()).isEnabled ? contentApi(contentClient(), 'drafts') : undefined
}

// Every reader function takes the edition's locale; unstable_cache keys include the arguments, so
// each edition has its own entries under the same tags (a publish expires all editions at once).
// Those that the layout, generateMetadata and the page all call are also deduplicated per render
// (React's `cache`): unstable_cache answers a repeat from the data cache only once an entry exists,
// so a render after a publish asked the lake twice or three times for the same settings and article.

const cachedSiteSettings = unstable_cache((locale: Locale) => api().siteSettings(locale), ['site-settings'], {
  tags: [cacheTags.settings, cacheTags.taxonomy],
  revalidate: MAX_AGE_SECONDS,
})
export const getSiteSettings = cache(async (locale: Locale = DEFAULT_LOCALE) => (await preview())?.siteSettings(locale) ?? cachedSiteSettings(locale))

const cachedHomePage = unstable_cache((locale: Locale) => api().home(locale), ['home'], {
  tags: [cacheTags.home, cacheTags.settings, cacheTags.taxonomy],
  revalidate: MAX_AGE_SECONDS,
})
export const getHomePage = cache(async (locale: Locale) => (await preview())?.home(locale) ?? cachedHomePage(locale))

export const getArticle = cache(async (slug: string, locale: Locale) =>
  // A segment that cannot be a slug is a 404 without a cache entry (or an over-long cache tag).
  !isSlug(slug)
    ? null
    : ((await preview())?.article(slug, locale) ??
      unstable_cache(() => api().article(slug, locale), ['article', locale, slug], {
        tags: [cacheTags.article(slug), cacheTags.taxonomy],
        revalidate: MAX_AGE_SECONDS,
      })()),
)

/**
 * «Читайте также»: cached under the tags of the article's topics and people, so that publishing an
 * article that shares one refreshes this list too.
 */
export const getRelated = async (article: Article) =>
  (await preview())?.related(article) ??
  unstable_cache(
    () => api().related(article),
    ['related', article.language, article._id, ...article.topics.map((t) => t._id), '|', ...article.people.map((p) => p._id)],
    {
      tags: [
        ...article.topics.map((topic) => cacheTags.archive('topics', topic.slug)),
        ...article.people.map((person) => cacheTags.archive('people', person.slug)),
        cacheTags.taxonomy,
      ],
      revalidate: MAX_AGE_SECONDS,
    },
  )()

export const getFeed = unstable_cache(() => api().feed(), ['feed'], {
  tags: [cacheTags.feeds, cacheTags.taxonomy],
  revalidate: MAX_AGE_SECONDS,
})

export const getTopicFeed = async (slug: string) =>
  !isSlug(slug)
    ? null
    : unstable_cache(() => api().topicFeed(slug), ['topic-feed', slug], {
        tags: [cacheTags.feeds, cacheTags.archive('topics', slug), cacheTags.taxonomy],
        revalidate: MAX_AGE_SECONDS,
      })()

export const getArticleSlugs = unstable_cache((limit: number, locale: Locale) => api().articleSlugs(limit, locale), ['article-slugs'], {
  tags: [cacheTags.slugs],
  revalidate: MAX_AGE_SECONDS,
})

export const getArchivePage = cache(async (kind: ArchiveKind, slug: string, page: number, locale: Locale) =>
  !isSlug(slug)
    ? null
    : ((await preview())?.archivePage(kind, slug, page, locale) ??
      unstable_cache(() => api().archivePage(kind, slug, page, locale), ['archive-page', locale, kind, slug, String(page)], {
        tags: [cacheTags.archive(kind, slug), cacheTags.taxonomy],
        revalidate: MAX_AGE_SECONDS,
      })()),
)

const cachedTopics = unstable_cache((locale: Locale) => api().topics(locale), ['topics'], {
  tags: [cacheTags.topicsIndex, cacheTags.taxonomy],
  revalidate: MAX_AGE_SECONDS,
})
export const getTopics = cache(async (locale: Locale) => (await preview())?.topics(locale) ?? cachedTopics(locale))

/** /people and /countries, and the people of a country: counts of visible articles, refreshed on every article change. */
const DIRECTORY_TAGS = [cacheTags.directories, cacheTags.taxonomy]

const cachedPeople = unstable_cache((locale: Locale, page: number) => api().people(locale, page), ['people-index'], {
  tags: DIRECTORY_TAGS,
  revalidate: MAX_AGE_SECONDS,
})
export const getPeople = cache(async (locale: Locale, page = 1) => (await preview())?.people(locale, page) ?? cachedPeople(locale, page))

const cachedCountries = unstable_cache((locale: Locale) => api().countries(locale), ['countries-index'], { tags: DIRECTORY_TAGS, revalidate: MAX_AGE_SECONDS })
export const getCountries = cache(async (locale: Locale) => (await preview())?.countries(locale) ?? cachedCountries(locale))

export const getCountryPeople = cache(async (slug: string, locale: Locale) =>
  !isSlug(slug)
    ? []
    : ((await preview())?.countryPeople(slug, locale) ??
      unstable_cache(() => api().countryPeople(slug, locale), ['country-people', slug, locale], {
        tags: [...DIRECTORY_TAGS, cacheTags.archive('countries', slug)],
        revalidate: MAX_AGE_SECONDS,
      })()),
)

export const getArchiveSlugs = unstable_cache((kind: ArchiveKind) => api().archiveSlugs(kind), ['archive-slugs'], {
  tags: [cacheTags.slugs],
  revalidate: MAX_AGE_SECONDS,
})

// Sitemaps: cached under `sitemaps` (every article change) and `slugs` (every article and taxonomy
// change), see sanity/webhook.ts. They print addresses and dates only, no taxonomy names.
const SITEMAP_TAGS = [cacheTags.sitemaps, cacheTags.slugs]

export const getSitemapIndex = unstable_cache(() => api().sitemapIndex(), ['sitemap-index'], {
  tags: [...SITEMAP_TAGS, cacheTags.settings],
  revalidate: MAX_AGE_SECONDS,
})

export const getArticleSitemap = unstable_cache((chunk: number) => api().articleSitemap(chunk), ['sitemap-articles'], {
  tags: SITEMAP_TAGS,
  revalidate: MAX_AGE_SECONDS,
})

export const getTaxonomySitemap = unstable_cache((kind: ArchiveKind) => api().taxonomySitemap(kind), ['sitemap-taxonomy'], {
  tags: SITEMAP_TAGS,
  revalidate: MAX_AGE_SECONDS,
})

export const getStaticPagesSitemap = unstable_cache(() => api().staticPagesSitemap(), ['sitemap-pages'], {
  tags: [...SITEMAP_TAGS, cacheTags.settings],
  revalidate: MAX_AGE_SECONDS,
})

export const getNewsSitemap = unstable_cache(() => api().newsSitemap(), ['news-sitemap'], {
  tags: SITEMAP_TAGS,
  revalidate: MAX_AGE_SECONDS,
})

/**
 * Search reads the published perspective, in draft mode too: it never shows drafts. What is cached
 * is only the index's version (a hash of the number of visible articles, their latest `_updatedAt`
 * and `publishedAt`, and the taxonomy's revisions, under the `search` tag that every article change
 * expires, and `taxonomy`); the index itself follows it (search/).
 */
export const getSearchVersion = unstable_cache(() => api().searchVersion(), ['search-version'], {
  tags: [cacheTags.search, cacheTags.taxonomy],
  revalidate: MAX_AGE_SECONDS,
})
/** What the search index reads (uncached: read once per change): what changed, the manifest of what it indexes, and articles by id. */
export const searchSource = {
  changes: (limit: number) => api().searchChanges(limit),
  manifest: () => api().searchManifest(),
  documents: (ids: string[]) => api().searchDocuments(ids),
}
