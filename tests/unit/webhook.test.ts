import { encodeSignatureHeader } from '@sanity/webhook'
import { describe, expect, it } from 'vitest'
import { revalidationTags, SeenSignatures, SIGNATURE_MAX_AGE_MS, verifyWebhookSignature, WebhookPayloadModel, type WebhookPayload } from '@/sanity/webhook'

const change = (fields: Partial<WebhookPayload> & Pick<WebhookPayload, 'type'>): WebhookPayload =>
  WebhookPayloadModel.parse({ operation: 'update', documentId: 'doc-1', ...fields })

describe('which cache tags a change revalidates', () => {
  it('an article: its page under old and new slug, the archives it left and joined, home, index, feeds, sitemaps, search', () => {
    const tags = revalidationTags(
      change({
        type: 'article',
        slug: { before: 'staryy-zagolovok', after: 'novyy-zagolovok' },
        topics: { before: ['torgovlya', 'covid-19'], after: ['torgovlya', 'ekonomika'] },
        people: { before: null, after: ['kasym-zhomart-tokaev'] },
        countries: { before: ['kitay'], after: ['kitay'] },
        authors: { before: ['aygerim-saparova'], after: ['aygerim-saparova'] },
      }),
    )
    expect(tags.sort()).toEqual(
      [
        'article:staryy-zagolovok',
        'article:novyy-zagolovok',
        'topics:torgovlya',
        'topics:covid-19',
        'topics:ekonomika',
        'people:kasym-zhomart-tokaev',
        'countries:kitay',
        'authors:aygerim-saparova',
        'home',
        'topics-index',
        'directories',
        'slugs',
        'feeds',
        'sitemaps',
        'search',
      ].sort(),
    )
  })

  it('a deleted (unpublished) article still revalidates everything it was on', () => {
    const tags = revalidationTags(
      change({ type: 'article', operation: 'delete', slug: { before: 'ushla', after: null }, topics: { before: ['politika'], after: null } }),
    )
    expect(tags).toEqual(expect.arrayContaining(['article:ushla', 'topics:politika', 'home', 'search']))
    expect(tags).not.toContain('taxonomy')
  })

  it('a renamed topic: its page, everything that names it, the index and the navigation — but not every article slug list by accident', () => {
    expect(revalidationTags(change({ type: 'topic', slug: { before: 'torgovlya', after: 'torgovlya' } })).sort()).toEqual(
      ['topics:torgovlya', 'taxonomy', 'directories', 'slugs', 'sitemaps', 'feeds', 'topics-index', 'settings'].sort(),
    )
    expect(revalidationTags(change({ type: 'person', slug: { before: 'van-i', after: 'van-i' } }))).toContain('people:van-i')
    expect(revalidationTags(change({ type: 'country', slug: { before: 'kitay', after: null }, operation: 'delete' }))).toContain('countries:kitay')
    expect(revalidationTags(change({ type: 'author', slug: { before: 'a', after: 'b' } }))).toEqual(
      expect.arrayContaining(['authors:a', 'authors:b', 'taxonomy']),
    )
  })

  it('site settings: the layout and the home page only', () => {
    expect(revalidationTags(change({ type: 'siteSettings', documentId: 'siteSettings' })).sort()).toEqual(['home', 'settings'])
  })

  it('refuses payloads of other shapes and types', () => {
    expect(WebhookPayloadModel.safeParse({ operation: 'update', documentId: 'x', type: 'sanity.imageAsset' }).success).toBe(false)
    expect(WebhookPayloadModel.safeParse({ operation: 'publish', documentId: 'x', type: 'article' }).success).toBe(false)
    expect(WebhookPayloadModel.safeParse({ _id: 'x' }).success).toBe(false)
  })
})

describe('webhook signatures', () => {
  const secret = 'a-secret-of-at-least-16-chars'
  const body = JSON.stringify({ operation: 'update', documentId: 'a', type: 'article' })

  it('accepts a fresh signature of the exact body', async () => {
    expect(await verifyWebhookSignature(body, await encodeSignatureHeader(body, Date.now(), secret), secret)).toBe('valid')
  })
  it('refuses a missing, malformed, forged or re-used one', async () => {
    const now = Date.now()
    expect(await verifyWebhookSignature(body, null, secret)).toBe('missing')
    expect(await verifyWebhookSignature(body, 'v1=abc', secret)).toBe('malformed')
    expect(await verifyWebhookSignature(body, await encodeSignatureHeader(body, now, 'another-secret-0000'), secret)).toBe('invalid')
    expect(await verifyWebhookSignature(body + ' ', await encodeSignatureHeader(body, now, secret), secret)).toBe('invalid')
    const old = now - SIGNATURE_MAX_AGE_MS - 1000
    expect(await verifyWebhookSignature(body, await encodeSignatureHeader(body, old, secret), secret, now)).toBe('expired')
  })
  it('accepts a signature once: the same request replayed within the window is refused, a new signature is not', async () => {
    const now = Date.now()
    const seen = new SeenSignatures()
    const signature = await encodeSignatureHeader(body, now, secret)
    expect(await verifyWebhookSignature(body, signature, secret, now, seen)).toBe('valid')
    expect(await verifyWebhookSignature(body, signature, secret, now + 1000, seen)).toBe('replayed')
    expect(await verifyWebhookSignature(body, signature, secret, now + SIGNATURE_MAX_AGE_MS, seen)).toBe('replayed')
    // Past the window it is expired, not replayed; a retry signed anew is valid.
    expect(await verifyWebhookSignature(body, signature, secret, now + SIGNATURE_MAX_AGE_MS + 1, seen)).toBe('expired')
    expect(await verifyWebhookSignature(body, await encodeSignatureHeader(body, now + 1, secret), secret, now + 1, seen)).toBe('valid')
  })
  it('forgets signatures past the window and stays bounded', () => {
    const seen = new SeenSignatures(3)
    for (const signature of ['a', 'b', 'c', 'd']) expect(seen.claim(signature, 0)).toBe(true)
    expect(seen.claim('a', 0)).toBe(true)
    expect(seen.claim('d', 0)).toBe(false)
    expect(seen.claim('d', 2 * SIGNATURE_MAX_AGE_MS)).toBe(true)
  })
})
