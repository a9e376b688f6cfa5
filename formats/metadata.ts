import type { Metadata, ResolvedMetadata } from 'next'
import type { ArchivePage, Article, SiteSettings } from '@/sanity/models'
import { FEEDS, topicFeedPath } from './feed'
import { DEFAULT_LOCALE, LOCALES, LOCALE_TAGS, type Locale } from '@/lib/locale'
import { archiveIndexPath, archivePath, articleEditions, homePath, inEveryEdition, searchPath, topicsIndexPath, type EditionPaths } from '@/lib/paths'
import { messagesFor } from '@/messages'

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
  /** The edition the page belongs to: its language, og:locale and the prefix of its addresses. */
  locale: Locale
}

const NOT_INDEXED = { index: false, follow: false } as const
const robots = (ctx: HeadContext, indexed: Metadata['robots']) => (ctx.previewing ? NOT_INDEXED : indexed)

const siteTagline = (ctx: HeadContext) => messagesFor(ctx.locale).siteTagline(ctx.settings.title)

/**
 * hreflang alternates: every edition of the page, and `x-default` → the Russian one. A page that
 * exists in one edition only has none.
 */
export function languageAlternates(editions: EditionPaths): Record<string, string> | undefined {
  const entries = LOCALES.flatMap((locale) => (editions[locale] ? [[locale, editions[locale]] as const] : []))
  if (entries.length < 2) return undefined
  return { ...Object.fromEntries(entries), ...(editions[DEFAULT_LOCALE] ? { 'x-default': editions[DEFAULT_LOCALE] } : {}) }
}

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
function pageHead(ctx: HeadContext, page: { editions: EditionPaths; title: string; description: string; topic?: { slug: string; title: string } }): Metadata {
  const path = page.editions[ctx.locale] ?? homePath(ctx.locale)
  return {
    title: page.title,
    description: page.description,
    alternates: { canonical: path, languages: languageAlternates(page.editions), types: feedAlternates(ctx.settings, page.topic) },
    openGraph: {
      type: 'website',
      siteName: ctx.settings.title,
      locale: LOCALE_TAGS[ctx.locale].og,
      url: path,
      title: page.title,
      description: page.description,
    },
    twitter: { card: 'summary_large_image', title: page.title, description: page.description },
    robots: robots(ctx, { index: true, follow: true }),
  }
}

/** The layout's defaults: the title template and what a page without its own metadata (a 404) shows. */
export function siteMetadata(ctx: HeadContext): Metadata {
  // The settings' description is the Russian edition's; the others describe themselves by tagline.
  const description = (ctx.locale === DEFAULT_LOCALE ? ctx.settings.description : undefined) ?? siteTagline(ctx)
  return {
    metadataBase: new URL(ctx.siteUrl),
    title: { default: siteTagline(ctx), template: `%s — ${ctx.settings.title}` },
    description,
    applicationName: ctx.settings.title,
    alternates: { types: feedAlternates(ctx.settings) },
    openGraph: { type: 'website', siteName: ctx.settings.title, locale: LOCALE_TAGS[ctx.locale].og, title: siteTagline(ctx), description },
    twitter: { card: 'summary_large_image' },
    robots: robots(ctx, { index: true, follow: true }),
  }
}

export function homeMetadata(ctx: HeadContext): Metadata {
  const description = (ctx.locale === DEFAULT_LOCALE ? ctx.settings.description : undefined) ?? siteTagline(ctx)
  const head = pageHead(ctx, { editions: inEveryEdition(homePath), title: siteTagline(ctx), description })
  // The home page's title is the site's own, not run through the "%s — site" template.
  return { ...head, title: { absolute: siteTagline(ctx) } }
}

export function articleMetadata(article: Article, ctx: HeadContext): Metadata {
  const head = pageHead({ ...ctx, locale: article.language }, { editions: articleEditions(article), title: article.title, description: article.lead })
  return {
    ...head,
    openGraph: {
      ...head.openGraph,
      type: 'article',
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt ?? article.publishedAt,
      section: article.topics[0]?.title,
      tags: article.topics.map((topic) => topic.title),
      authors: article.authors.map((author) => new URL(archivePath('authors', author.slug, 1, article.language), ctx.siteUrl).toString()),
    },
    robots: robots(ctx, { index: true, follow: true, 'max-image-preview': 'large' }),
  }
}

/** Each page of an archive is canonical to itself; page 2+ says which page it is. */
export function archiveMetadata(archive: ArchivePage, ctx: HeadContext): Metadata {
  const messages = messagesFor(ctx.locale).archive
  return pageHead(ctx, {
    editions: inEveryEdition((locale) => archivePath(archive.kind, archive.slug, archive.page, locale)),
    title: archive.page > 1 ? messages.titleOfPage(archive.title, archive.page) : archive.title,
    description: archive.description ?? messages.descriptions[archive.kind](archive.title),
    topic: archive.kind === 'topics' ? archive : undefined,
  })
}

export function topicsIndexMetadata(ctx: HeadContext): Metadata {
  const messages = messagesFor(ctx.locale).topicsIndex
  return pageHead(ctx, { editions: inEveryEdition(topicsIndexPath), title: messages.title, description: messages.description(ctx.settings.title) })
}

export function peopleIndexMetadata(ctx: HeadContext, page = 1): Metadata {
  const messages = messagesFor(ctx.locale)
  return pageHead(ctx, {
    editions: inEveryEdition((locale) => archiveIndexPath('people', locale, page)),
    title: page > 1 ? messages.archive.titleOfPage(messages.directories.peopleTitle, page) : messages.directories.peopleTitle,
    description: messages.directories.peopleDescription(ctx.settings.title),
  })
}

export function countriesIndexMetadata(ctx: HeadContext): Metadata {
  const messages = messagesFor(ctx.locale).directories
  return pageHead(ctx, {
    editions: inEveryEdition((locale) => archiveIndexPath('countries', locale)),
    title: messages.countriesTitle,
    description: messages.countriesDescription(ctx.settings.title),
  })
}

/**
 * The search page: never indexed (endless addresses of thin result lists, as search engines ask of
 * internal search), its links followed. No canonical: every query is its own page.
 */
export function searchMetadata(search: { q: string }, ctx: HeadContext): Metadata {
  const query = Array.from(search.q)
  const messages = messagesFor(ctx.locale).search
  const title = search.q ? messages.titleFor(query.length > 60 ? `${query.slice(0, 60).join('').trimEnd()}…` : search.q) : messages.title
  const head = pageHead(ctx, { editions: { [ctx.locale]: searchPath(ctx.locale) }, title, description: messages.description(ctx.settings.title) })
  return { ...head, alternates: { types: feedAlternates(ctx.settings) }, robots: { index: false, follow: true } }
}

/** `rel=prev/next` of a paginated archive (absolute URLs; the Metadata API has no field for them). */
export function paginationLinks(archive: Pick<ArchivePage, 'kind' | 'slug' | 'page' | 'pageCount'>, siteUrl: string, locale: Locale) {
  return pageLinks(archive, (page) => archivePath(archive.kind, archive.slug, page, locale), siteUrl)
}

/** The absolute addresses of the pages before and after page `page` of `pageCount`, page n being at `pathOf(n)`. */
export function pageLinks({ page, pageCount }: { page: number; pageCount: number }, pathOf: (page: number) => string, siteUrl: string) {
  const absolute = (target: number) => new URL(pathOf(target), siteUrl).toString()
  return { prev: page > 1 ? absolute(page - 1) : undefined, next: page < pageCount ? absolute(page + 1) : undefined }
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
