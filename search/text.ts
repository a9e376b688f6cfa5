import { stemmer as englishStemmer } from '@orama/stemmers/english'
import { stemmer as russianStemmer } from '@orama/stemmers/russian'

/**
 * Text analysis for search, shared by indexing, querying and highlighting so that the three agree:
 * a word is a run of Unicode letters, digits and combining marks; it is lower-cased (NFC) with ё → е,
 * and reduced to index terms:
 *   - Russian (Cyrillic without Kazakh letters): the Snowball Russian stem, and the stem of that stem.
 *     Snowball strips endings of different length from different forms of a name («Казахстан» →
 *     «казахста», «Казахстане» → «казахстан»; «Токаев» → «тока», «Токаева» → «токаев»); indexing and
 *     querying both stems makes every such pair share a term, with exact (fast) lookups.
 *   - Latin: the Snowball (Porter 2) English stem.
 *   - Kazakh (a Cyrillic word with ә ғ қ ң ө ұ ү һ і): no stemmer exists; the word as is, and queries
 *     match it by prefix (Kazakh inflects by appending suffixes: «Қазақстан» finds «Қазақстанның»).
 *   - anything else (numbers, mixed scripts): the word as is.
 * Function words (и, в, на, the, of…) are not indexed and are dropped from queries.
 */

export const WORD = /[\p{L}\p{N}\p{M}]+/gu
const CYRILLIC_WORD = /^[\p{Script=Cyrillic}\p{M}]+$/u
const LATIN_WORD = /^[\p{Script=Latin}\p{M}]+$/u
const KAZAKH_LETTER = /[әғқңөұүһі]/u
/** Longer "words" (URLs, base64, keyboard mashing) are cut to this many characters. */
const MAX_WORD_LENGTH = 64
/** A stem of a stem shorter than this conflates too much («ток» and «Токаев»). */
const MIN_SECOND_STEM = 3

const STOP_WORDS = new Set(
  // Russian prepositions, conjunctions, particles, pronouns and auxiliaries (ё written as е).
  (
    'а без бы был была были было быть в вам вас весь во вот все всех вы где да для до его ее ей ему если есть еще же за и из изо или им их к как ко когда кто ли лишь между мы на над не него нее нет ни них но о об обо он она они оно от по под при про с свой своей свою себя со так также там то тоже только ты у уже чем через что чтобы чтоб эта эти этим этих это этого этой этом этот эту я который которая которое которые которого которой котором которых ' +
    // English.
    'a an and are as at be by for from in is it its of on or that the this to was were with ' +
    // Kazakh conjunctions.
    'және мен бен пен'
  ).split(' '),
)

type Script = 'russian' | 'kazakh' | 'english' | 'other'

/** Lower case, NFC, ё → е: the form every comparison uses. */
function normalizeWord(word: string): string {
  const normal = word.normalize('NFC').toLowerCase().replaceAll('ё', 'е')
  return normal.length > MAX_WORD_LENGTH ? Array.from(normal).slice(0, MAX_WORD_LENGTH).join('') : normal
}

function scriptOf(normalWord: string): Script {
  if (CYRILLIC_WORD.test(normalWord)) return KAZAKH_LETTER.test(normalWord) ? 'kazakh' : 'russian'
  return LATIN_WORD.test(normalWord) ? 'english' : 'other'
}

function computeTerms(word: string): string[] {
  const normal = normalizeWord(word)
  if (!normal || STOP_WORDS.has(normal)) return []
  switch (scriptOf(normal)) {
    case 'russian': {
      const stem = russianStemmer(normal) || normal
      const second = russianStemmer(stem)
      return second && second !== stem && second.length >= MIN_SECOND_STEM ? [stem, second] : [stem]
    }
    case 'english':
      return [englishStemmer(normal) || normal]
    default:
      return [normal]
  }
}

/** Stemming is the costliest step of indexing, and a corpus repeats its words: remember them (bounded). */
const memo = new Map<string, string[]>()
const MEMO_LIMIT = 200_000

/** The index terms of one word (none for a function word). The returned array is shared: do not modify it. */
export function wordTerms(word: string): string[] {
  let terms = memo.get(word)
  if (!terms) {
    terms = computeTerms(word)
    if (memo.size >= MEMO_LIMIT) memo.clear()
    memo.set(word, terms)
  }
  return terms
}

const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u

/**
 * Whether a UTF-16 code unit at `i` starts a word character (as WORD), and how many units it takes.
 * Fast paths for ASCII, Latin-1/Extended and Cyrillic (the newsroom's scripts); the Unicode
 * property test for the rest. Indexing 10 000 articles scans tens of millions of characters, and a
 * Unicode-property regex over all of them costs about three times as much.
 */
