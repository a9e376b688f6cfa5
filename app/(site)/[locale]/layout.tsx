import type { Metadata, Viewport } from 'next'
import { draftMode } from 'next/headers'
import { VisualEditing } from 'next-sanity/visual-editing'
import { DraftModeBanner } from '@/components/DraftModeBanner'
import { SiteShell } from '@/components/SiteChrome'
import { siteMetadata } from '@/lib/metadata'
import { getSiteSettings } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'

export async function generateMetadata(): Promise<Metadata> {
  return siteMetadata(await headContext())
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b3d5c' }

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const previewing = (await draftMode()).isEnabled
  return (
    <>
      {previewing ? <DraftModeBanner /> : null}
      {/* In the Studio's Presentation tool: follows navigation and refreshes on edits (draft mode only, so readers load none of it). */}
      {previewing ? <VisualEditing /> : null}
      <SiteShell settings={await getSiteSettings()}>{children}</SiteShell>
    </>
  )
}
