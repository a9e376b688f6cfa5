import '../../fonts/fonts.css'
import '../../globals.css'
import type { Metadata, Viewport } from 'next'
import { draftMode } from 'next/headers'
import { VisualEditing } from 'next-sanity/visual-editing'
import { DraftModeBanner } from '@/components/DraftModeBanner'
import { LOCALES } from '@/lib/locale'
import { editionOf } from '@/lib/locale-param'
import { siteMetadata } from '@/formats/metadata'
import { headContext } from '@/formats/head-context'

/**
 * The reader site's root layout, one per edition: `<html lang>` is the edition's language, known
 * statically from the segment (the proxy maps unprefixed addresses to `ru`). An unknown segment is a
 * 404. Each page draws the header and footer itself (components/SiteChrome.tsx).
 */
type Props = { children: React.ReactNode; params: Promise<{ locale: string }> }

export const generateStaticParams = () => LOCALES.map((locale) => ({ locale }))

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  return siteMetadata(await headContext(await editionOf(params)))
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b3d5c' }

export default async function SiteLayout({ children, params }: Props) {
  const locale = await editionOf(params)
  const previewing = (await draftMode()).isEnabled
  return (
    <html lang={locale}>
      <body>
        {previewing ? <DraftModeBanner /> : null}
        {/* In the Studio's Presentation tool: follows navigation and refreshes on edits (draft mode only, so readers load none of it). */}
        {previewing ? <VisualEditing /> : null}
        {children}
      </body>
    </html>
  )
}
