import { readFileSync } from 'node:fs'
import * as fontkit from 'fontkit'
import sharp from 'sharp'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HEADLINE_SIZES, OG_HEIGHT, OG_LAYOUT, OG_WIDTH, fitHeadline, headlineBox } from '@/components/OgCard'
import { OG_FONT_FILES, readOgFonts, type OgFontFile } from '@/components/og-fonts'
import { renderOgImage } from '@/components/og-image'

const RUSSIAN = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'
const KAZAKH = 'әғқңөұүһі'
const PUNCTUATION = '«»—№'
const REQUIRED = [...RUSSIAN, ...RUSSIAN.toUpperCase(), ...KAZAKH, ...KAZAKH.toUpperCase(), ...PUNCTUATION]

const KAZAKH_HEADLINE = 'Қазақстан мен Қытай ауыл шаруашылығы өнімдерінің саудасын ұлғайтады'

function openFont(file: OgFontFile): fontkit.Font {
  const font = fontkit.create(readFileSync(file.path))
  if (!('hasGlyphForCodePoint' in font)) throw new Error(`${file.path} is a font collection`)
  return font
}

/** The card's faces (family + weight), each with its subset files: satori falls back within a face. */
const faces = new Map<string, OgFontFile[]>()
for (const file of OG_FONT_FILES) {
  const face = `${file.family} ${file.weight}`
  faces.set(face, [...(faces.get(face) ?? []), file])
}

const covered = (fonts: fontkit.Font[], char: string) => fonts.some((font) => font.hasGlyphForCodePoint(char.codePointAt(0)!))
const uncovered = (files: readonly OgFontFile[], chars: readonly string[]) => {
  const fonts = files.map(openFont)
  return chars.filter((char) => !covered(fonts, char))
}

describe('OG fonts: glyph coverage of the files lib/og-fonts.ts loads', () => {
  it('loads the four @fontsource subsets of each face, as .woff', () => {
    expect([...faces.keys()]).toEqual(['PT Serif 700', 'PT Sans 700', 'PT Sans 400'])
    for (const files of faces.values()) {
      expect(files.map((file) => file.subset).sort()).toEqual(['cyrillic', 'cyrillic-ext', 'latin', 'latin-ext'])
      for (const file of files) expect(file.path).toMatch(/\/node_modules\/@fontsource\/pt-(sans|serif)\/files\/[a-z-]+-\d00-normal\.woff$/)
    }
  })

  it.each([...faces.entries()])('%s covers the Russian alphabet, the Kazakh letters and «»—№', (_, files) => {
    expect(REQUIRED).toHaveLength(33 * 2 + 9 * 2 + 4)
    expect(uncovered(files, REQUIRED)).toEqual([])
  })

  it('can fail: no CJK or emoji, and without cyrillic-ext the Kazakh letters but ұ Ұ і І are missing', () => {
    expect(uncovered(OG_FONT_FILES, ['中', '😀'])).toEqual(['中', '😀'])
    for (const files of faces.values()) {
      const withoutExt = files.filter((file) => file.subset !== 'cyrillic-ext')
      expect(uncovered(withoutExt, [...KAZAKH, ...KAZAKH.toUpperCase()]).join('')).toBe('әғқңөүһӘҒҚҢӨҮҺ')
    }
  })
})

describe('OG headline sizing against the real metrics of PT Serif Bold', () => {
  const serif = faces.get('PT Serif 700')!.map(openFont)
  const advance = (char: string, size: number) => {
    const font = serif.find((f) => f.hasGlyphForCodePoint(char.codePointAt(0)!))
    if (!font) throw new Error(`no glyph for ${char}`)
    return (font.glyphForCodePoint(char.codePointAt(0)!).advanceWidth / font.unitsPerEm) * size
  }
  /** Lines of a greedy word wrap (as satori breaks at spaces), with the font's real advance widths. */
  const realLines = (text: string, size: number, width: number) => {
    const measure = (s: string) => [...s].reduce((sum, char) => sum + advance(char, size), 0)
    let lines = 1
    let line = ''
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word
      if (line && measure(candidate) > width) {
        lines += 1
        line = word
      } else line = candidate
    }
    return lines
  }

  const demoTitles = readFileSync('data/demo/data.ndjson', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { _type: string; title?: unknown })
    .filter((doc) => doc._type === 'article')
    .map((doc) => String(doc.title))
  const long = [
    'Правительство Казахстана утвердило комплексный план развития Шымкентского нефтеперерабатывающего завода до 2030',
    'Министерство сельского хозяйства Республики Казахстан объявило о расширении программы льготного кредитования весенне-полевых работ в северных областях',
    // Kazakh
    'Қазақстан мен Қытай ауыл шаруашылығы өнімдерінің саудасын ұлғайтады: екі ел үкіметтері жаңа келісімге қол қойды, деп хабарлады',
    'Глава государства Касым-Жомарт Токаев провёл расширенное заседание правительства, на котором обсуждались приоритеты экономической политики, бюджет на три года и реформа системы государственных закупок',
  ]

  it('the corpus has headlines of 110 to 200 characters', () => {
    expect(demoTitles.length).toBeGreaterThan(40)
    expect(Math.min(...long.map((t) => t.length))).toBeGreaterThan(110)
    expect(Math.max(...long.map((t) => t.length))).toBe(200)
  })

  it.each([
    ['an article card (label, headline, footer)', { description: false, footer: true }],
    ['a topic card (label, headline, description, footer)', { description: true, footer: true }],
  ])('on %s every headline fits whole: no clamp, no overflow', (_, options) => {
    const box = headlineBox(options)
    for (const title of [...demoTitles, KAZAKH_HEADLINE, ...long]) {
      const { fontSize, maxLines } = fitHeadline(title, box)
      expect(realLines(title, fontSize, box.width), `${fontSize}px: ${title}`).toBeLessThanOrEqual(maxLines)
      expect(maxLines * fontSize * OG_LAYOUT.headlineLineHeight).toBeLessThanOrEqual(box.height)
    }
  })

  it('short headlines are set big, long ones smaller', () => {
    const box = headlineBox({ description: false, footer: true })
    expect(fitHeadline('Переговоры Токаева и Ван И', box).fontSize).toBe(HEADLINE_SIZES[0])
    expect(fitHeadline(long[3]!, box).fontSize).toBeLessThan(fitHeadline(long[0]!, box).fontSize)
  })
})

