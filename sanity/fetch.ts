import 'server-only'
import { unstable_cache } from 'next/cache'
import { contentClient } from './client'
import { contentApi } from './content'

/**
 * The site's data functions: one per page need, each cached under the tags that a publish of the
 * affected documents revalidates (see app/api/revalidate when it lands). Pages call only these.
 */
export const cacheTags = {
  settings: 'settings',
  articles: 'articles',
  topics: 'topics',
  article: (slug: string) => `article:${slug}`,
  topic: (slug: string) => `topic:${slug}`,
} as const

const api = () => contentApi(contentClient(), 'published')

/** Longest a cached answer lives without a revalidation, so embargoed articles appear on time. */
const MAX_AGE_SECONDS = 60

export const getSiteSettings = unstable_cache(() => api().siteSettings(), ['site-settings'], {
  tags: [cacheTags.settings],
  revalidate: MAX_AGE_SECONDS,
})

export const getHomePage = unstable_cache(() => api().home(), ['home'], {
  tags: [cacheTags.articles, cacheTags.settings, cacheTags.topics],
  revalidate: MAX_AGE_SECONDS,
})

export const getArticle = (slug: string) =>
  unstable_cache(() => api().article(slug), ['article', slug], {
    tags: [cacheTags.article(slug), cacheTags.articles],
    revalidate: MAX_AGE_SECONDS,
  })()

export const getArticleSlugs = unstable_cache((limit: number) => api().articleSlugs(limit), ['article-slugs'], {
  tags: [cacheTags.articles],
  revalidate: MAX_AGE_SECONDS,
})

export const getTopicPage = (slug: string, page: number) =>
  unstable_cache(() => api().topicPage(slug, page), ['topic-page', slug, String(page)], {
    tags: [cacheTags.topic(slug), cacheTags.topics, cacheTags.articles],
    revalidate: MAX_AGE_SECONDS,
  })()

export const getTopics = unstable_cache(() => api().topics(), ['topics'], {
  tags: [cacheTags.topics, cacheTags.articles],
  revalidate: MAX_AGE_SECONDS,
})

export const getTopicSlugs = unstable_cache(() => api().topicSlugs(), ['topic-slugs'], {
  tags: [cacheTags.topics],
  revalidate: MAX_AGE_SECONDS,
})
