import { buildSitemapIndex, NEWS_SITEMAP_PATH, sitemapPath, xmlResponse } from '@/lib/sitemap'
import { config } from '@/config/env'
import { getNewsSitemap, getSitemapIndex } from '@/sanity/fetch'

// Cached like the pages; the revalidation webhook expires it (tags `sitemaps`, `slugs`) when an article or a taxonomy document changes.
export const revalidate = 60

/** The sitemap index: the article chunks, the taxonomy and static-page sitemaps, and the Google News sitemap. */
export async function GET() {
  const { siteUrl } = config()
  const [children, news] = await Promise.all([getSitemapIndex(), getNewsSitemap()])
  return xmlResponse(
    buildSitemapIndex([
      ...children.map(({ name, lastmod }) => ({ loc: `${siteUrl}${sitemapPath(name)}`, lastmod })),
      { loc: `${siteUrl}${NEWS_SITEMAP_PATH}`, lastmod: news[0]?.publishedAt },
    ]),
  )
}
