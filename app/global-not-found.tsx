import './fonts/fonts.css'
import './globals.css'
import type { Metadata } from 'next'
import { NotFoundView } from '@/components/NotFoundView'
import { SiteShell } from '@/components/SiteChrome'
import { DEFAULT_LOCALE } from '@/lib/locale'
import { getSiteSettings } from '@/sanity/fetch'

/**
 * Addresses no route matches outside the editions (the site has several root layouts, so there is no
 * single layout to draw a 404 in): the Russian 404 page, a whole document of its own. Addresses inside
 * an edition, prefixed or not, reach [locale]/[...unknown] and get that edition's 404 instead.
 */
export const metadata: Metadata = { title: 'Страница не найдена — Baspa', robots: { index: false, follow: false } }

export default async function GlobalNotFound() {
  return (
    <html lang={DEFAULT_LOCALE}>
      <body>
        <SiteShell settings={await getSiteSettings(DEFAULT_LOCALE)} locale={DEFAULT_LOCALE} editions={{}}>
          <NotFoundView locale={DEFAULT_LOCALE} />
        </SiteShell>
      </body>
    </html>
  )
}
