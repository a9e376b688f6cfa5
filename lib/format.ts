/** Reader-facing formatting: Russian, Asia/Almaty time (UTC+5), as the newsroom prints it. */

export const SITE_TIME_ZONE = 'Asia/Almaty'

const dateTime = new Intl.DateTimeFormat('ru-RU', {
  timeZone: SITE_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

const longDate = new Intl.DateTimeFormat('ru-RU', { timeZone: SITE_TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' })
const shortDate = new Intl.DateTimeFormat('ru-RU', { timeZone: SITE_TIME_ZONE, day: 'numeric', month: 'long' })
const time = new Intl.DateTimeFormat('ru-RU', { timeZone: SITE_TIME_ZONE, hour: '2-digit', minute: '2-digit' })
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: SITE_TIME_ZONE })

/** «28 ноября 2026 г. в 11:40» */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso))
}

/** «28 ноября 2026 г.» (search results span years). */
export function formatDate(iso: string): string {
  return longDate.format(new Date(iso))
}

/** Cards: «11:40» for today's news, «27 ноября» for older. */
export function formatCardDate(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  return dayKey.format(date) === dayKey.format(now) ? time.format(date) : shortDate.format(date)
}

const pluralRules = new Intl.PluralRules('ru-RU')

/** pluralize(5, ['статья', 'статьи', 'статей']) → «5 статей» */
export function pluralize(count: number, [one, few, many]: readonly [string, string, string]): string {
  const form = pluralRules.select(count)
  return `${count} ${form === 'one' ? one : form === 'few' ? few : many}`
}

export const articlesCount = (count: number) => pluralize(count, ['статья', 'статьи', 'статей'])
