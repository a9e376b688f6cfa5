import 'server-only'
import { buildFeed, FEED_CONTENT_TYPES, type FeedFormat } from '@/formats/feed'
import { config } from '@/config/env'
import { fixedImageUrl } from '@/sanity/image'
import type { FeedItem } from '@/sanity/models'
import { getSiteSettings } from '@/sanity/fetch'

/** A feed as an HTTP response: what every feed route returns, whichever items it lists. */
export async function feedResponse(format: FeedFormat, selfPath: string, items: FeedItem[], topic?: { title: string; slug: string }) {
  const { siteUrl } = config()
  const body = buildFeed(
    {
      settings: await getSiteSettings(),
      items,
      siteUrl,
      selfPath,
      topic,
      imageUrl: (image) => new URL(fixedImageUrl(image, 16 / 9), `${siteUrl}/`).toString(),
    },
    format,
  )
  return new Response(body, { headers: { 'content-type': FEED_CONTENT_TYPES[format] } })
}
