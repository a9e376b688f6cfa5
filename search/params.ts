import type { SearchRequest } from './search-index'
import { searchPath } from '@/lib/paths'

/**
 * The search page's address: `/search?q=&topic=&country=&from=&to=&page=`. Whatever a reader or a
 * robot puts there gives a page, never an error: a too long query is cut (with a notice), a malformed
 * date is ignored (with a notice), a malformed page number is page 1 and a page past the last is the
 * last (the index clamps it). Whether a topic or country exists is for the index to say.
 */

export const MAX_QUERY_LENGTH = 200
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const PAGE = /^[1-9]\d{0,5}$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export type SearchNotice =
  | { kind: 'truncated'; length: number }
  | { kind: 'bad-date'; field: 'from' | 'to'; value: string }
  | { kind: 'dates-swapped' }
  | { kind: 'bad-filter'; field: 'topic' | 'country'; value: string }

export interface ParsedSearch {
  request: SearchRequest
  notices: SearchNotice[]
}

type RawParams = Record<string, string | string[] | undefined>

/** The first value of a parameter, without control characters, whitespace collapsed and trimmed. */
function value(raw: RawParams, name: string): string {
  const given = raw[name]
  const first = Array.isArray(given) ? given[0] : given
  return (first ?? '')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
}

/** At most `max` characters (code points), cut at a word boundary when one is near. */
function bound(text: string, max: number): string {
  const chars = Array.from(text)
  if (chars.length <= max) return text
  const cut = chars.slice(0, max).join('')
  const space = cut.lastIndexOf(' ')
  return (space > cut.length - 30 && space > 0 ? cut.slice(0, space) : cut).trim()
}

/** A real calendar day as YYYY-MM-DD, or undefined. */
function parseDay(text: string): string | undefined {
  const match = DATE.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return year >= 1900 && year <= 2999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? text : undefined
}

export function parseSearchParams(raw: RawParams): ParsedSearch {
  const notices: SearchNotice[] = []
  const fullQuery = value(raw, 'q')
  const q = bound(fullQuery, MAX_QUERY_LENGTH)
  if (q !== fullQuery) notices.push({ kind: 'truncated', length: MAX_QUERY_LENGTH })

  const pageText = value(raw, 'page')
  const page = PAGE.test(pageText) ? Number(pageText) : 1

  const slug = (field: 'topic' | 'country') => {
    const text = value(raw, field)
    if (!text) return undefined
    if (text.length <= 96 && SLUG.test(text)) return text
    notices.push({ kind: 'bad-filter', field, value: bound(text, 40) })
    return undefined
  }
  const day = (field: 'from' | 'to') => {
    const text = value(raw, field)
    if (!text) return undefined
    const parsed = parseDay(text)
    if (!parsed) notices.push({ kind: 'bad-date', field, value: bound(text, 40) })
    return parsed
  }
  const topic = slug('topic')
  const country = slug('country')
  let from = day('from')
  let to = day('to')
  if (from && to && from > to) {
    ;[from, to] = [to, from]
    notices.push({ kind: 'dates-swapped' })
  }
  return { request: { q, page, topic, country, from, to }, notices }
}

/** The address of a search (page 1 unless given), with only the parameters that are set. */
export function searchHref(request: Partial<SearchRequest>, page = 1): string {
  const params = new URLSearchParams()
  if (request.q) params.set('q', request.q)
  if (request.topic) params.set('topic', request.topic)
  if (request.country) params.set('country', request.country)
  if (request.from) params.set('from', request.from)
  if (request.to) params.set('to', request.to)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  // The language is the edition's address, not a parameter.
  const path = searchPath(request.language)
  return query ? `${path}?${query}` : path
}
