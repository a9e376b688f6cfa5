import type { Metadata } from 'next'
import type { Article, SiteSettings, TopicPage } from '@/sanity/models'

/**
 * Head metadata for every page type, decided in one place. (The full set — Open Graph images,
 * JSON-LD, feeds — grows here with the search-engine issue.)
 */
export function siteMetadata(settings: SiteSettings, siteUrl: string): Metadata {
  return {
    metadataBase: new URL(siteUrl),
    title: { default: `${settings.title} — новости Казахстана`, template: `%s — ${settings.title}` },
    description: settings.description,
  }
}

export function articleMetadata(article: Article): Metadata {
  return {
    title: article.title,
    description: article.lead,
    alternates: { canonical: `/news/${article.slug}` },
  }
}

export function topicMetadata(topic: TopicPage): Metadata {
  const canonical = topic.page > 1 ? `/topics/${topic.slug}/page/${topic.page}` : `/topics/${topic.slug}`
  return {
    title: topic.page > 1 ? `${topic.title} — страница ${topic.page}` : topic.title,
    description: topic.description ?? `Новости по теме «${topic.title}»`,
    alternates: { canonical },
  }
}
