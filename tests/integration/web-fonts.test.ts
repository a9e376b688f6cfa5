import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { buildWebFonts, FONTS_CSS, FONTS_DIR } from '@/scripts/web-fonts'

describe('the web fonts in app/fonts/', () => {
  it('are exactly what `npm run fonts` makes of the installed @fontsource (run it after upgrading @fontsource)', async () => {
    const { files, css } = await buildWebFonts()
    expect(readFileSync(join(FONTS_DIR, FONTS_CSS), 'utf8')).toBe(css)
    expect(
      readdirSync(FONTS_DIR)
        .filter((name) => name.endsWith('.woff2'))
        .sort(),
    ).toEqual([...files.keys()].sort())
    for (const [name, bytes] of files) expect(readFileSync(join(FONTS_DIR, name)).equals(bytes), name).toBe(true)
  })

  it('declares each file once, with its @fontsource unicode-range, for PT Sans and PT Serif 400 and 700', async () => {
    const css = readFileSync(join(FONTS_DIR, FONTS_CSS), 'utf8')
    const faces = [...css.matchAll(/font-family: '([^']+)';[^}]*font-weight: (\d+);[^}]*url\('\.\/([^']+)'\)[^}]*unicode-range:\s*([^;]+);/g)]
    expect(faces).toHaveLength(16)
    const ranges = JSON.parse(readFileSync('node_modules/@fontsource/pt-sans/unicode.json', 'utf8')) as Record<string, string>
    const latin = faces.find(([, family, weight, file]) => family === 'PT Sans' && weight === '400' && file === 'pt-sans-latin-400.woff2')
    expect(latin?.[4]?.replace(/\s+/g, '')).toBe(ranges.latin)
    expect(new Set(faces.map(([, , , file]) => file)).size).toBe(16)
  })

  it('keep every character of the originals, in a fraction of their bytes', () => {
    for (const name of readdirSync(FONTS_DIR).filter((file) => file.endsWith('.woff2'))) {
      const pkg = name.startsWith('pt-sans-') ? 'pt-sans' : 'pt-serif'
      const originalBytes = readFileSync(`node_modules/@fontsource/${pkg}/files/${name.replace('.woff2', '-normal.woff2')}`)
      const unhintedBytes = readFileSync(join(FONTS_DIR, name))
      const characters = (bytes: Buffer) => (fontkit.create(bytes) as fontkit.Font).characterSet
      expect(characters(unhintedBytes), name).toEqual(characters(originalBytes))
      expect(unhintedBytes.length, name).toBeLessThan(originalBytes.length * 0.6)
    }
  })
})
