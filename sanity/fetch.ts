import 'server-only'
import { unstable_cache } from 'next/cache'
import { contentClient } from './client'
import { contentApi } from './content'
import { cacheTags } from './cache-tags'
import type { ArchiveKind } from './models'

/**
 * The site's data functions: one per page need, each cached under the tags that a publish of the
 * affected documents revalidates (sanity/cache-tags.ts, app/api/revalidate). Pages call only these.
 */

const api = () => contentApi(contentClient(), 'published')

/** Longest a cached answer lives without a revalidation, so embargoed articles appear on time. */
const MAX_AGE_SECONDS = 60

export const getSiteSettings = unstable_cache(() => api().siteSettings(), ['site-settings'], {
  tags: [cacheTags.settings],
  revalidate: MAX_AGE_SECONDS,
})

export const getHomePage = unstable_cache(() => api().home(), ['home'], {
  tags: [cacheTags.home, cacheTags.settings, cacheTags.taxonomy],
  revalidate: MAX_AGE_SECONDS,
})

export const getArticle = (slug: string) =>
  unstable_cache(() => api().article(slug), ['article', slug], {
    tags: [cacheTags.article(slug), cacheTags.taxonomy],
    revalidate: MAX_AGE_SECONDS,
  })()

export const getArticleSlugs = unstable_cache((limit: number) => api().articleSlugs(limit), ['article-slugs'], {
  tags: [cacheTags.slugs],
  revalidate: MAX_AGE_SECONDS,
})

export const getArchivePage = (kind: ArchiveKind, slug: string, page: number) =>
  unstable_cache(() => api().archivePage(kind, slug, page), ['archive-page', kind, slug, String(page)], {
    tags: [cacheTags.archive(kind, slug), cacheTags.taxonomy],
    revalidate: MAX_AGE_SECONDS,
  })()

export const getTopics = unstable_cache(() => api().topics(), ['topics'], {
  tags: [cacheTags.topicsIndex, cacheTags.taxonomy],
  revalidate: MAX_AGE_SECONDS,
})

export const getArchiveSlugs = unstable_cache((kind: ArchiveKind) => api().archiveSlugs(kind), ['archive-slugs'], {
  tags: [cacheTags.slugs],
  revalidate: MAX_AGE_SECONDS,
})
