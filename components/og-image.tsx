import { ImageResponse } from 'next/og'
import { OG_HEIGHT, OG_WIDTH, OgCard, type OgCardProps } from '@/components/OgCard'
import { ogFonts, type OgFont } from './og-fonts'

/**
 * Renders the social card as a PNG: what every `opengraph-image.tsx` returns. `fonts` is for tests
 * (rendering with a subset left out); the site always uses the cached ogFonts().
 */
export async function renderOgImage(card: OgCardProps, fonts?: OgFont[]): Promise<ImageResponse> {
  return new ImageResponse(<OgCard {...card} />, { width: OG_WIDTH, height: OG_HEIGHT, fonts: fonts ?? (await ogFonts()) })
}
