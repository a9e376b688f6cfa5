/**
 * The reader site's web fonts (`npm run fonts`): @fontsource's PT Sans and PT Serif, with the same
 * unicode-range subsets, minus their TrueType hinting, written to app/fonts/ with the CSS that
 * declares them.
 *
 * Why: hinting instructions are three quarters of each file's bytes (PT Sans latin 400: 45.5 kB, 10.6 kB
 * without), and on a phone's connection the fonts competed with the home page's lead image for the
 * bandwidth before its largest paint. Browsers on phones, macOS and Linux ignore hinting; Windows
 * renders unhinted outlines with its own smoothing, the way Google Fonts serves them to every browser
 * but old Windows ones. Every glyph and every layout table stays, so coverage and shaping are
 * @fontsource's own.
 *
 * The files are committed, so a build needs no font tooling; tests/unit/web-fonts.test.ts rebuilds
 * them and fails when they differ from what this script makes of the installed @fontsource.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { format, resolveConfig } from 'prettier'
import subsetFont from 'subset-font'
import sansRanges from '@fontsource/pt-sans/unicode.json'
import serifRanges from '@fontsource/pt-serif/unicode.json'

const ROOT = join(import.meta.dirname, '..')
export const FONTS_DIR = join(ROOT, 'app', 'fonts')
export const FONTS_CSS = 'fonts.css'

const FAMILIES: { pkg: string; family: string; ranges: Record<string, string> }[] = [
  { pkg: 'pt-sans', family: 'PT Sans', ranges: sansRanges },
  { pkg: 'pt-serif', family: 'PT Serif', ranges: serifRanges },
]
const WEIGHTS = [400, 700]
/** @fontsource's order: a later face wins where ranges overlap, and latin is the one most text needs. */
const SUBSETS = ['cyrillic-ext', 'cyrillic', 'latin-ext', 'latin'] as const

export interface WebFonts {
  /** File name in app/fonts/ → its bytes. */
  files: Map<string, Buffer>
  css: string
}

export async function buildWebFonts(): Promise<WebFonts> {
  const files = new Map<string, Buffer>()
  const faces: string[] = []
  for (const { pkg, family, ranges } of FAMILIES) {
    const dir = join(ROOT, 'node_modules', '@fontsource', pkg)
    for (const weight of WEIGHTS) {
      for (const subset of SUBSETS) {
        const range = ranges[subset]
        if (!range) throw new Error(`@fontsource/${pkg} has no "${subset}" subset`)
        const source = readFileSync(join(dir, 'files', `${pkg}-${subset}-${weight}-normal.woff2`))
        const name = `${pkg}-${subset}-${weight}.woff2`
        files.set(name, await subsetFont(source, '', { targetFormat: 'woff2', noHinting: true, keepAllGlyphs: true }))
        faces.push(
          `@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-display: swap;\n  font-weight: ${weight};\n` +
            `  src: url('./${name}') format('woff2');\n  unicode-range: ${range};\n}`,
        )
      }
    }
  }
  const css = `/* Written by scripts/web-fonts.ts (npm run fonts) from @fontsource; do not edit. */\n${faces.join('\n')}\n`
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
