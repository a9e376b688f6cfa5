import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { articlesCount, formatCardDate, formatDateTime, pluralize } from '@/lib/format'
import { toPortableText } from '@/scripts/demo/portable-text'
import sanityImageLoader from '@/sanity/image-loader'
import { EnvError, readEnv } from '@/sanity/env'
import type { RelatedCandidate } from '@/sanity/models'
import { pageCount, pageRange, parsePageNumber } from '@/sanity/pagination'
import { pickRelated } from '@/sanity/related'

describe('page numbers', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['120', 120],
    ['0', null],
    ['-1', null],
    ['02', null],
    ['2.0', null],
    ['1e3', null],
    ['abc', null],
    ['', null],
    ['9999999', null],
  ])('%s → %s', (segment, page) => expect(parsePageNumber(segment)).toBe(page))

  it('counts pages and ranges', () => {
    expect(pageCount(0)).toBe(1)
    expect(pageCount(20)).toBe(1)
    expect(pageCount(21)).toBe(2)
    expect(pageRange(3)).toEqual({ start: 40, end: 60 })
  })
})

describe('related articles', () => {
  const card = (id: string, relevance: number): RelatedCandidate => ({
    _id: id,
    title: id,
    slug: id,
    lead: 'lead',
    publishedAt: '2026-01-01T00:00:00Z',
    updatedAt: undefined,
    image: undefined,
    topic: undefined,
    relevance,
  })
  it('keeps up to six sharing articles and drops the rest', () => {
    const picked = pickRelated([3, 2, 2, 1, 1, 1, 1, 0].map((r, i) => card(`a${i}`, r)))
    expect(picked.map((c) => c._id)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5'])
    expect(picked[0]).not.toHaveProperty('relevance')
  })
  it('fills up to three with recent unrelated articles', () => {
    expect(pickRelated([card('a', 1), card('b', 0), card('c', 0), card('d', 0)]).map((c) => c._id)).toEqual(['a', 'b', 'c'])
    expect(pickRelated([card('b', 0)]).map((c) => c._id)).toEqual(['b'])
    expect(pickRelated([])).toEqual([])
  })
})

describe('formatting for readers', () => {
  it('prints Almaty time in Russian', () => {
    expect(formatDateTime('2026-11-28T06:40:00Z')).toBe('28 ноября 2026 г. в 11:40')
    expect(formatDateTime('2026-12-31T20:30:00Z')).toBe('1 января 2027 г. в 01:30')
  })
  it('cards show the time for today and the date before that (Almaty days)', () => {
    const now = new Date('2026-11-28T10:00:00Z')
    expect(formatCardDate('2026-11-28T06:40:00Z', now)).toBe('11:40')
    expect(formatCardDate('2026-11-27T18:59:00Z', now)).toBe('27 ноября')
    expect(formatCardDate('2026-11-27T19:00:00Z', now)).toBe('00:00')
  })
  it('pluralizes Russian nouns', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 101, 111].map(articlesCount)).toEqual([
      '1 статья',
      '2 статьи',
      '5 статей',
      '11 статей',
      '21 статья',
      '22 статьи',
      '25 статей',
      '101 статья',
      '111 статей',
    ])
    expect(pluralize(0, ['a', 'b', 'c'])).toBe('0 c')
  })
})

describe('environment', () => {
  it('defaults to the local lake', () => {
    const env = readEnv({})
    expect(env.backend).toMatchObject({ mode: 'local', projectId: 'local', dataset: 'production', apiHost: 'http://127.0.0.1:3444' })
    expect(env.backend.mode === 'local' && env.backend.lake).toMatchObject({
      databaseFile: resolve('.data/lake.sqlite'),
      apiPort: 3443,
      httpPort: 3444,
      external: false,
    })
    expect(env.siteUrl).toBe('http://localhost:3000')
  })
  it('reads a lake started elsewhere when LAKE_URL is set, and starts none', () => {
    const env = readEnv({ LAKE_URL: 'http://lake.internal:3444/' })
    expect(env.backend).toMatchObject({ mode: 'local', apiHost: 'http://lake.internal:3444' })
    expect(env.backend.mode === 'local' && env.backend.lake.external).toBe(true)
  })
  it('chooses hosted Sanity when project and dataset are set', () => {
    const env = readEnv({ SANITY_PROJECT_ID: 'abc123', SANITY_DATASET: 'production', SANITY_API_READ_TOKEN: 'sk', SITE_URL: 'https://baspa.kz/' })
    expect(env.backend).toMatchObject({ mode: 'hosted', projectId: 'abc123', dataset: 'production', token: 'sk' })
    expect(env.siteUrl).toBe('https://baspa.kz')
  })
  it('treats blank variables as unset', () => {
    expect(readEnv({ SANITY_PROJECT_ID: '', SANITY_DATASET: ' ' }).backend.mode).toBe('local')
  })
  it('explains a half or malformed configuration', () => {
    expect(() => readEnv({ SANITY_PROJECT_ID: 'abc' })).toThrow(/set both SANITY_PROJECT_ID and SANITY_DATASET/)
    expect(() => readEnv({ SANITY_PROJECT_ID: 'ABC!', SANITY_DATASET: 'x' })).toThrow(EnvError)
    expect(() => readEnv({ SITE_URL: 'not a url' })).toThrow(/SITE_URL/)
  })
})

describe('image loader', () => {
  it('sets the width, keeps the crop ratio and adds quality and auto format', () => {
    const url = sanityImageLoader({
      src: '/lake/images/local/production/abc-1600x900.jpg?rect=0,0,1600,900&w=1600&h=900&fit=crop&auto=format',
      width: 640,
      quality: 80,
    })
    const params = new URL(url, 'http://x').searchParams
    expect(url.startsWith('/lake/images/local/production/abc-1600x900.jpg?')).toBe(true)
    expect([params.get('w'), params.get('h'), params.get('q'), params.get('fit'), params.get('rect')]).toEqual(['640', '360', '80', 'crop', '0,0,1600,900'])
  })
  it('keeps absolute CDN URLs absolute', () => {
    expect(sanityImageLoader({ src: 'https://cdn.sanity.io/images/p/d/abc-10x10.png', width: 100 })).toBe(
      'https://cdn.sanity.io/images/p/d/abc-10x10.png?w=100&q=75&auto=format',
    )
  })
})

describe('demo Portable Text', () => {
  it('turns links and bold into annotations and decorators, with stable keys', () => {
    const [block] = toPortableText(['См. [сайт](https://gov.kz/) и **важное**.'], 'slug') as {
      children: { text: string; marks: string[] }[]
      markDefs: { _key: string; href: string }[]
    }[]
    expect(block!.children.map((c) => c.text)).toEqual(['См. ', 'сайт', ' и ', 'важное', '.'])
    expect(block!.markDefs[0]!.href).toBe('https://gov.kz/')
    expect(block!.children[1]!.marks).toEqual([block!.markDefs[0]!._key])
    expect(block!.children[3]!.marks).toEqual(['strong'])
    expect(toPortableText(['x'], 'slug')).toEqual(toPortableText(['x'], 'slug'))
  })
  it('makes headings, quotes and lists', () => {
    const blocks = toPortableText([{ h2: 'H' }, { quote: 'Q' }, { ol: ['1', '2'] }], 's') as { style: string; listItem?: string }[]
    expect(blocks.map((b) => [b.style, b.listItem])).toEqual([
      ['h2', undefined],
      ['blockquote', undefined],
      ['normal', 'number'],
      ['normal', 'number'],
    ])
  })
})
