import { notFound } from 'next/navigation'
import { OG_HEIGHT, OG_WIDTH } from '@/components/OgCard'
import { articlesCount } from '@/lib/format'
import { renderOgImage } from '@/lib/og-image'
import { getArchivePage, getSiteSettings } from '@/sanity/fetch'

/** A topic's social card (also inherited by its pages 2, 3…): its name, description or article count, the site's name. */
export const alt = 'Название темы и название издания'
export const size = { width: OG_WIDTH, height: OG_HEIGHT }
export const contentType = 'image/png'

// Rendered on each request (~0.1–0.4 s; the data and the parsed fonts are cached), not ISR: with
// `generateStaticParams` Next would cache the 404 of an unknown slug forever, untagged, so an article
// whose card was asked for before its publication (an embargo) would keep a 404 card.

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const [topic, settings] = await Promise.all([getArchivePage('topics', (await params).slug, 1), getSiteSettings()])
  if (!topic) notFound()
  return renderOgImage({
    siteName: settings.title,
    label: 'Тема',
    title: topic.title,
    description: topic.description ?? articlesCount(topic.total),
  })
}
