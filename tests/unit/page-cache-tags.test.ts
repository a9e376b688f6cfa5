import { describe, expect, it } from 'vitest'
import { pageCacheTags } from '@/sanity/cache-tags'
import { revalidationTags, type WebhookPayload } from '@/sanity/webhook'

/**
 * A front cache purges pages by the tags they carry (pageCacheTags, the `xkey` header) when the
 * webhook expires tags (revalidationTags): every page that shows what changed must carry one of them.
 */
const purges = (change: WebhookPayload, path: string) => pageCacheTags(path).some((tag) => revalidationTags(change).includes(tag))

const article: WebhookPayload = {
  operation: 'update',
  documentId: 'article-x',
  type: 'article',
  slug: { before: 'x', after: 'x' },
  topics: { before: ['torgovlya'], after: ['torgovlya'] },
  people: { before: ['van-i'], after: ['van-i'] },
  countries: { before: ['kitay'], after: ['kitay'] },
  authors: { before: ['aygerim'], after: ['aygerim'] },
}

describe('front-cache tags', () => {
  it.each([
    '/',
    '/news/x',
    '/topics',
    '/topics/torgovlya',
    '/topics/torgovlya/page/2',
    '/topics/torgovlya/rss.xml',
    '/people',
    '/people/page/2',
    '/people/van-i',
    '/countries',
    '/countries/kitay',
    '/authors/aygerim',
    '/rss.xml',
    '/atom.xml',
    '/feed.json',
    '/sitemap.xml',
    '/sitemaps/articles-1.xml',
    '/news-sitemap.xml',
    '/search',
  ])('a change of an article purges %s, which shows it', (path) => {
    expect(purges(article, path)).toBe(true)
  })

  it('an article does not purge the pages of other topics, people or articles', () => {
    for (const path of ['/news/other', '/topics/ekonomika', '/people/tokaev', '/authors/someone-else']) expect(purges(article, path), path).toBe(false)
  })

  it('the people index’s later pages are the index’s, not a person called "page"', () => {
    expect(pageCacheTags('/people/page/2')).toEqual(pageCacheTags('/people'))
    expect(pageCacheTags('/people/page')).toEqual(pageCacheTags('/people/van-i').map((tag) => tag.replace('van-i', 'page')))
  })

  it('a renamed topic purges every page that prints topic names, and its own', () => {
    const topic: WebhookPayload = { operation: 'update', documentId: 'topic-t', type: 'topic', slug: { before: 'torgovlya', after: 'torgovlya' } }
    for (const path of ['/news/x', '/', '/topics', '/topics/torgovlya', '/people/van-i']) expect(purges(topic, path), path).toBe(true)
  })

  it('site settings purge every page (their layout)', () => {
    const settings: WebhookPayload = { operation: 'update', documentId: 'siteSettings', type: 'siteSettings', slug: null }
    for (const path of ['/', '/news/x', '/topics/torgovlya', '/logo.png', '/sitemap.xml']) expect(purges(settings, path), path).toBe(true)
  })
})
