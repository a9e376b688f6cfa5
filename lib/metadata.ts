import type { Metadata } from 'next'
import type { ArchivePage, Article, SiteSettings } from '@/sanity/models'
import { FEED_PATH } from './feed'

/**
 * Head metadata for every page type, decided in one place. (The full set — Open Graph images,
 * JSON-LD, feeds — grows here with the search-engine issue.)
 */
export function siteMetadata(settings: SiteSettings, siteUrl: string): Metadata {
  return {
    metadataBase: new URL(siteUrl),
    title: { default: `${settings.title} — новости Казахстана`, template: `%s — ${settings.title}` },
    description: settings.description,
    alternates: { types: { 'application/rss+xml': [{ url: FEED_PATH, title: settings.title }] } },
  }
}

export function articleMetadata(article: Article): Metadata {
  return {
    title: article.title,
    description: article.lead,
    alternates: { canonical: `/news/${article.slug}` },
  }
}

const ARCHIVE_DESCRIPTIONS = {
  topics: (title: string) => `Новости по теме «${title}»`,
  people: (title: string) => `${title}: новости и публикации`,
  countries: (title: string) => `${title}: новости и публикации`,
} as const

export function archiveMetadata(archive: ArchivePage): Metadata {
  const base = `/${archive.kind}/${archive.slug}`
  return {
    title: archive.page > 1 ? `${archive.title} — страница ${archive.page}` : archive.title,
    description: archive.description ?? ARCHIVE_DESCRIPTIONS[archive.kind](archive.title),
    alternates: { canonical: archive.page > 1 ? `${base}/page/${archive.page}` : base },
  }
}
