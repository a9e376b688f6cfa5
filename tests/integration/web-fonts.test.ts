import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { buildWebFonts, codePoints, fileName, FILES, FONTS_CSS, FONTS_DIR, KAZAKH } from '@/scripts/web-fonts'

const FACES = ['pt-sans', 'pt-serif'].flatMap((pkg) => [400, 700].map((weight) => ({ pkg, weight })))
const characters = (bytes: Buffer) => new Set((fontkit.create(bytes) as fontkit.Font).characterSet)

describe('the web fonts in app/fonts/', () => {
  it('are exactly what `npm run fonts` makes of the installed packages (run it after upgrading them)', async () => {
    const { files, css } = await buildWebFonts()
    expect(readFileSync(join(FONTS_DIR, FONTS_CSS), 'utf8')).toBe(css)
    expect(
      readdirSync(FONTS_DIR)
        .filter((name) => name.endsWith('.woff2'))
        .sort(),
    ).toEqual([...files.keys()].sort())
    for (const [name, bytes] of files) expect(readFileSync(join(FONTS_DIR, name)).equals(bytes), name).toBe(true)
  })

  const declared = () =>
    [
      ...readFileSync(join(FONTS_DIR, FONTS_CSS), 'utf8').matchAll(
        /font-family: '([^']+)';[^}]*font-weight: (\d+);[^}]*url\('\.\/([^']+)'\)[^}]*unicode-range:\s*([^;]+);/g,
      ),
    ].map(([, family, weight, file, range]) => ({ family: family!, weight: weight!, file: file!, range: range!.replace(/\s+/g, '') }))

  it("declares each file once, with @fontsource's unicode-ranges, the file every page needs last", () => {
    const faces = declared()
    expect(faces.map(({ file }) => file)).toEqual(FACES.flatMap(({ pkg, weight }) => FILES.map(({ suffix }) => fileName(pkg, suffix, weight))))
    const ranges = JSON.parse(readFileSync('node_modules/@fontsource/pt-sans/unicode.json', 'utf8')) as Record<string, string>
    const main = faces.find(({ family, weight, file }) => family === 'PT Sans' && weight === '400' && file === 'pt-sans-400.woff2')
    expect(main?.range).toBe([ranges.cyrillic, ranges.latin, KAZAKH].join(','))
  })

  it('sets Russian and Kazakh from the file every page loads, in every face', () => {
    const faces = declared()
    // The browser takes a character from the last face declared whose range holds it.
    const fileFor = (family: string, weight: string, point: number) =>
      faces.findLast((face) => face.family === family && face.weight === weight && codePoints(face.range).includes(point))?.file
    const text = 'Съешь же ещё этих мягких французских булок. Әлем, Ғалым, Қазақша, Ең, Өнер, Ұлт, Үй, Һ, Ілім: 100 «Baspa»'
    for (const { pkg, weight } of FACES) {
      const family = pkg === 'pt-sans' ? 'PT Sans' : 'PT Serif'
      const files = new Set([...new Set(text)].map((char) => fileFor(family, String(weight), char.codePointAt(0)!)))
      expect([...files], `${family} ${weight}`).toEqual([fileName(pkg, '', weight)])
    }
  })

  it("hold every character of @fontsource's files in their ranges, in a fraction of their bytes", () => {
    for (const { pkg, weight } of FACES) {
      const ranges = JSON.parse(readFileSync(`node_modules/@fontsource/${pkg}/unicode.json`, 'utf8')) as Record<string, string>
      // The characters moved in from other subsets are checked against those subsets' files.
      const allOriginals = ['cyrillic-ext', 'cyrillic', 'latin-ext', 'latin'].map((subset) =>
        readFileSync(`node_modules/@fontsource/${pkg}/files/${pkg}-${subset}-${weight}-normal.woff2`),
      )
      const anywhere = new Set(allOriginals.flatMap((bytes) => [...characters(bytes)]))
      for (const { suffix, subsets, extra } of FILES) {
        const name = fileName(pkg, suffix, weight)
        // Google's subsets also carry a space and a no-break space outside their range, which a browser never takes from them.
        const inRange = new Set(subsets.flatMap((subset) => codePoints(ranges[subset]!)))
        const originals = subsets.map((subset) => readFileSync(`node_modules/@fontsource/${pkg}/files/${pkg}-${subset}-${weight}-normal.woff2`))
        const expected = new Set([
          ...originals.flatMap((bytes) => [...characters(bytes)].filter((point) => inRange.has(point))),
          ...(extra ? codePoints(extra).filter((point) => anywhere.has(point)) : []),
        ])
        const made = readFileSync(join(FONTS_DIR, name))
        const held = characters(made)
        // A superset: Google's latin-ext leaves out ı and œ, which its latin subset has and the range also names.
        expect(
          [...expected].filter((point) => !held.has(point)),
          name,
        ).toEqual([])
        expect(made.length, name).toBeLessThan(originals.reduce((sum, bytes) => sum + bytes.length, 0) * 0.6)
      }
    }
  })

  it('reads unicode-ranges as CSS writes them', () => {
    expect(codePoints('U+0041-0043,U+2116')).toEqual([0x41, 0x42, 0x43, 0x2116])
    expect(() => codePoints('U+00??')).toThrow(/not a unicode-range/)
  })
})
