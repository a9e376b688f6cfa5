/**
 * The site's languages and how they appear in addresses: Russian at the root (no prefix), Kazakh
 * under /kk, English under /en. Internally every reader page lives under app/(site)/[locale]; the
 * proxy rewrites unprefixed addresses to the Russian segment and answers /ru/… with 308.
 */
export const LOCALES = ['ru', 'kk', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'ru'

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

/** What Intl formatters, <html lang>, og:locale and hreflang call each language. */
export const LOCALE_TAGS: Record<Locale, { bcp47: string; og: string }> = {
  ru: { bcp47: 'ru-RU', og: 'ru_RU' },
  kk: { bcp47: 'kk-KZ', og: 'kk_KZ' },
  en: { bcp47: 'en-US', og: 'en_US' },
}

/** A site path (`/news/x`, `/`) as readers of `locale` address it: unprefixed for Russian. */
export function localizePath(locale: Locale, path: string): string {
  if (locale === DEFAULT_LOCALE) return path
  return path === '/' ? `/${locale}` : `/${locale}${path}`
}

/**
 * The locale an address names and the site path inside it: `/kk/news/x` → kk, `/news/x`. An
 * unprefixed address is Russian; `/ru/…` is reported as such so the proxy can redirect it.
 */
export function splitLocale(pathname: string): { locale: Locale; path: string; prefixed: boolean } {
  const match = /^\/([a-z]{2})(?=\/|$)(.*)$/.exec(pathname)
  if (match && isLocale(match[1])) return { locale: match[1], path: match[2] || '/', prefixed: true }
  return { locale: DEFAULT_LOCALE, path: pathname, prefixed: false }
}
