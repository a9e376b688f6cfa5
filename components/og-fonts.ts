import { readFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Fonts of the Open Graph images (components/OgCard.tsx), read from the @fontsource packages the
 * site's own CSS uses. @fontsource splits every weight into unicode-range subsets: basic Cyrillic,
 * ұ Ұ і І and «№» are in `cyrillic`, the other Kazakh letters (ә ғ қ ң ө ү һ) in `cyrillic-ext`,
 * «» — and Latin in `latin`. `.woff`, not `.woff2`: satori cannot read woff2.
 *
 * satori keeps one font per family name (the closest weight), so subsets registered under one
 * name would hide each other. Each subset is its own family («PT Serif cyrillic-ext»…), and the
 * card asks for the list of them (ogFontFamily), along which satori falls back glyph by glyph.
 *
 * Paths are built from the working directory (`next start` and vitest run from the repo root), not
 * with require.resolve, which the bundler would turn into a module id.
 */

const OG_FONT_SUBSETS = ['cyrillic', 'cyrillic-ext', 'latin', 'latin-ext'] as const
type OgFontSubset = (typeof OG_FONT_SUBSETS)[number]

export type OgFontFamily = 'PT Serif' | 'PT Sans'
type Weight = 400 | 700

/** The faces the card uses: PT Serif bold for the headline and the site name, PT Sans for labels. */
const FACES: readonly { family: OgFontFamily; pkg: string; weight: Weight }[] = [
  { family: 'PT Serif', pkg: 'pt-serif', weight: 700 },
  { family: 'PT Sans', pkg: 'pt-sans', weight: 700 },
  { family: 'PT Sans', pkg: 'pt-sans', weight: 400 },
]

export interface OgFontFile {
  family: OgFontFamily
  /** The family name the file is registered under: one per subset. */
  name: string
  weight: Weight
  subset: OgFontSubset
  /** Absolute path of the `.woff` file. */
  path: string
}

export const OG_FONT_FILES: readonly OgFontFile[] = FACES.flatMap(({ family, pkg, weight }) =>
  OG_FONT_SUBSETS.map((subset) => ({
    family,
    name: subsetFamily(family, subset),
    weight,
    subset,
    path: path.join(process.cwd(), 'node_modules', '@fontsource', pkg, 'files', `${pkg}-${subset}-${weight}-normal.woff`),
  })),
)

function subsetFamily(family: OgFontFamily, subset: OgFontSubset) {
  return `${family} ${subset}`
}

/** CSS `font-family` for the card: the face's subsets, in fallback order. */
export function ogFontFamily(family: OgFontFamily): string {
  return OG_FONT_SUBSETS.map((subset) => `'${subsetFamily(family, subset)}'`).join(', ')
}

/** One entry of ImageResponse's `fonts` option. */
export interface OgFont {
  name: string
  data: Buffer
  weight: Weight
  style: 'normal'
}

/** Reads the given files (uncached: tests use it to render with a subset left out). */
export async function readOgFonts(files: readonly OgFontFile[] = OG_FONT_FILES): Promise<OgFont[]> {
  return Promise.all(files.map(async (file) => ({ name: file.name, data: await readFile(file.path), weight: file.weight, style: 'normal' as const })))
}

let loaded: Promise<OgFont[]> | undefined

/**
 * The card's fonts, read once per server process. Always the same array: satori keeps the parsed
 * fonts per `fonts` array, so a stable one is parsed once instead of on every image.
 */
export function ogFonts(): Promise<OgFont[]> {
  loaded ??= readOgFonts().catch((error: unknown) => {
    loaded = undefined
    throw error
  })
  return loaded
}
