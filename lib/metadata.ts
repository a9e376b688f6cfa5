import type { Metadata, ResolvedMetadata } from 'next'
import type { ArchiveKind, ArchivePage, Article, SiteSettings } from '@/sanity/models'
import { FEEDS, topicFeedPath } from './feed'
import { archiveIndexPath, archivePath, articlePath } from './paths'

/**
 * Head metadata for every page type, decided in one place: title, description, canonical URL, feed
 * autodiscovery, Open Graph, Twitter card and robots. Next.js replaces (does not merge) a parent's
 * `openGraph` and `alternates` with a page's, so every page type gets a complete set from here.
 * Open Graph images come from the `opengraph-image` file routes beside the pages.
 */

export interface HeadContext {
  settings: SiteSettings
  siteUrl: string
  /** An editor's preview (draft mode): nothing of it may be indexed, whatever the page type says. */
  previewing?: boolean
}

const NOT_INDEXED = { index: false, follow: false } as const
const robots = (ctx: HeadContext, indexed: Metadata['robots']) => (ctx.previewing ? NOT_INDEXED : indexed)

const LOCALE = 'ru_RU'

const siteTagline = (settings: SiteSettings) => `${settings.title} — новости Казахстана`

/** Autodiscovery links of the site-wide feeds, plus a topic's own feed on its pages. */
function feedAlternates(settings: SiteSettings, topic?: { slug: string; title: string }) {
  return {
    'application/rss+xml': [
      { url: FEEDS.rss, title: settings.title },
      ...(topic ? [{ url: topicFeedPath(topic.slug), title: `${settings.title}: ${topic.title}` }] : []),
    ],
    'application/atom+xml': [{ url: FEEDS.atom, title: settings.title }],
    'application/feed+json': [{ url: FEEDS.json, title: settings.title }],
  }
}

/** The pieces every indexable page shares; `path` is the page's canonical path. */
function pageHead(ctx: HeadContext, page: { path: string; title: string; description: string; topic?: { slug: string; title: string } }): Metadata {
  return {
    title: page.title,
    description: page.description,
    alternates: { canonical: page.path, types: feedAlternates(ctx.settings, page.topic) },
    openGraph: { type: 'website', siteName: ctx.settings.title, locale: LOCALE, url: page.path, title: page.title, description: page.description },
    twitter: { card: 'summary_large_image', title: page.title, description: page.description },
    robots: robots(ctx, { index: true, follow: true }),
  }
}

/** The layout's defaults: the title template and what a page without its own metadata (a 404) shows. */
export function siteMetadata(ctx: HeadContext): Metadata {
  const description = ctx.settings.description ?? siteTagline(ctx.settings)
  return {
    metadataBase: new URL(ctx.siteUrl),
    title: { default: siteTagline(ctx.settings), template: `%s — ${ctx.settings.title}` },
    description,
    applicationName: ctx.settings.title,
    alternates: { types: feedAlternates(ctx.settings) },
    openGraph: { type: 'website', siteName: ctx.settings.title, locale: LOCALE, title: siteTagline(ctx.settings), description },
    twitter: { card: 'summary_large_image' },
    robots: robots(ctx, { index: true, follow: true }),
  }
}

export function homeMetadata(ctx: HeadContext): Metadata {
  const head = pageHead(ctx, { path: '/', title: siteTagline(ctx.settings), description: ctx.settings.description ?? siteTagline(ctx.settings) })
  // The home page's title is the site's own, not run through the "%s — site" template.
  return { ...head, title: { absolute: siteTagline(ctx.settings) } }
}

export function articleMetadata(article: Article, ctx: HeadContext): Metadata {
  const head = pageHead(ctx, { path: articlePath(article.slug), title: article.title, description: article.lead })
  return {
    ...head,
    openGraph: {
      ...head.openGraph,
      type: 'article',
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt ?? article.publishedAt,
      section: article.topics[0]?.title,
      tags: article.topics.map((topic) => topic.title),
      authors: article.authors.map((author) => new URL(archivePath('authors', author.slug), ctx.siteUrl).toString()),
    },
    robots: robots(ctx, { index: true, follow: true, 'max-image-preview': 'large' }),
  }
}

