import { notFound } from 'next/navigation'
import { OG_HEIGHT, OG_WIDTH } from '@/components/OgCard'
import { countOf } from '@/lib/format'
import { editionOf } from '@/lib/locale-param'
import { messagesFor } from '@/messages'
import { renderOgImage } from '@/components/og-image'
import { getArchivePage, getSiteSettings } from '@/sanity/fetch'

/** A topic's social card (also inherited by its pages 2, 3…): its name, description or article count, the site's name. */
export const alt = 'Название темы и название издания'
export const size = { width: OG_WIDTH, height: OG_HEIGHT }
export const contentType = 'image/png'

// Rendered on each request (~0.1–0.4 s; the data and the parsed fonts are cached), not ISR: with
// `generateStaticParams` Next would cache the 404 of an unknown slug forever, untagged, so an article
// whose card was asked for before its publication (an embargo) would keep a 404 card.

export default async function Image({ params }: { params: Promise<{ locale: string; slug: string }> }) {
  const [locale, { slug }] = await Promise.all([editionOf(params), params])
  const [topic, settings] = await Promise.all([getArchivePage('topics', slug, 1, locale), getSiteSettings(locale)])
  if (!topic) notFound()
  const t = messagesFor(locale)
  return renderOgImage({
    siteName: settings.title,
    label: t.archive.kinds.topics,
    title: topic.title,
    description: topic.description ?? countOf(locale, topic.total, t.plural.articles),
  })
}
