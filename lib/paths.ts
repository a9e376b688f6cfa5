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

/** The index of a kind of archive: /topics, /people, /countries (authors have none). */
export const archiveIndexPath = (kind: IndexedArchiveKind, locale: Locale = DEFAULT_LOCALE) => localizePath(locale, `/${kind}`)

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
