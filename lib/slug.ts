/**
 * URL slugs for Russian and Kazakh headlines: «Нацбанк сохранил ставку на уровне 16,5%» → nacbank-sohranil-stavku-na-urovne-16-5.
 *
 * The scheme is the one the portal's published slugs already use (data/demo/data.ndjson), so regenerating a slug
 * from its title gives the same URL: ц → c and щ → shch (Франция → franciya, Общество → obshchestvo), not ts / sch.
 * Kazakh letters get one Latin letter each, so a Kazakh word stays as short as it is in Cyrillic.
 */

const LETTERS: Readonly<Record<string, string>> = {
  // Russian
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Kazakh
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  // Ukrainian and Belarusian names turn up in the news too
  є: 'ye',
  ї: 'yi',
  ґ: 'g',
  ў: 'u',
  // Latin letters that NFKD does not split into a base letter and a mark
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  þ: 'th',
}

const DEFAULT_MAX_LENGTH = 96
// A guard against an isTaken that never says no, not a real limit: no newsroom has a thousand namesakes.
const MAX_ATTEMPTS = 1000

/** Cyrillic (Russian, Kazakh) to lower-case Latin; Latin diacritics are dropped (Erdoğan → erdogan), the rest is kept. */
export function transliterate(text: string): string {
  let latin = ''
  // NFC first: a decomposed й (и + breve) must reach the table as й, not lose its breve as a "diacritic".
  for (const char of text.normalize('NFC').toLowerCase()) latin += LETTERS[char] ?? char
  // Lower-case again: compatibility forms can decompose to capitals (℃ → °C).
  return latin.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** A URL slug of at most maxLength characters: [a-z0-9] words joined by single hyphens, '' if the text has none. */
export function slugify(text: string, maxLength = DEFAULT_MAX_LENGTH): string {
  const slug = transliterate(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return shorten(slug, maxLength)
}

/**
 * `base` (slugified) if isTaken says it is free, else the first free of base-2, base-3, …
 * The base is shortened at a word boundary when base + suffix would not fit in maxLength.
 */
export async function uniqueSlug(base: string, isTaken: (candidate: string) => boolean | Promise<boolean>, maxLength = DEFAULT_MAX_LENGTH): Promise<string> {
  const slug = slugify(base, maxLength)
  if (!slug) throw new RangeError(`uniqueSlug: "${base}" has no letters or digits to build a slug from`)
  if (!(await isTaken(slug))) return slug
  for (let n = 2; n <= MAX_ATTEMPTS; n++) {
    const suffix = `-${n}`
    const room = maxLength - suffix.length
    if (room < 1) throw new RangeError(`uniqueSlug: no room for "${suffix}" within ${maxLength} characters`)
    const candidate = shorten(slug, room) + suffix
    if (!(await isTaken(candidate))) return candidate
  }
  throw new Error(`uniqueSlug: "${slug}" and ${MAX_ATTEMPTS - 1} numbered variants are all taken`)
}

/** Cuts a slug at its last hyphen that fits; a first word longer than maxLength is cut where it must be. */
function shorten(slug: string, maxLength: number): string {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`slug maxLength must be a whole number ≥ 1, got ${maxLength}`)
  if (slug.length <= maxLength) return slug
  const head = slug.slice(0, maxLength)
  if (slug[maxLength] === '-') return head
  const lastHyphen = head.lastIndexOf('-')
  return lastHyphen > 0 ? head.slice(0, lastHyphen) : head
}

/**
 * The article's former addresses after a publish: the published slug joins them when the draft
 * changes it, and an address the article takes back stops being a former one. Old readers' links
 * then redirect straight to the current address (never through a chain).
 */
export function previousSlugsAfterPublish(publishedSlug: string | undefined, draftSlug: string | undefined, previous: readonly string[] = []): string[] {
  const slugs = new Set(previous)
  if (publishedSlug && draftSlug && publishedSlug !== draftSlug) slugs.add(publishedSlug)
  if (draftSlug) slugs.delete(draftSlug)
  return [...slugs]
}
