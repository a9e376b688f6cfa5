import { describe, expect, it } from 'vitest'
import { formatDate } from '@/lib/format'
import { searchMetadata } from '@/formats/metadata'
import { parseSearchParams, searchHref, MAX_QUERY_LENGTH } from '@/search/params'
import { highlight, matcher, snippet, type Segment } from '@/search/snippet'
import { analyzeQuery, MAX_QUERY_WORDS, stripMarkup, WORD, words, wordsAt, wordTerms } from '@/search/text'

const plain = (segments: Segment[]) => segments.map((s) => s.text).join('')
const marked = (segments: Segment[]) => segments.filter((s) => s.match).map((s) => s.text)

describe('text analysis', () => {
  const shareATerm = (a: string, b: string) => wordTerms(a).some((term) => wordTerms(b).includes(term))

  it('splits text into words exactly as the Unicode pattern [\\p{L}\\p{N}\\p{M}]+ does, only faster', () => {
    const samples = [
      'Касым-Жомарт Токаев: «переговоры» — 16,5% (COVID-19)…',
      'Қазақстан темір жолы, eGov Mobile, Ñandú, Straße, x²+y³, ½, ª, ҂123, ё̈, 👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 中文, العربية',
      '\ud800 lone \udc00 surrogates',
    ]
    const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const next = random(7)
    for (let n = 0; n < 200; n++) {
      samples.push(Array.from({ length: 40 }, () => String.fromCodePoint(Math.floor(next() * (next() < 0.5 ? 0x600 : 0x1ffff)))).join(''))
    }
    for (const text of samples) {
      const expected = Array.from(text.matchAll(WORD), (m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }))
      expect(wordsAt(text), JSON.stringify(text)).toEqual(expected)
      expect(words(text)).toEqual(expected.map((w) => w.word))
    }
  })

  it('gives the forms of a Russian word a common term (Snowball Russian, and the stem of the stem)', () => {
    for (const [a, b] of [
      ['переговоры', 'переговорах'],
      ['переговоры', 'переговоров'],
      ['Казахстан', 'Казахстана'],
      ['Казахстан', 'Казахстане'],
      ['Казахстане', 'Казахстаном'],
      ['Токаев', 'Токаева'],
      ['Токаев', 'Токаевым'],
      ['Китай', 'Китая'],
      ['Астана', 'Астане'],
      ['инфляция', 'инфляции'],
      ['зелёного', 'зеленый'],
    ]) {
      expect(shareATerm(a!, b!), `${a} ~ ${b}`).toBe(true)
    }
    expect(shareATerm('переговоры', 'торговля')).toBe(false)
    expect(shareATerm('Казахстан', 'Узбекистан')).toBe(false)
  })

  it('stems English words with the English stemmer and leaves Kazakh words and numbers whole', () => {
    expect(wordTerms('hubs')).toEqual(wordTerms('Hub'))
    expect(wordTerms('running')).toEqual(['run'])
    expect(wordTerms('Қазақстанның')).toEqual(['қазақстанның'])
    expect(wordTerms('темір')).toEqual(['темір'])
    expect(wordTerms('2026')).toEqual(['2026'])
  })

  it('drops function words and cuts absurdly long words', () => {
    for (const word of ['и', 'в', 'на', 'что', 'the', 'of', 'және']) expect(wordTerms(word), word).toEqual([])
    expect(wordTerms('a'.repeat(1000))[0]!.length).toBeLessThanOrEqual(64)
  })

  it('analyses a query: words with alternatives, the last one also as a prefix, Kazakh words as prefixes', () => {
    const query = analyzeQuery('Переговоры и Қазақстан перегов')
    expect(query.words.map((w) => w.word)).toEqual(['переговоры', 'қазақстан', 'перегов'])
    expect(query.words[0]!.alternatives.every((a) => !a.prefix)).toBe(true)
    expect(query.words[1]!.alternatives).toContainEqual({ term: 'қазақстан', prefix: true })
    expect(query.words[2]!.alternatives).toContainEqual({ term: 'перегов', prefix: true })
    expect(analyzeQuery('и в на').onlyStopWords).toBe(true)
    expect(analyzeQuery('!!! ... ---').words).toEqual([])
    const long = analyzeQuery(Array.from({ length: 30 }, (_, i) => `слово${i}`).join(' '))
    expect(long.words).toHaveLength(MAX_QUERY_WORDS)
    expect(long.tooManyWords).toBe(true)
  })

  it('looks a whole last word up exactly and an unknown (unfinished) one as a prefix', () => {
    const known = new Set(['казахстан'])
    expect(analyzeQuery('Казахстан', (term) => known.has(term)).words[0]!.alternatives).toEqual([
      { term: 'казахста', prefix: false },
      { term: 'казахст', prefix: false },
      { term: 'казахстан', prefix: false },
    ])
    expect(analyzeQuery('Казахстан').words[0]!.alternatives).toContainEqual({ term: 'казахстан', prefix: true })
    expect(analyzeQuery('переговор').words[0]!.alternatives).toEqual([{ term: 'переговор', prefix: false }])
  })

  it('removes markup from queries, a script with its content', () => {
    expect(stripMarkup('<b>Токаев</b>').trim()).toBe('Токаев')
    expect(stripMarkup('<script>alert(1)</script>').trim()).toBe('')
    expect(stripMarkup('<!-- x --> Астана <br/>').trim()).toBe('Астана')
    expect(stripMarkup('3 < 5 > 2')).toBe('3 < 5 > 2')
  })
})

