import type { Metadata, Viewport } from 'next'
import { SiteShell } from '@/components/SiteChrome'
import { siteMetadata } from '@/lib/metadata'
import { env } from '@/sanity/env'
import { getSiteSettings } from '@/sanity/fetch'

export async function generateMetadata(): Promise<Metadata> {
  return siteMetadata(await getSiteSettings(), env().siteUrl)
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b3d5c' }

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  return <SiteShell settings={await getSiteSettings()}>{children}</SiteShell>
}
