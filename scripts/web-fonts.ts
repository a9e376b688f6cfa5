/**
 * The reader site's web fonts (`npm run fonts`): PT Sans and PT Serif, 400 and 700, cut from the
 * complete fonts (@expo-google-fonts, Google Fonts' files) into three files per face, with
 * @fontsource's unicode ranges and without TrueType hinting, written to app/fonts/ with the CSS that
 * declares them:
 * - one for what every page of the three editions sets: Russian Cyrillic (@fontsource's cyrillic)
 *   with the letters Kazakh adds to it, and Latin with the punctuation, digits and «» (latin);
 * - one for the rest of @fontsource's cyrillic-ext (letters of other languages written in
 *   Cyrillic), which few pages need;
 * - one for the rest of Latin (latin-ext: names with diacritics), which few pages need.
 *
 * Why one file for what every page sets: a page needs all of it (even an English page names its
 * editions «Русский» and «Қазақша»), and as @fontsource's separate files they were seven requests on
 * the home page and nine on an article. On a phone's connection each is a request competing with the lead
 * image before the largest paint, and each arrival re-lays the page out; one file per face is also
 * a fifth smaller than its three parts. Why no hinting: the instructions are three quarters of each
 * file's bytes. Browsers on phones, macOS and Linux ignore hinting; Windows renders unhinted
 * outlines with its own smoothing, the way Google Fonts serves them to every browser but old
 * Windows ones. The glyphs of every character in range stay, with what their layout features reach.
 *
 * The files are committed, so a build needs no font tooling; tests/integration/web-fonts.test.ts
 * rebuilds them and fails when they differ from what this script makes of the installed packages.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { format, resolveConfig } from 'prettier'
import subsetFont from 'subset-font'
import sansRanges from '@fontsource/pt-sans/unicode.json'
import serifRanges from '@fontsource/pt-serif/unicode.json'

const ROOT = join(import.meta.dirname, '..')
export const FONTS_DIR = join(ROOT, 'app', 'fonts')
export const FONTS_CSS = 'fonts.css'

const require = createRequire(import.meta.url)
const FAMILIES: { pkg: string; family: string; dir: string; source: string; ranges: Record<string, string> }[] = [
  { pkg: 'pt-sans', family: 'PT Sans', dir: dirname(require.resolve('@expo-google-fonts/pt-sans/package.json')), source: 'PTSans', ranges: sansRanges },
  { pkg: 'pt-serif', family: 'PT Serif', dir: dirname(require.resolve('@expo-google-fonts/pt-serif/package.json')), source: 'PTSerif', ranges: serifRanges },
]
const WEIGHTS = { 400: 'Regular', 700: 'Bold' } as const

/**
 * The letters Kazakh adds to Russian's alphabet: Ә Ғ Қ Ң Ө Ү Һ (Ұ and І are in @fontsource's
 * cyrillic). @fontsource files them under cyrillic-ext, among two hundred letters of other
 * languages, which cost a fifth of the bytes of the file every page loads; a Kazakh page needs
 * only these.
 */
export const KAZAKH = 'U+0492-0493,U+049A-049B,U+04A2-04A3,U+04AE-04AF,U+04BA-04BB,U+04D8-04D9,U+04E8-04E9'

/**
 * The files of a face, by @fontsource subset, with characters of other subsets (`extra`) moved
 * into them. In the CSS a later face wins where ranges overlap (latin and latin-ext share three
 * combining marks; cyrillic-ext holds KAZAKH too), so the file every page loads
 * comes last.
 */
export const FILES = [
  { suffix: 'latin-ext', subsets: ['latin-ext'], extra: '' },
  { suffix: 'cyrillic-ext', subsets: ['cyrillic-ext'], extra: '' },
  { suffix: '', subsets: ['cyrillic', 'latin'], extra: KAZAKH },
] as const

/** `U+0400-045F` → every code point it names. */
export function codePoints(range: string): number[] {
  return range.split(',').flatMap((part) => {
    const match = /^U\+([0-9A-F]+)(?:-([0-9A-F]+))?$/i.exec(part.trim())
    if (!match) throw new Error(`not a unicode-range: ${part}`)
    const first = parseInt(match[1]!, 16)
    const last = match[2] ? parseInt(match[2], 16) : first
    return Array.from({ length: last - first + 1 }, (_, i) => first + i)
  })
}

export interface WebFonts {
  /** File name in app/fonts/ → its bytes. */
  files: Map<string, Buffer>
  css: string
}

export const fileName = (pkg: string, suffix: string, weight: number) => `${[pkg, suffix, weight].filter(Boolean).join('-')}.woff2`

export async function buildWebFonts(): Promise<WebFonts> {
  const files = new Map<string, Buffer>()
  const faces: string[] = []
  for (const { pkg, family, dir, source, ranges } of FAMILIES) {
    for (const [weight, style] of Object.entries(WEIGHTS)) {
      const font = readFileSync(join(dir, `${weight}${style}`, `${source}_${weight}${style}.ttf`))
      for (const { suffix, subsets, extra } of FILES) {
        const range = [
          ...subsets.map((subset) => {
            const value = ranges[subset]
            if (!value) throw new Error(`@fontsource/${pkg} has no "${subset}" subset`)
            return value
          }),
          ...(extra ? [extra] : []),
        ].join(',')
        const name = fileName(pkg, suffix, Number(weight))
        const text = String.fromCodePoint(...new Set(codePoints(range)))
        files.set(name, await subsetFont(font, text, { targetFormat: 'woff2', noHinting: true }))
        faces.push(
          `@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-display: swap;\n  font-weight: ${weight};\n` +
            `  src: url('./${name}') format('woff2');\n  unicode-range: ${range.replaceAll(',', ', ')};\n}`,
        )
      }
    }
  }
  const css = `/* Written by scripts/web-fonts.ts (npm run fonts) from @expo-google-fonts and @fontsource; do not edit. */\n${faces.join('\n')}\n`
  // In the repository's style, so that `prettier --check` and the freshness test agree.
  const cssFile = join(FONTS_DIR, FONTS_CSS)
  return { files, css: await format(css, { ...(await resolveConfig(cssFile)), filepath: cssFile }) }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { files, css } = await buildWebFonts()
  for (const [name, bytes] of files) writeFileSync(join(FONTS_DIR, name), bytes)
  writeFileSync(join(FONTS_DIR, FONTS_CSS), css)
  const total = [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0)
  console.log(`${files.size} fonts (${(total / 1024).toFixed(0)} KiB) and ${FONTS_CSS} written to ${FONTS_DIR}`)
}