describe('snippets and highlighting', () => {
  it('marks the matched words of a title and keeps its text whole', () => {
    const title = 'Переговоры Токаева и Ван И: торговля'
    const segments = highlight(title, matcher(wordTerms('переговорах').concat(wordTerms('Токаев'))))
    expect(plain(segments)).toBe(title)
    expect(marked(segments)).toEqual(['Переговоры', 'Токаева'])
  })

  it('picks the passage with the most different matched words, with ellipses where it cuts', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `слово${i}`).join(' ')
    const text = `${filler(60)} Президент провёл переговоры в Астане. ${filler(20)} Переговоры продолжатся. ${filler(60)}`
    const segments = snippet(['Лид без совпадений.', text], matcher([...wordTerms('переговоры'), ...wordTerms('Астана')]))
    expect(segments[0]!.text).toMatch(/^…слово\d+ /)
    expect(segments.at(-1)!.text).toMatch(/ слово\d+…$/)
    expect(marked(segments)).toEqual(expect.arrayContaining(['переговоры', 'Астане']))
    expect(plain(segments).length).toBeLessThan(320)
  })

  it('prefers the lead when it matches as well as the body, and shows the lead when nothing matches', () => {
    const isMatch = matcher(wordTerms('инфляция'))
    expect(plain(snippet(['Инфляция замедлилась.', 'В тексте тоже инфляция.'], isMatch))).toBe('Инфляция замедлилась.')
    expect(plain(snippet(['Лид статьи.', 'Текст.'], matcher(['нет'])))).toBe('Лид статьи.')
    expect(snippet(['', ''], isMatch)).toEqual([])
  })
})

describe('search page parameters', () => {
  it('takes q trimmed, cuts it at 200 characters with a notice, and the first of repeated values', () => {
    expect(parseSearchParams({ q: '  переговоры   Токаева ' })).toEqual({ request: { q: 'переговоры Токаева', page: 1 }, notices: [] })
    const long = parseSearchParams({ q: 'переговоры '.repeat(100) })
    expect(Array.from(long.request.q).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH)
    expect(long.request.q.endsWith('переговоры')).toBe(true)
    expect(long.notices).toEqual([{ kind: 'truncated', length: MAX_QUERY_LENGTH }])
    expect(Array.from(parseSearchParams({ q: '🙂'.repeat(300) }).request.q)).toHaveLength(MAX_QUERY_LENGTH)
    expect(parseSearchParams({ q: ['первый', 'второй'] }).request.q).toBe('первый')
    expect(parseSearchParams({ q: 'a\u0000b\u202ec' }).request.q).toBe('a b c')
  })

  it('accepts canonical page numbers only, else page 1', () => {
    for (const [page, expected] of [
      ['2', 2],
      ['abc', 1],
      ['0', 1],
      ['-1', 1],
      ['02', 1],
      ['1.5', 1],
      ['1e3', 1],
      ['9999999', 1],
      [undefined, 1],
    ] as const) {
      expect(parseSearchParams({ page }).request.page, String(page)).toBe(expected)
    }
  })

  it('accepts real YYYY-MM-DD days, swaps a reversed range, and reports what it ignored', () => {
    expect(parseSearchParams({ from: '2026-11-01', to: '2026-11-30' })).toMatchObject({ request: { from: '2026-11-01', to: '2026-11-30' }, notices: [] })
    expect(parseSearchParams({ from: '2026-11-30', to: '2026-11-01' })).toMatchObject({
      request: { from: '2026-11-01', to: '2026-11-30' },
      notices: [{ kind: 'dates-swapped' }],
    })
    const bad = parseSearchParams({ from: '2026-02-30', to: 'вчера' })
    expect(bad.request).toMatchObject({ from: undefined, to: undefined })
    expect(bad.notices).toEqual([
      { kind: 'bad-date', field: 'from', value: '2026-02-30' },
      { kind: 'bad-date', field: 'to', value: 'вчера' },
    ])
    expect(parseSearchParams({ topic: 'torgovlya', country: '<b>' })).toMatchObject({
      request: { topic: 'torgovlya', country: undefined },
      notices: [{ kind: 'bad-filter', field: 'country', value: '<b>' }],
    })
  })

  it('builds addresses with only the set parameters', () => {
    expect(searchHref({ q: 'переговоры Токаева', topic: 'torgovlya', from: '', to: undefined }, 2)).toBe(
      '/search?q=%D0%BF%D0%B5%D1%80%D0%B5%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D1%8B+%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2%D0%B0&topic=torgovlya&page=2',
    )
    expect(searchHref({})).toBe('/search')
    expect(searchHref({ q: 'a&b=c' }, 1)).toBe('/search?q=a%26b%3Dc')
  })
})

describe('search page head', () => {
  const ctx = { settings: { title: 'Baspa', description: undefined, logo: undefined, navigation: [] }, siteUrl: 'https://baspa.example', locale: 'ru' as const }

  it('is noindex but followed, titled with the query (shortened), without a canonical address', () => {
    const meta = searchMetadata({ q: 'переговоры Токаева' }, ctx)
    expect(meta.title).toBe('Поиск: переговоры Токаева')
    expect(meta.robots).toEqual({ index: false, follow: true })
    expect(meta.alternates?.canonical).toBeUndefined()
    expect(searchMetadata({ q: '' }, ctx).title).toBe('Поиск')
    const long = searchMetadata({ q: 'а'.repeat(200) }, ctx).title as string
    expect(long.length).toBeLessThanOrEqual('Поиск: '.length + 61)
    expect(long.endsWith('…')).toBe(true)
  })

  it('dates of results carry the year, in Almaty time', () => {
    expect(formatDate('2026-11-27T19:30:00.000Z')).toBe('28 ноября 2026 г.')
  })
})
