import { DEFAULT_LOCALE, LOCALES, localizePath, type Locale } from './locale'
import type { ArchiveKind } from './archive-kinds'

/**
 * The site's URL scheme, in one place: pages, head metadata, JSON-LD, feeds and sitemaps use it.
 * Every reader path takes the locale last (Russian, unprefixed, when left out: feeds and sitemaps).
 */
export const homePath = (locale: Locale = DEFAULT_LOCALE) => localizePath(locale, '/')

export const articlePath = (slug: string, locale: Locale = DEFAULT_LOCALE) => localizePath(locale, `/news/${slug}`)

/** Page 1 of an archive lives at the section's own URL; page N at …/page/N. */
export const archivePath = (kind: ArchiveKind, slug: string, page = 1, locale: Locale = DEFAULT_LOCALE) =>
  localizePath(locale, page <= 1 ? `/${kind}/${slug}` : `/${kind}/${slug}/page/${page}`)

export type IndexedArchiveKind = Exclude<ArchiveKind, 'authors'>

/** The index of a kind of archive: /topics, /people, /countries (authors have none); the people index has pages, /people/page/2. */
export const archiveIndexPath = (kind: IndexedArchiveKind, locale: Locale = DEFAULT_LOCALE, page = 1) =>
  localizePath(locale, page <= 1 ? `/${kind}` : `/${kind}/page/${page}`)

export const topicsIndexPath = (locale: Locale = DEFAULT_LOCALE) => archiveIndexPath('topics', locale)

export const searchPath = (locale: Locale = DEFAULT_LOCALE) => localizePath(locale, '/search')

/** A page's address in each edition that has it. */
export type EditionPaths = Partial<Record<Locale, string>>

/** Pages that exist in every edition under the same site path (home, indexes, archives). */
export const inEveryEdition = (path: (locale: Locale) => string): EditionPaths => Object.fromEntries(LOCALES.map((locale) => [locale, path(locale)]))

/** An article's address in each language it is translated into, its own included. */
export function articleEditions(article: { slug: string; language: Locale; translations: { slug: string; language: Locale }[] }): EditionPaths {
  const editions: EditionPaths = Object.fromEntries(article.translations.map((t) => [t.language, articlePath(t.slug, t.language)]))
  editions[article.language] = articlePath(article.slug, article.language)
  return editions
}

/**
 * Path segments longer than this are no address of the site (slugs have at most 96 characters).
 * Next keeps rendered pages, not-founds included, as files named after their path, and a file name
 * may not pass 255 bytes nor hold a NUL: a 3 000-character slug, or `%00`, would fail that write
 * (ENAMETOOLONG, "path … without null bytes") with a stack trace in the log.
 */
export const MAX_SEGMENT_LENGTH = 200
/** A segment no address has: slugs are lower-case letters, digits and hyphens. */
const NO_SUCH_SEGMENT = '_'
const CONTROL = /[\u0000-\u001f\u007f]/

/** Whether a segment could be an address of the site at all (`segment` as sent, percent-encoded). */
function possibleSegment(segment: string): boolean {
  if (segment.length > MAX_SEGMENT_LENGTH) return false
  try {
    return !CONTROL.test(decodeURIComponent(segment))
  } catch {
    return false
  }
}

/** The path with every segment that cannot be an address read as NO_SUCH_SEGMENT: the request gets the page's own 404. */
export const withoutImpossibleSegments = (pathname: string) =>
  pathname
    .split('/')
    .map((segment) => (possibleSegment(segment) ? segment : NO_SUCH_SEGMENT))
    .join('/')