const ARCHIVE_DESCRIPTIONS: Record<ArchiveKind, (title: string) => string> = {
  topics: (title) => `Новости по теме «${title}»`,
  people: (title) => `${title}: новости и публикации`,
  countries: (title) => `${title}: новости и публикации`,
  authors: (title) => `${title}: публикации автора`,
}

/** Each page of an archive is canonical to itself; page 2+ says which page it is. */
export function archiveMetadata(archive: ArchivePage, ctx: HeadContext): Metadata {
  return pageHead(ctx, {
    path: archivePath(archive.kind, archive.slug, archive.page),
    title: archive.page > 1 ? `${archive.title} — страница ${archive.page}` : archive.title,
    description: archive.description ?? ARCHIVE_DESCRIPTIONS[archive.kind](archive.title),
    topic: archive.kind === 'topics' ? archive : undefined,
  })
}

export function topicsIndexMetadata(ctx: HeadContext): Metadata {
  return pageHead(ctx, { path: '/topics', title: 'Все темы', description: `Все темы ${ctx.settings.title}: политика, экономика, дипломатия, общество` })
}

export function peopleIndexMetadata(ctx: HeadContext): Metadata {
  return pageHead(ctx, { path: archiveIndexPath('people'), title: 'Персоны', description: `Люди в новостях ${ctx.settings.title}: политики, дипломаты, предприниматели` })
}

export function countriesIndexMetadata(ctx: HeadContext): Metadata {
  return pageHead(ctx, { path: archiveIndexPath('countries'), title: 'Страны', description: `Страны в новостях ${ctx.settings.title}` })
}

/**
 * The search page: never indexed (endless addresses of thin result lists, as search engines ask of
 * internal search), its links followed. No canonical: every query is its own page.
 */
export function searchMetadata(search: { q: string }, ctx: HeadContext): Metadata {
  const query = Array.from(search.q)
  const title = search.q ? `Поиск: ${query.length > 60 ? `${query.slice(0, 60).join('').trimEnd()}…` : search.q}` : 'Поиск'
  const head = pageHead(ctx, { path: '/search', title, description: `Поиск по материалам ${ctx.settings.title}` })
  return { ...head, alternates: { types: feedAlternates(ctx.settings) }, robots: { index: false, follow: true } }
}

/** `rel=prev/next` of a paginated archive (absolute URLs; the Metadata API has no field for them). */
export function paginationLinks(archive: Pick<ArchivePage, 'kind' | 'slug' | 'page' | 'pageCount'>, siteUrl: string) {
  const absolute = (page: number) => new URL(archivePath(archive.kind, archive.slug, page), siteUrl).toString()
  return {
    prev: archive.page > 1 ? absolute(archive.page - 1) : undefined,
    next: archive.page < archive.pageCount ? absolute(archive.page + 1) : undefined,
  }
}

/**
 * Pages without a social card of their own keep the one of the segment above them (the site's, or a
 * topic's for its later pages): Next.js drops the inherited `og:image` as soon as a page sets its own
 * `openGraph`, so the resolved parent's images are carried over explicitly.
 */
export function withParentCard(metadata: Metadata, parent: Pick<ResolvedMetadata, 'openGraph' | 'twitter'>): Metadata {
  const ogImages = parent.openGraph?.images
  const twitterImages = parent.twitter?.images
  return {
    ...metadata,
    openGraph: { ...metadata.openGraph, ...(ogImages?.length ? { images: ogImages } : {}) },
    twitter: { ...metadata.twitter, ...(twitterImages?.length ? { images: twitterImages } : {}) },
  } as Metadata
}