describe('OG image rendering (next/og ImageResponse, the route files’ path)', () => {
  afterEach(() => vi.restoreAllMocks())

  /**
   * satori asks `loadAdditionalAsset` — in next/og a download from Google Fonts — for every character
   * none of the given fonts has: any such request means a glyph would be tofu (or come from the
   * network). Requests are refused and recorded; `data:` URLs (next/og loads its WebAssembly so) pass.
   */
  function watchFallbackFontRequests() {
    const requests: string[] = []
    // next/og reports the text it found no font for on console.error.
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void requests.push(args.map(String).join(' ')))
    const realFetch = globalThis.fetch
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      if (url.startsWith('data:')) return realFetch(input, init)
      requests.push(decodeURIComponent(url))
      return Promise.reject(new Error('offline: no fallback fonts in tests'))
    })
    return requests
  }

  const png = async (response: Response) => {
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    return Buffer.from(await response.arrayBuffer())
  }
  const raw = (image: Buffer, region?: sharp.Region) => (region ? sharp(image).extract(region) : sharp(image)).raw().toBuffer()

  it('renders a Kazakh headline as a 1200×630 PNG with every glyph from the shipped fonts', async () => {
    const requests = watchFallbackFontRequests()
    const image = await png(await renderOgImage({ siteName: 'Baspa', label: 'Ауыл шаруашылығы', title: KAZAKH_HEADLINE }))
    expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(await sharp(image).metadata()).toMatchObject({ format: 'png', width: OG_WIDTH, height: OG_HEIGHT })
    expect(requests).toEqual([])
  })

  it('tofu is detected: without cyrillic-ext satori lacks the Kazakh letters and the image differs', async () => {
    const card = { siteName: 'Baspa', label: 'Ауыл шаруашылығы', title: KAZAKH_HEADLINE }
    const requests = watchFallbackFontRequests()
    const real = await png(await renderOgImage(card))
    expect(requests).toEqual([])

    const fonts = await readOgFonts(OG_FONT_FILES.filter((file) => file.subset !== 'cyrillic-ext'))
    const withoutExt = await png(await renderOgImage(card, fonts))
    // satori went looking for a font with the Kazakh letters that only cyrillic-ext holds.
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.join(' ')).toMatch(/[әғқңөүһӘҒҚҢӨҮҺ]/)
    expect(Buffer.compare(await raw(real), await raw(withoutExt))).not.toBe(0)

    // A Russian headline needs nothing from cyrillic-ext: same pixels either way (the comparison is fair).
    const russian = { siteName: 'Baspa', label: 'Торговля', title: 'Переговоры Токаева и Ван И' }
    requests.length = 0
    expect(Buffer.compare(await raw(await png(await renderOgImage(russian))), await raw(await png(await renderOgImage(russian, fonts))))).toBe(0)
    expect(requests).toEqual([])
  })

  it('a 200-character headline stays inside its box: footer and right margin unchanged', async () => {
    expect(watchFallbackFontRequests()).toEqual([])
    const short = await png(await renderOgImage({ siteName: 'Baspa', label: 'Политика', title: 'Коротко' }))
    const long = await png(
      await renderOgImage({
        siteName: 'Baspa',
        label: 'Политика',
        title:
          'Глава государства Касым-Жомарт Токаев провёл расширенное заседание правительства, на котором обсуждались приоритеты экономической политики, бюджет на три года и реформа системы государственных закупок',
      }),
    )
    const footerTop = OG_HEIGHT - OG_LAYOUT.paddingBottom - Math.ceil(OG_LAYOUT.siteNameSize * 1.1) - OG_LAYOUT.footerPadding - OG_LAYOUT.footerRule
    const footer = { left: 0, top: footerTop - OG_LAYOUT.footerGap + 4, width: OG_WIDTH, height: OG_HEIGHT - footerTop + OG_LAYOUT.footerGap - 4 }
    expect(Buffer.compare(await raw(short, footer), await raw(long, footer))).toBe(0)
    const margin = { left: OG_WIDTH - OG_LAYOUT.paddingX + 8, top: OG_LAYOUT.stripe, width: OG_LAYOUT.paddingX - 8, height: OG_HEIGHT - OG_LAYOUT.stripe }
    const { channels } = await sharp(long).metadata()
    const pixels = await raw(long, margin)
    let offBrand = 0
    for (let i = 0; i < pixels.length; i += channels) if (pixels[i] !== 0x0b || pixels[i + 1] !== 0x3d || pixels[i + 2] !== 0x5c) offBrand += 1
    expect(offBrand).toBe(0)
  })
})