function wordCharacterLength(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ? 1 : 0
  if (c >= 0x0400 && c <= 0x052f) return c === 0x0482 ? 0 : 1 // Cyrillic: letters and combining marks, but ҂
  if (c >= 0xc0 && c <= 0x24f) return c === 0xd7 || c === 0xf7 ? 0 : 1
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(i + 1)
    return low >= 0xdc00 && low <= 0xdfff && WORD_CHARACTER.test(text.slice(i, i + 2)) ? 2 : 0
  }
  return WORD_CHARACTER.test(text[i]!) ? 1 : 0
}

export interface WordAt {
  word: string
  start: number
  end: number
}

/** The words of a text with their offsets (the same as matching WORD, faster). */
export function wordsAt(text: string): WordAt[] {
  const found: WordAt[] = []
  let start = -1
  for (let i = 0; i < text.length;) {
    const length = wordCharacterLength(text, i)
    if (length > 0 && start < 0) start = i
    if (length === 0 && start >= 0) {
      found.push({ word: text.slice(start, i), start, end: i })
      start = -1
    }
    i += length || 1
  }
  if (start >= 0) found.push({ word: text.slice(start), start, end: text.length })
  return found
}

/** The words of a text (as written), for indexing. */
export function words(text: string): string[] {
  const found: string[] = []
  let start = -1
  for (let i = 0; i < text.length;) {
    const length = wordCharacterLength(text, i)
    if (length > 0 && start < 0) start = i
    if (length === 0 && start >= 0) {
      found.push(text.slice(start, i))
      start = -1
    }
    i += length || 1
  }
  if (start >= 0) found.push(text.slice(start))
  return found
}

/**
 * Markup in a query (`<b>`, `<!-- -->`, a whole `<script>…</script>`) is not something readers search
 * for: it is removed before analysis (the page still shows the query as typed, as text).
 */
export function stripMarkup(text: string): string {
  return text.replace(/<(script|style)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)|<!--[\s\S]*?(-->|$)|<\/?[a-zA-Z][^<>]*>/gi, ' ')
}

/** One alternative term of a query word: looked up exactly, or as a prefix of index terms. */
interface QueryAlternative {
  term: string
  prefix: boolean
}

export interface QueryWord {
  /** The word as normalised (for display and fuzzy matching). */
  word: string
  script: Script
  alternatives: QueryAlternative[]
}

/** Query words past this many are ignored (bounds the work of one query). */
export const MAX_QUERY_WORDS = 16
/** The last word of a query may be unfinished: at this length and more it also matches as a prefix. */
const MIN_PREFIX = 3
/** Kazakh words match as prefixes from this length (agglutinative suffixes). */
const MIN_KAZAKH_PREFIX = 4

export interface AnalyzedQuery {
  words: QueryWord[]
  /** Words were given but all were function words or punctuation. */
  onlyStopWords: boolean
  /** More than MAX_QUERY_WORDS words: the rest were ignored. */
  tooManyWords: boolean
}

/**
 * Splits a reader's query into words, each with the index terms it may match. `isIndexed` tells
 * whether a term is in the index: a last word that is (a whole word, «Казахстан») is looked up
 * exactly; one that is not («перегов») as a prefix. A prefix scan of a frequent word costs a third
 * of a query's time over 10 000 articles.
 */
export function analyzeQuery(query: string, isIndexed: (term: string) => boolean = () => false): AnalyzedQuery {
  const raw = words(stripMarkup(query))
  const seen = new Set<string>()
  const result: QueryWord[] = []
  raw.forEach((token, position) => {
    const normal = normalizeWord(token)
    if (seen.has(normal)) return
    seen.add(normal)
    const terms = wordTerms(token)
    if (terms.length === 0) return
    const script = scriptOf(normal)
    const last = position === raw.length - 1
    const alternatives = new Map<string, boolean>()
    for (const term of terms) alternatives.set(term, false)
    if (script === 'kazakh' && normal.length >= MIN_KAZAKH_PREFIX) alternatives.set(normal, true)
    // An unfinished last word: «перегов» finds «переговоры» (as typed: its stem «перег» would also find «перегрузка»).
    if (last && script !== 'other' && normal.length >= MIN_PREFIX && !alternatives.has(normal)) alternatives.set(normal, !isIndexed(normal))
    // A prefix alternative already finds every term that starts with it: drop those (half the work for the last word).
    const prefixes = [...alternatives].filter(([, prefix]) => prefix).map(([term]) => term)
    const needed = [...alternatives].filter(([term]) => !prefixes.some((other) => other !== term && term.startsWith(other)))
    result.push({ word: normal, script, alternatives: needed.map(([term, prefix]) => ({ term, prefix })) })
  })
  return { words: result.slice(0, MAX_QUERY_WORDS), onlyStopWords: raw.length > 0 && result.length === 0, tooManyWords: result.length > MAX_QUERY_WORDS }
}
