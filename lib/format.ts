import { DEFAULT_LOCALE, LOCALE_TAGS, type Locale } from './locale'

/** Reader-facing formatting per locale, always in Asia/Almaty time (UTC+5), as the newsroom prints it. */

export const SITE_TIME_ZONE = 'Asia/Almaty'

/** Intl formatters are costly to build and immutable: one per locale and style, built on first use. */
function perLocale<T>(build: (tag: string) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>()
  return (locale) => {
    let value = made.get(locale)
    if (!value) made.set(locale, (value = build(LOCALE_TAGS[locale].bcp47)))
    return value
  }
}

const dateTime = perLocale(
  (tag) =>
    new Intl.DateTimeFormat(tag, {
      timeZone: SITE_TIME_ZONE,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
)
const longDate = perLocale((tag) => new Intl.DateTimeFormat(tag, { timeZone: SITE_TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }))
const shortDate = perLocale((tag) => new Intl.DateTimeFormat(tag, { timeZone: SITE_TIME_ZONE, day: 'numeric', month: 'long' }))
// Clock time is 24-hour in all three editions (en-GB's cycle; en-US would print «11:40 AM»).
const time = perLocale((tag) => new Intl.DateTimeFormat(tag, { timeZone: SITE_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }))
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: SITE_TIME_ZONE })
const pluralRules = perLocale((tag) => new Intl.PluralRules(tag))

/** «28 ноября 2026 г. в 11:40», «28 қараша 2026 ж. 11:40», «November 28, 2026 at 11:40» */
export function formatDateTime(iso: string, locale: Locale = DEFAULT_LOCALE): string {
  return dateTime(locale).format(new Date(iso))
}

/** «28 ноября 2026 г.» (search results span years). */
export function formatDate(iso: string, locale: Locale = DEFAULT_LOCALE): string {
  return longDate(locale).format(new Date(iso))
}

/** Cards: «11:40» for today's news, «27 ноября» for older. */
export function formatCardDate(iso: string, now: Date = new Date(), locale: Locale = DEFAULT_LOCALE): string {
  const date = new Date(iso)
  return dayKey.format(date) === dayKey.format(now) ? time(locale).format(date) : shortDate(locale).format(date)
}

/**
 * A noun's forms by CLDR plural category. `other` is required (every language has it); Russian also
 * needs `one`, `few` and `many`, Kazakh and English `one`.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }

/** The form of `forms` that `count` takes in `locale`, without the number. */
export function pluralForm(locale: Locale, count: number, forms: PluralForms): string {
  return forms[pluralRules(locale).select(count)] ?? forms.other
}

/** countOf('ru', 5, { one: 'статья', few: 'статьи', many: 'статей', other: 'статьи' }) → «5 статей» */
export function countOf(locale: Locale, count: number, forms: PluralForms): string {
  return `${count} ${pluralForm(locale, count, forms)}`
}

/** pluralize(5, ['статья', 'статьи', 'статей']) → «5 статей» (Russian). */
export function pluralize(count: number, [one, few, many]: readonly [string, string, string]): string {
  return countOf('ru', count, { one, few, many, other: few })
}

export const articlesCount = (count: number) => pluralize(count, ['статья', 'статьи', 'статей'])
