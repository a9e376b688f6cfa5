import { describe, expect, it } from 'vitest'
import { NextCacheEntries, tagsOf } from '@/server/next-cache-entries.mjs'

/** Entries as Next hands them to the cache handler: a page (tags in its headers) and a data entry. */
const page = (html: string, tags: string[]) => ({
  lastModified: 1,
  tags: [],
  value: {
    kind: 'APP_PAGE',
    html,
    rscData: Buffer.from(html),
    headers: { 'x-next-cache-tags': tags.join(',') },
    status: 200,
    segmentData: new Map([['/_tree', Buffer.from('t')]]),
  },
})
const data = (body: string, tags: string[]) => ({ lastModified: 1, tags, value: { kind: 'FETCH', data: { body, headers: {}, url: '' }, revalidate: 60 } })

describe("Next's shared cache: this process's copies", () => {
  it('a copy read while every invalidation is heard is served fresh; the last of the LRU goes beyond the budget', () => {
    const entries = new NextCacheEntries({ maxBytes: 16_000 })
    const a = page('a'.repeat(1_000), ['article:a'])
    expect(entries.keep('a', a, entries.mark())).toBe(true)
    expect(entries.fresh('a')).toBe(a)
    for (const key of ['b', 'c', 'd']) entries.keep(key, page(key.repeat(1_000), []), entries.mark())
    // Each page is about 3 kB (the HTML twice over as a string, once as bytes): a, read last, stays; b goes.
    entries.fresh('a')
    entries.keep('e', page('e'.repeat(1_000), []), entries.mark())
    expect(entries.any('b')).toBeUndefined()
    expect(entries.fresh('a')).toBe(a)
    expect(entries.size.bytes).toBeLessThanOrEqual(16_000)
  })

  it('an entry too large for a quarter of the budget is not kept, and replaces no older copy', () => {
    const entries = new NextCacheEntries({ maxBytes: 10_000 })
    entries.keep('a', page('small', []), entries.mark())
    expect(entries.keep('a', page('x'.repeat(3_000), []), entries.mark())).toBe(false)
    expect(entries.any('a')).toBeUndefined()
  })

  it('a read that began before an invalidation is not kept: it may carry what was just expired', () => {
    const entries = new NextCacheEntries({ maxBytes: 1e6 })
    for (const invalidate of [() => entries.dropTags(['unrelated']), () => entries.dropKeys(['other']), () => entries.distrust()]) {
      const since = entries.mark()
      invalidate()
      expect(entries.keep('a', page('old', ['article:a']), since)).toBe(false)
      expect(entries.any('a')).toBeUndefined()
    }
  })

  it('expired tags drop the copies that carry them, in their own list or in the page headers', () => {
    const entries = new NextCacheEntries({ maxBytes: 1e6 })
    entries.keep('page', page('p', ['article:a', 'settings']), entries.mark())
    entries.keep('data', data('{}', ['article:a']), entries.mark())
    entries.keep('other', data('{}', ['article:b']), entries.mark())
    entries.dropTags(['article:a'])
    expect([entries.any('page'), entries.any('data'), entries.any('other')].map(Boolean)).toEqual([false, false, true])
  })

  it("Next's implicit path tags drop every copy (data entries do not list them)", () => {
    const entries = new NextCacheEntries({ maxBytes: 1e6 })
    entries.keep('data', data('{}', ['article:b']), entries.mark())
    entries.dropTags(['_N_T_/news/a'])
    expect(entries.any('data')).toBeUndefined()
    expect(entries.size).toEqual({ entries: 0, bytes: 0 })
  })

  it('written keys drop their copies', () => {
    const entries = new NextCacheEntries({ maxBytes: 1e6 })
    entries.keep('a', data('1', []), entries.mark())
    entries.dropKeys(['a'])
    expect(entries.any('a')).toBeUndefined()
  })

  it('after a gap in what was heard, copies are not fresh but still serve while Redis is down; an untrusted read never is fresh', () => {
    const entries = new NextCacheEntries({ maxBytes: 1e6 })
    const a = data('1', [])
    entries.keep('a', a, entries.mark())
    entries.distrust()
    expect(entries.fresh('a')).toBeUndefined()
    expect(entries.any('a')).toBe(a)
    entries.keep('b', data('2', []), entries.mark(false))
    expect(entries.fresh('b')).toBeUndefined()
    expect(entries.any('b')).toBeDefined()
    // Read again while hearing: fresh again.
    entries.keep('a', a, entries.mark())
    expect(entries.fresh('a')).toBe(a)
  })

  it('tags of an entry: its own and its headers', () => {
    expect(tagsOf(page('p', ['x', 'y']))).toEqual(['x', 'y'])
    expect(tagsOf({ tags: ['x'], value: { headers: { 'x-next-cache-tags': 'x,z' } } })).toEqual(['x', 'z'])
    expect(tagsOf(undefined)).toEqual([])
  })
})
