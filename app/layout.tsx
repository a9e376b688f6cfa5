import '@fontsource/pt-sans/400.css'
import '@fontsource/pt-sans/700.css'
import '@fontsource/pt-serif/400.css'
import '@fontsource/pt-serif/700.css'
import './globals.css'
import type { Metadata, Viewport } from 'next'
import { SiteFooter, SiteHeader } from '@/components/SiteChrome'
import { siteMetadata } from '@/lib/metadata'
import { env } from '@/sanity/env'
import { getSiteSettings } from '@/sanity/fetch'

export async function generateMetadata(): Promise<Metadata> {
  return siteMetadata(await getSiteSettings(), env().siteUrl)
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b3d5c' }

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const settings = await getSiteSettings()
  return (
    <html lang="ru">
      <body>
        <a href="#main" className="skip-link">
          Перейти к содержанию
        </a>
        <SiteHeader settings={settings} />
        <main id="main" className="site-main">
          {children}
        </main>
        <SiteFooter settings={settings} />
      </body>
    </html>
  )
}
