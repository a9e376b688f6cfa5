import { Feed } from 'feed'
import type { FeedItem, Image, SiteSettings } from '@/sanity/models'
import { portableTextToHtml } from './portable-text-html'
import { archivePath, articlePath } from '@/lib/paths'

/** Where the site-wide feeds live; a topic's RSS is at topicFeedPath(slug). */
export const FEEDS = { rss: '/rss.xml', atom: '/atom.xml', json: '/feed.json' } as const
export const topicFeedPath = (slug: string) => `/topics/${slug}/rss.xml`

export type FeedFormat = 'rss' | 'atom' | 'json'

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

export interface FeedInput {
  settings: SiteSettings
  items: FeedItem[]
  siteUrl: string
  /** The feed's own path (atom:link rel=self) and, for a topic feed, the topic. */
  selfPath: string
  topic?: { title: string; slug: string }
  /** An absolute URL of a JPEG rendition of the image (feed readers do not negotiate formats). */
  imageUrl: (image: Image) => string
}

/**
 * The newest articles as RSS 2.0, Atom 1.0 or JSON Feed 1, with the full text (`content:encoded`),
 * the main image as enclosure, topics as categories. The `feed` package writes and escapes the XML.
 */
export function buildFeed(input: FeedInput, format: FeedFormat): string {
  const { settings, items, siteUrl, topic } = input
  const absolute = (path: string) => new URL(path, `${siteUrl}/`).toString()
  const feed = new Feed({
    title: topic ? `${settings.title}: ${topic.title}` : settings.title,
    description: topic ? `Новости по теме «${topic.title}»` : (settings.description ?? `${settings.title} — новости Казахстана`),
    id: absolute(topic ? archivePath('topics', topic.slug) : '/'),
    link: absolute(topic ? archivePath('topics', topic.slug) : '/'),
    language: 'ru',
    copyright: `© ${settings.title}`,
    updated: items[0] ? new Date(items[0].updatedAt ?? items[0].publishedAt) : undefined,
    generator: false,
    feedLinks: { [format]: absolute(input.selfPath) },
    ttl: 5,
  })
  for (const item of items) {
    const link = absolute(articlePath(item.slug))
    const authors = item.authors.map((author) => ({ name: author.name, link: absolute(archivePath('authors', author.slug)) }))
    feed.addItem({
      title: item.title,
      id: link,
      link,
      description: item.lead,
      content: portableTextToHtml(item.body, { siteUrl, imageUrl: input.imageUrl }),
      date: new Date(item.updatedAt ?? item.publishedAt),
      published: new Date(item.publishedAt),
      category: item.topics.map((name) => ({ name, term: name })),
      // RSS 2.0's <author> must be an e-mail address; our bylines are names, so RSS carries them as
      // dc:creator and Atom/JSON Feed as authors with a link to the byline page.
      ...(format === 'rss'
        ? { extensions: authors.length > 0 ? [{ name: 'dc:creator', objects: { _text: authors.map((author) => author.name).join(', ') } }] : [] }
        : { author: authors }),
      ...(item.image ? { image: { url: input.imageUrl(item.image), type: 'image/jpeg' } } : {}),
    })
  }
  return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1()
}
