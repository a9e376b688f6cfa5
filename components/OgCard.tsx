import { ogFontFamily } from '@/components/og-fonts'

/**
 * The Open Graph / social card: 1200×630, the site's brand colour, a label (the topic), the headline
 * and the site name. Rendered by satori through next/og (lib/og-image.tsx), so only flexbox and the CSS
 * subset satori knows; fonts come from lib/og-fonts.ts.
 */

export const OG_WIDTH = 1200
export const OG_HEIGHT = 630

const SANS = ogFontFamily('PT Sans')
const SERIF = ogFontFamily('PT Serif')
const BRAND = '#0b3d5c'
const ACCENT = '#0b6e99'
const LABEL_COLOUR = '#9fd3ee'

/** The card's geometry, in pixels; the headline gets what the other rows leave. */
export const OG_LAYOUT = {
  paddingX: 72,
  paddingTop: 64,
  paddingBottom: 48,
  stripe: 12,
  labelSize: 26,
  labelRow: 34,
  labelGap: 24,
  descriptionSize: 30,
  descriptionLineHeight: 1.3,
  descriptionLines: 2,
  descriptionGap: 20,
  footerGap: 24,
  footerRule: 2,
  footerPadding: 20,
  siteNameSize: 40,
  headlineLineHeight: 1.15,
} as const

const L = OG_LAYOUT
const FOOTER_HEIGHT = L.footerGap + L.footerRule + L.footerPadding + Math.ceil(L.siteNameSize * 1.1)
const DESCRIPTION_HEIGHT = L.descriptionGap + Math.ceil(L.descriptionSize * L.descriptionLineHeight * L.descriptionLines)

/** Width and height of the headline's box. */
export function headlineBox(options: { description: boolean; footer: boolean }) {
  const height =
    OG_HEIGHT -
    L.paddingTop -
    L.paddingBottom -
    (L.labelRow + L.labelGap) -
    (options.footer ? FOOTER_HEIGHT : 0) -
    (options.description ? DESCRIPTION_HEIGHT : 0)
  return { width: OG_WIDTH - 2 * L.paddingX, height }
}

/** Largest first: short headlines are set big, long ones step down until they fit. */
export const HEADLINE_SIZES = [72, 64, 58, 52, 46, 42, 38] as const

/**
 * Advance widths of PT Serif Bold in em, by class of character (tests/unit/og-image.test.ts checks
 * the sizes this gives against the font's real metrics): wide letters, capitals, narrow ones, the rest.
 */
function charEm(char: string): number {
  if (char === ' ') return 0.27
  if (/[ЖШЩЮЫМWM]/.test(char)) return 1.05
  if (/[жмфшщыюmw—№%]/.test(char)) return 0.9
  if (char !== char.toLowerCase()) return 0.76
  if (/[iіljftr.,:;'"()!-]/.test(char)) return 0.42
  return 0.62
}
const textEm = (text: string) => [...text].reduce((sum, char) => sum + charEm(char), 0)

/** Lines a greedy word wrap gives `text` at `size` in `width` pixels, by the estimate above. */
function estimateLines(text: string, size: number, width: number): number {
  let lines = 1
  let used = 0
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = textEm(word) * size
    const withSpace = used + charEm(' ') * size + w
    if (used > 0 && withSpace > width) {
      lines += 1
      used = w
    } else {
      used = used > 0 ? withSpace : w
    }
    // A word wider than the line is broken inside.
    while (used > width) {
      lines += 1
      used -= width
    }
  }
  return lines
}

/**
 * The headline's font size and the most lines that fit the box at that size (the clamp that keeps
 * any headline, however long, inside the card: beyond it satori ends the last line with «…»).
 */
export function fitHeadline(text: string, box: { width: number; height: number }): { fontSize: number; maxLines: number } {
  const fitsAt = (size: number) => Math.max(1, Math.floor(box.height / (size * L.headlineLineHeight)))
  for (const size of HEADLINE_SIZES) {
    const maxLines = fitsAt(size)
    if (estimateLines(text, size, box.width) <= maxLines) return { fontSize: size, maxLines }
  }
  const smallest = HEADLINE_SIZES[HEADLINE_SIZES.length - 1]!
  return { fontSize: smallest, maxLines: fitsAt(smallest) }
}

export interface OgCardProps {
  siteName: string
  /** Above the headline, e.g. the article's topic. */
  label?: string
  /** The headline: an article's title, a topic's name, the site's name. */
  title: string
  /** Under the headline, at most two lines: a topic's description, the site's description. */
  description?: string
}

export function OgCard({ siteName, label, title, description }: OgCardProps) {
  // The site-wide card has the site's name as its headline: no footer repeating it.
  const footer = title !== siteName
  const { fontSize, maxLines } = fitHeadline(title, headlineBox({ description: Boolean(description), footer }))
  return (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        backgroundColor: BRAND,
        borderTop: `${L.stripe}px solid ${ACCENT}`,
        padding: `${L.paddingTop - L.stripe}px ${L.paddingX}px ${L.paddingBottom}px`,
        color: '#ffffff',
        fontFamily: SANS,
      }}
    >
      <div
        style={{
          display: 'flex',
          height: L.labelRow,
          marginBottom: L.labelGap,
          fontSize: L.labelSize,
          fontWeight: 700,
          letterSpacing: 2,
          textTransform: 'uppercase',
          color: LABEL_COLOUR,
        }}
      >
        {label ?? ''}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', flexGrow: 1, overflow: 'hidden' }}>
        <div
          style={{
            display: 'block',
            lineClamp: maxLines,
            fontFamily: SERIF,
            fontWeight: 700,
            fontSize,
            lineHeight: L.headlineLineHeight,
          }}
        >
          {title}
        </div>
        {description ? (
          <div
            style={{
              display: 'block',
              lineClamp: L.descriptionLines,
              marginTop: L.descriptionGap,
              fontSize: L.descriptionSize,
              lineHeight: L.descriptionLineHeight,
              color: 'rgba(255, 255, 255, 0.82)',
            }}
          >
            {description}
          </div>
        ) : null}
      </div>
      {footer ? (
        <div
          style={{
            display: 'flex',
            marginTop: L.footerGap,
            paddingTop: L.footerPadding,
            borderTop: `${L.footerRule}px solid rgba(255, 255, 255, 0.25)`,
            fontFamily: SERIF,
            fontWeight: 700,
            fontSize: L.siteNameSize,
            lineHeight: 1.1,
          }}
        >
          {siteName}
        </div>
      ) : null}
    </div>
  )
}
