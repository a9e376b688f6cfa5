import { describe, expect, it } from 'vitest'
import { countOf, formatCardDate, formatDate, formatDateTime } from '@/lib/format'
import { LOCALES, isLocale, localizePath, splitLocale } from '@/lib/locale'
import { languageAlternates } from '@/formats/metadata'
import { archivePath, articlePath, homePath, searchPath } from '@/lib/paths'
import { MESSAGES } from '@/messages'

/** Every key path of a message object (functions and strings are leaves, arrays count as leaves). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key))
}
/** Plural forms are objects keyed by CLDR category, which differ by language: compared as leaves. */
const PLURAL_PREFIX = 'plural.'
const comparable = (paths: string[]) =>
  [...new Set(paths.map((path) => (path.startsWith(PLURAL_PREFIX) ? path.split('.').slice(0, 2).join('.') : path)))].sort()

describe('message files', () => {
  it.each(['kk', 'en'] as const)('%s has exactly the Russian keys', (locale) => {
    expect(comparable(keyPaths(MESSAGES[locale]))).toEqual(comparable(keyPaths(MESSAGES.ru)))
  })

  it.each(LOCALES)('%s has no empty string and its functions return text', (locale) => {
    for (const path of keyPaths(MESSAGES[locale])) {
      const leaf = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], MESSAGES[locale])
      if (typeof leaf === 'string') expect(leaf.trim(), path).not.toBe('')
      else if (typeof leaf === 'function') expect((leaf as (...args: unknown[]) => unknown)('X', 2, 3), path).toMatch(/\S/)
    }
  })

  it('Kazakh and English strings are not the Russian ones', () => {
    expect(MESSAGES.kk.chrome.allTopics).toBe('Барлық тақырыптар')
    expect(MESSAGES.en.chrome.allTopics).toBe('All topics')
    expect(MESSAGES.kk.home.latest).not.toBe(MESSAGES.ru.home.latest)
  })
})

describe('plurals per locale', () => {
  it('Russian: 1 статья, 2 статьи, 5 статей, 21 статья', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 111].map((n) => countOf('ru', n, MESSAGES.ru.plural.articles))).toEqual([
      '1 статья',
      '2 статьи',
      '5 статей',
      '11 статей',
      '21 статья',
      '22 статьи',
      '25 статей',
      '111 статей',
    ])
  })
  it('Kazakh nouns do not change after numerals', () => {
    expect([1, 2, 5, 21].map((n) => countOf('kk', n, MESSAGES.kk.plural.articles))).toEqual(['1 мақала', '2 мақала', '5 мақала', '21 мақала'])
  })
  it('English: 1 article, 2 articles, 0 articles', () => {
    expect([1, 2, 0, 21].map((n) => countOf('en', n, MESSAGES.en.plural.articles))).toEqual(['1 article', '2 articles', '0 articles', '21 articles'])
  })
  it('search counts agree with the verb', () => {
    expect(MESSAGES.ru.search.found('x', '', 21)).toBe('По запросу «x» найден 21 материал')
    expect(MESSAGES.ru.search.found('x', '', 5)).toBe('По запросу «x» найдено 5 материалов')
    expect(MESSAGES.en.search.found('x', '', 1)).toBe('1 result for “x”')
  })
})

describe('dates per locale in Asia/Almaty', () => {
  // 06:40 UTC is 11:40 in Almaty; 20:30 UTC on 31 December is already 1 January there.
  it('formats date and time', () => {
    expect(formatDateTime('2026-11-28T06:40:00Z', 'ru')).toBe('28 ноября 2026 г. в 11:40')
    expect(formatDateTime('2026-11-28T06:40:00Z', 'kk')).toBe('2026 ж. 28 қараша, 11:40')
    expect(formatDateTime('2026-11-28T06:40:00Z', 'en')).toBe('November 28, 2026 at 11:40')
    expect(formatDate('2026-12-31T20:30:00Z', 'kk')).toBe('2027 ж. 1 қаңтар')
    expect(formatDate('2026-12-31T20:30:00Z', 'en')).toBe('January 1, 2027')
  })
  it('cards show the time today and the day before', () => {
    const now = new Date('2026-11-28T12:00:00Z')
    expect(formatCardDate('2026-11-28T06:40:00Z', now, 'en')).toBe('11:40')
    expect(formatCardDate('2026-11-27T06:40:00Z', now, 'en')).toBe('November 27')
    expect(formatCardDate('2026-11-27T06:40:00Z', now, 'kk')).toBe('27 қараша')
  })
})

describe('locale paths', () => {
  it('Russian is unprefixed, Kazakh and English are prefixed', () => {
    expect(homePath('ru')).toBe('/')
    expect(homePath('kk')).toBe('/kk')
    expect(articlePath('x', 'en')).toBe('/en/news/x')
    expect(articlePath('x')).toBe('/news/x')
    expect(archivePath('topics', 't', 2, 'kk')).toBe('/kk/topics/t/page/2')
    expect(searchPath('en')).toBe('/en/search')
    expect(localizePath('ru', '/topics')).toBe('/topics')
  })
  it('splits an address into its edition and site path', () => {
    expect(splitLocale('/kk/news/x')).toEqual({ locale: 'kk', path: '/news/x', prefixed: true })
    expect(splitLocale('/en')).toEqual({ locale: 'en', path: '/', prefixed: true })
    expect(splitLocale('/ru/topics')).toEqual({ locale: 'ru', path: '/topics', prefixed: true })
    expect(splitLocale('/news/x')).toEqual({ locale: 'ru', path: '/news/x', prefixed: false })
    // Two letters that are no edition, and a word that starts with one, are not prefixes.
    expect(splitLocale('/xx/news')).toEqual({ locale: 'ru', path: '/xx/news', prefixed: false })
    expect(splitLocale('/kkz')).toEqual({ locale: 'ru', path: '/kkz', prefixed: false })
    expect(isLocale('de')).toBe(false)
  })
  it('hreflang alternates: every edition and x-default → Russian; none for a single edition', () => {
    expect(languageAlternates({ ru: '/news/a', kk: '/kk/news/b' })).toEqual({ ru: '/news/a', kk: '/kk/news/b', 'x-default': '/news/a' })
    expect(languageAlternates({ kk: '/kk/news/b' })).toBeUndefined()
    expect(languageAlternates({ kk: '/kk/news/b', en: '/en/news/c' })).toEqual({ kk: '/kk/news/b', en: '/en/news/c' })
  })
})
