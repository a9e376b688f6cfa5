import { OG_HEIGHT, OG_WIDTH } from '@/components/OgCard'
import { renderOgImage } from '@/lib/og-image'
import { getSiteSettings } from '@/sanity/fetch'

/**
 * The site-wide social card (its name and description), inherited by every page of the reader site
 * without a card of its own: home, topics index, people, countries.
 */
export const alt = 'Название и описание издания'
export const size = { width: OG_WIDTH, height: OG_HEIGHT }
export const contentType = 'image/png'
export const revalidate = 60

export default async function Image() {
  const settings = await getSiteSettings()
  return renderOgImage({ siteName: settings.title, title: settings.title, description: settings.description })
}
