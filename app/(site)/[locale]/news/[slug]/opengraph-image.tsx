import { notFound } from 'next/navigation'
import { OG_HEIGHT, OG_WIDTH } from '@/components/OgCard'
import { renderOgImage } from '@/components/og-image'
import { getArticle, getSiteSettings } from '@/sanity/fetch'
import { editionOf } from '@/lib/locale-param'

/** The article's social card: its headline, its first topic and the site's name. */
export const alt = 'Заголовок новости, её тема и название издания'
export const size = { width: OG_WIDTH, height: OG_HEIGHT }
export const contentType = 'image/png'

// Rendered on each request (~0.1–0.4 s; the data and the parsed fonts are cached), not ISR: with
// `generateStaticParams` Next would cache the 404 of an unknown slug forever, untagged, so an article
// whose card was asked for before its publication (an embargo) would keep a 404 card.

export default async function Image({ params }: { params: Promise<{ locale: string; slug: string }> }) {
  const [locale, { slug }] = await Promise.all([editionOf(params), params])
  const [article, settings] = await Promise.all([getArticle(slug, locale), getSiteSettings(locale)])
  if (!article) notFound()
  return renderOgImage({ siteName: settings.title, label: article.topics[0]?.title, title: article.title })
}
