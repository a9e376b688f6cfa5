import { OG_HEIGHT, OG_WIDTH } from '@/components/OgCard'
import { renderOgImage } from '@/components/og-image'
import { getSiteSettings } from '@/sanity/fetch'
import { DEFAULT_LOCALE } from '@/lib/locale'
import { editionOf } from '@/lib/locale-param'
import { messagesFor } from '@/messages'

/**
 * The site-wide social card (its name and description), inherited by every page of the reader site
 * without a card of its own: home, topics index, people, countries.
 */
export const alt = 'Название и описание издания'
export const size = { width: OG_WIDTH, height: OG_HEIGHT }
export const contentType = 'image/png'
export const revalidate = 60

export default async function Image({ params }: { params: Promise<{ locale: string }> }) {
  const locale = await editionOf(params)
  const settings = await getSiteSettings(locale)
  // The settings' description is Russian; the other editions show their tagline.
  const description = locale === DEFAULT_LOCALE ? settings.description : messagesFor(locale).siteTagline(settings.title)
  return renderOgImage({ siteName: settings.title, title: settings.title, description })
}
