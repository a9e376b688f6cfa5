import { wordTerms, wordsAt, type WordAt } from './text'

/** A piece of text, marked when it is a word the query matched. React renders marks as <mark>, with no HTML strings. */
export interface Segment {
  text: string
  match: boolean
}

/** Whether a word of the text is one of the terms a search result matched. */
export type MatchTest = (word: string) => boolean

export function matcher(matchedTerms: Iterable<string>): MatchTest {
  const terms = new Set(matchedTerms)
  return (word) => wordTerms(word).some((term) => terms.has(term))
}

/** The whole text, its matched words marked. */
export function highlight(text: string, isMatch: MatchTest): Segment[] {
  return segments(text, wordsAt(text), 0, text.length, isMatch)
}

const SNIPPET_WORDS = 32
const SNIPPET_MAX_CHARS = 280
const ELLIPSIS = '…'

/**
 * The best passage of the first text with matches (lead, then body): the window of SNIPPET_WORDS
 * words holding the most different matched words (then the most matches), centred on them, with «…»
 * where it cuts the text. Without any match: the beginning of the first non-empty text.
 */
export function snippet(texts: string[], isMatch: MatchTest, size = SNIPPET_WORDS): Segment[] {
  let best: { text: string; words: WordAt[]; from: number; to: number; score: number } | undefined
  for (const text of texts) {
    if (!text) continue
    const all = wordsAt(text)
    const window = bestWindow(all, isMatch, size)
    // A later text must be strictly better to win: the lead is the summary readers expect.
    if (window && (!best || window.score > best.score)) best = { text, words: all, ...window }
  }
  if (!best) {
    const text = texts.find(Boolean) ?? ''
    const all = wordsAt(text)
    return excerpt(text, all, 0, Math.min(all.length, size), isMatch)
  }
  return excerpt(best.text, best.words, best.from, best.to, isMatch)
}

/** The window [from, to) of words with the highest score, or undefined when no word matches. */
function bestWindow(all: WordAt[], isMatch: MatchTest, size: number) {
  const matched = all.map((w) => isMatch(w.word))
  if (!matched.includes(true)) return undefined
  const key = (i: number) => wordTerms(all[i]!.word)[0] ?? all[i]!.word.toLowerCase()
  // Sliding window: counts of each matched term inside it.
  const counts = new Map<string, number>()
  let total = 0
  let bestScore = -1
  let bestFrom = 0
  const add = (i: number, delta: number) => {
    if (!matched[i]) return
    const k = key(i)
    const next = (counts.get(k) ?? 0) + delta
    if (next === 0) counts.delete(k)
    else counts.set(k, next)
    total += delta
  }
  for (let i = 0; i < all.length; i++) {
    add(i, 1)
    if (i >= size) add(i - size, -1)
    const score = counts.size * 1000 + total
    if (score > bestScore) {
      bestScore = score
      bestFrom = Math.max(0, i - size + 1)
    }
  }
  // Centre the matches of the chosen window inside it.
  let first = -1
  let last = -1
  for (let i = bestFrom; i < Math.min(all.length, bestFrom + size); i++) {
    if (matched[i]) {
      if (first < 0) first = i
      last = i
    }
  }
  const slack = size - (last - first + 1)
  const from = Math.max(0, Math.min(first - Math.floor(slack / 2), all.length - size))
  return { from, to: Math.min(all.length, from + size), score: bestScore }
}

function excerpt(text: string, all: WordAt[], from: number, to: number, isMatch: MatchTest): Segment[] {
  if (all.length === 0) return text ? [{ text: cut(text), match: false }] : []
  // Start at a space, not inside «Касым-Жомарт» or after an opening quote.
  const start = from === 0 ? 0 : wordStart(text, all[from]!.start)
  let end = to >= all.length ? text.length : all[to - 1]!.end
  // Keep the closing punctuation of the last word («…», quotes), not the next word.
  if (to < all.length) end = Math.min(all[to]!.start, end + trailingPunctuation(text, end))
  if (end - start > SNIPPET_MAX_CHARS) {
    // Very long words: cut on the last word boundary that fits.
    const fits = all.filter((w, i) => i >= from && i < to && w.end - start <= SNIPPET_MAX_CHARS)
    end = fits.length ? fits[fits.length - 1]!.end : start + SNIPPET_MAX_CHARS
  }
  const pieces = segments(text, all, start, end, isMatch)
  if (start > 0) pieces.unshift({ text: ELLIPSIS, match: false })
  if (end < text.length) pieces.push({ text: ELLIPSIS, match: false })
  return merge(pieces)
}

function wordStart(text: string, at: number): number {
  let start = at
  while (start > 0 && at - start < 40 && !/\s/u.test(text[start - 1]!)) start--
  return start > 0 && !/\s/u.test(text[start - 1]!) ? at : start
}

function trailingPunctuation(text: string, at: number): number {
  const match = /^[^\s\p{L}\p{N}]{1,3}/u.exec(text.slice(at, at + 3))
  return match ? match[0].length : 0
}

function segments(text: string, all: WordAt[], start: number, end: number, isMatch: MatchTest): Segment[] {
  const pieces: Segment[] = []
  let at = start
  for (const word of all) {
    if (word.start < start || word.end > end) continue
    if (!isMatch(word.word)) continue
    if (word.start > at) pieces.push({ text: text.slice(at, word.start), match: false })
    pieces.push({ text: word.word, match: true })
    at = word.end
  }
  if (end > at) pieces.push({ text: text.slice(at, end), match: false })
  return merge(pieces.map((piece) => (piece.match ? piece : { ...piece, text: piece.text.replace(/\s+/g, ' ') })))
}

/** Joins neighbouring unmatched pieces. */
function merge(pieces: Segment[]): Segment[] {
  const out: Segment[] = []
  for (const piece of pieces) {
    const previous = out[out.length - 1]
    if (previous && !previous.match && !piece.match) previous.text += piece.text
    else if (piece.text) out.push({ ...piece })
  }
  return out
}

function cut(text: string): string {
  return text.length > SNIPPET_MAX_CHARS ? `${text.slice(0, SNIPPET_MAX_CHARS)}${ELLIPSIS}` : text
}
