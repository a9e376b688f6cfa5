import { ImageResponse } from 'next/og'
import { ogFontFamily, ogFonts } from '@/components/og-fonts'
import { getSiteSettings } from '@/sanity/fetch'

// The publisher logo of the structured data when the settings have no logo of their own:
// the site's name in its headline face, 600×60 as Google's publisher logos were specified.
export const revalidate = 60

export async function GET() {
  const { title } = await getSiteSettings()
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        alignItems: 'center',
        background: '#ffffff',
        color: '#0b3d5c',
        fontFamily: ogFontFamily('PT Serif'),
        fontSize: 44,
        fontWeight: 700,
        paddingLeft: 4,
      }}
    >
      {title}
    </div>,
    { width: 600, height: 60, fonts: await ogFonts() },
  )
}
