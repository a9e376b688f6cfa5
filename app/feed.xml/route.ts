import { buildRssFeed } from '@/lib/feed'
import { env } from '@/sanity/env'
import { getFeed, getSiteSettings } from '@/sanity/fetch'
import { imageUrl } from '@/sanity/image'

// Cached like the pages; the revalidation webhook expires it (tag `feeds`) when an article changes.
export const revalidate = 60

export async function GET() {
  const { siteUrl } = env()
  const [settings, items] = await Promise.all([getSiteSettings(), getFeed()])
  const xml = buildRssFeed({ settings, items, siteUrl, imageUrl: (image) => new URL(imageUrl(image, 16 / 9), `${siteUrl}/`).toString() })
  return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } })
}
