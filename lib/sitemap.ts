import { ARCHIVE_KINDS, type ArchiveKind } from './archive-kinds'
/**
 * Sitemaps (sitemaps.org 0.9) with Google's image and news extensions, written by hand: Next's
 * built-in `app/sitemap.ts` + `generateSitemaps` serves `/sitemap/<id>.xml` without an index at
 * `/sitemap.xml`, has no news extension, and writes URLs unescaped (an image URL's `&` breaks the XML).
 * Everything here is pure: names and chunks of the child sitemaps, XML escaping, dates, the builders.
 */
import type { MetadataRoute } from 'next'

const SITEMAP_INDEX_PATH = '/sitemap.xml'
export const NEWS_SITEMAP_PATH = '/news-sitemap.xml'

/**
 * Articles per article sitemap. sitemaps.org allows 50 000 URLs, but a chunk is rendered in one
 * request on the site's one thread and kept as one cache entry: 1 000 (Yoast SEO's default too)
 * render in tens of milliseconds at 100 000 articles, where 5 000 held every other request for
 * 200 ms and 50 000 made an entry of 12.5 MB, which Next refused to cache.
 */
export const SITEMAP_MAX_URLS = 1_000

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'

/** Archive sections with a page per document at `/<kind>/<slug>`. */

/** A child sitemap of the index: `/sitemaps/articles-<n>.xml`, `/sitemaps/<taxonomy>.xml`, `/sitemaps/pages.xml`. */
export type SitemapName = { kind: 'articles'; chunk: number } | { kind: ArchiveKind } | { kind: 'pages' }

export function sitemapFileName(name: SitemapName): string {
  return name.kind === 'articles' ? `articles-${name.chunk}.xml` : `${name.kind}.xml`
}

export const sitemapPath = (name: SitemapName) => `/sitemaps/${sitemapFileName(name)}`

const isTaxonomy = (kind: string): kind is ArchiveKind => (ARCHIVE_KINDS as readonly string[]).includes(kind)

/** The child sitemap a file name stands for; null for anything else (the route answers 404). Chunks are canonical positive integers. */
export function parseSitemapFileName(file: string): SitemapName | null {
  const chunk = /^articles-([1-9]\d{0,5})\.xml$/.exec(file)
  if (chunk) return { kind: 'articles', chunk: Number(chunk[1]) }
  const kind = /^([a-z]+)\.xml$/.exec(file)?.[1]
  if (kind === 'pages') return { kind }
  return kind && isTaxonomy(kind) ? { kind } : null
}

/** How many article sitemaps `total` articles need. */
export const chunkCount = (total: number, size = SITEMAP_MAX_URLS) => Math.ceil(total / size)

/** The slice `[start...end]` of the articles (oldest first) that chunk n (from 1) holds. */
export const chunkRange = (chunk: number, size = SITEMAP_MAX_URLS) => ({ start: (chunk - 1) * size, end: chunk * size })

/**
 * Article chunks whose lastmods the index reads in one query: 5 000 lastmods, about 200 kB of JSON
 * and 115 ms through the lake's HTTP API at 100 000 articles, so that no reader's query waits long
 * behind one.
 */
export const LASTMOD_PAGE_CHUNKS = 5

/** The slice `[start...end]` of the articles whose lastmods page n (from 1) of the index holds. */
export const lastmodPageRange = (page: number, size = SITEMAP_MAX_URLS) => chunkRange(page, LASTMOD_PAGE_CHUNKS * size)

// Characters XML 1.0 forbids even escaped (control characters, lone surrogates, U+FFFE/FFFF): dropped.
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Text or attribute content: the five markup characters as entities, characters XML cannot carry removed. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (char) => ENTITIES[char]!)
}

/** A W3C Datetime in UTC to the second (`2026-11-28T06:40:00Z`), as sitemaps and Google News expect. */
export function w3cDatetime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`)
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** The latest of some ISO dates (by instant, not by spelling); undefined when there is none. */
export function newest(dates: readonly (string | null | undefined)[]): string | undefined {
  let best: string | undefined
  for (const date of dates) {
    if (date && !Number.isNaN(Date.parse(date)) && (best === undefined || Date.parse(date) > Date.parse(best))) best = date
  }
  return best
}

const element = (name: string, text: string, indent: string) => `${indent}<${name}>${escapeXml(text)}</${name}>`
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

export interface SitemapUrl {
  /** Absolute URL of the page. */
  loc: string
  lastmod?: string
  /** Absolute URLs of the page's images (Google's image extension: `image:loc` only, its other fields are deprecated). */
  images?: readonly string[]
}

export function buildUrlset(urls: readonly SitemapUrl[]): string {
  const withImages = urls.some((url) => url.images?.length)
  const lines = [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}"${withImages ? ` xmlns:image="${IMAGE_NS}"` : ''}>`]
  for (const url of urls) {
    lines.push('  <url>', element('loc', url.loc, '    '))
    if (url.lastmod) lines.push(element('lastmod', w3cDatetime(url.lastmod), '    '))
    for (const image of url.images ?? []) lines.push('    <image:image>', element('image:loc', image, '      '), '    </image:image>')
    lines.push('  </url>')
  }
  lines.push('</urlset>', '')
  return lines.join('\n')
}

export interface SitemapRef {
  /** Absolute URL of the child sitemap. */
  loc: string
  lastmod?: string
}

export function buildSitemapIndex(sitemaps: readonly SitemapRef[]): string {
  const lines = [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NS}">`]
  for (const sitemap of sitemaps) {
    lines.push('  <sitemap>', element('loc', sitemap.loc, '    '))
    if (sitemap.lastmod) lines.push(element('lastmod', w3cDatetime(sitemap.lastmod), '    '))
    lines.push('  </sitemap>')
  }
  lines.push('</sitemapindex>', '')
  return lines.join('\n')
}

export interface NewsSitemapEntry {
  /** Absolute URL of the article. */
  loc: string
  title: string
  publishedAt: string
  /** ISO 639 code of the article's language. */
  language: string
}

/** Google News sitemap; `publication` is the site's name as Google News knows it. */
export function buildNewsSitemap(entries: readonly NewsSitemapEntry[], publication: string): string {
  const lines = [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`]
  for (const entry of entries) {
    lines.push(
      '  <url>',
      element('loc', entry.loc, '    '),
      '    <news:news>',
      '      <news:publication>',
      element('news:name', publication, '        '),
      element('news:language', entry.language, '        '),
      '      </news:publication>',
      element('news:publication_date', w3cDatetime(entry.publishedAt), '      '),
      element('news:title', entry.title, '      '),
      '    </news:news>',
      '  </url>',
    )
  }
  lines.push('</urlset>', '')
  return lines.join('\n')
}

/**
 * Everything is crawlable except the Studio, the API (webhook, draft mode) and search results; the
 * images the local lake serves under /lake/images stay crawlable. Both sitemaps are named.
 */
const ROBOTS_DISALLOW = ['/studio', '/api/', '/search'] as const

export function robotsRules(siteUrl: string): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: [...ROBOTS_DISALLOW] },
    sitemap: [`${siteUrl}${SITEMAP_INDEX_PATH}`, `${siteUrl}${NEWS_SITEMAP_PATH}`],
  }
}

export const xmlResponse = (xml: string) => new Response(xml, { headers: { 'content-type': 'application/xml; charset=utf-8' } })

export const notFoundResponse = () => new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
