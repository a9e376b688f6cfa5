import { Feed } from 'feed'
import type { FeedItem, Image, SiteSettings } from '@/sanity/models'

export const FEED_PATH = '/feed.xml'

interface FeedInput {
  settings: SiteSettings
  items: FeedItem[]
  siteUrl: string
  /** An absolute URL of the image as cards show it. */
  imageUrl: (image: Image) => string
}

/** RSS 2.0 of the newest articles (the `feed` package writes and escapes the XML). */
export function buildRssFeed({ settings, items, siteUrl, imageUrl }: FeedInput): string {
  const feed = new Feed({
    title: settings.title,
    description: settings.description ?? `${settings.title} — новости Казахстана`,
    id: `${siteUrl}/`,
    link: `${siteUrl}/`,
    language: 'ru',
    copyright: `© ${settings.title}`,
    updated: items[0] ? new Date(items[0].updatedAt ?? items[0].publishedAt) : undefined,
    generator: false,
    feedLinks: { rss: `${siteUrl}${FEED_PATH}` },
    ttl: 5,
  })
  for (const item of items) {
    const link = `${siteUrl}/news/${item.slug}`
    feed.addItem({
      title: item.title,
      id: link,
      link,
      description: item.lead,
      date: new Date(item.publishedAt),
      category: item.topics.map((name) => ({ name })),
      author: item.authors.map((name) => ({ name })),
      ...(item.image ? { enclosure: { url: imageUrl(item.image), type: 'image/jpeg' } } : {}),
    })
  }
  return feed.rss2()
}
