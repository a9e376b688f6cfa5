import { articlePath } from '@/lib/paths'
import { buildNewsSitemap, xmlResponse } from '@/lib/sitemap'
import { config } from '@/config/env'
import { getNewsSitemap, getSiteSettings } from '@/sanity/fetch'

// Cached like the pages (tags `sitemaps`, `slugs`; the site name under `settings`): the 48-hour window moves at least once a minute.
export const revalidate = 60

/** Google News sitemap: the articles of the last 48 hours, newest first (an empty urlset when there are none). */
export async function GET() {
  const { siteUrl } = config()
  const [settings, items] = await Promise.all([getSiteSettings(), getNewsSitemap()])
  const entries = items.map((item) => ({
    loc: `${siteUrl}${articlePath(item.slug, item.language)}`,
    title: item.title,
    publishedAt: item.publishedAt,
    language: item.language,
  }))
  return xmlResponse(buildNewsSitemap(entries, settings.title))
}
