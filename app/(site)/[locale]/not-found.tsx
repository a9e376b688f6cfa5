import { locale as rootLocale } from 'next/root-params'
import { NotFoundView } from '@/components/NotFoundView'
import { SiteShell } from '@/components/SiteChrome'
import { DEFAULT_LOCALE, isLocale } from '@/lib/locale'
import { getSiteSettings } from '@/sanity/fetch'

/**
 * notFound() anywhere in an edition: a not-found file gets no params, so the edition comes from
 * Next's root params (the root layout's [locale] segment).
 */
export default async function SiteNotFound() {
  const value: unknown = await rootLocale()
  const locale = isLocale(value) ? value : DEFAULT_LOCALE
  return (
    <SiteShell settings={await getSiteSettings(locale)} locale={locale} editions={{}}>
      <NotFoundView locale={locale} />
    </SiteShell>
  )
}
