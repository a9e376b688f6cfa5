import type { BreadcrumbList, NewsArticle, NewsMediaOrganization, Person, SearchAction, Thing, WebSite, WithContext } from 'schema-dts'
import type { ArchivePage, Article, Image, SiteSettings } from '@/sanity/models'
import type { Locale } from '@/lib/locale'
import { archiveIndexPath, archivePath, articlePath, homePath, searchPath } from '@/lib/paths'
import { messagesFor } from '@/messages'

/**
 * Schema.org structured data (JSON-LD) for every page type, typed with schema-dts. Pure: the caller
 * passes the site URL and how to turn an image into an absolute URL of a given aspect ratio.
 */
export interface StructuredDataContext {
  settings: SiteSettings
  siteUrl: string
  /** An absolute URL of the image cropped (around its hotspot) to the aspect ratio, ≥ 1200 px wide. */
  imageUrl: (image: Image, aspectRatio: number) => string
  /** An absolute URL of the publisher's logo when the settings have none. */
  fallbackLogoUrl: string
  /** The page's edition: the addresses and names it links to are this edition's. */
  locale: Locale
}

/** Google shows at most 110 characters of a headline. */
export const HEADLINE_MAX = 110

/** Google's image guidance for articles: 16×9, 4×3 and 1×1 crops. */
const ARTICLE_IMAGE_RATIOS = [16 / 9, 4 / 3, 1]

const absolute = (ctx: StructuredDataContext, path: string) => new URL(path, `${ctx.siteUrl}/`).toString()

/** Cuts at a word boundary and marks the cut, so the headline stays readable. */
export function truncateHeadline(title: string, max = HEADLINE_MAX): string {
  if (title.length <= max) return title
  const cut = title.slice(0, max - 1)
  const atWord = cut.replace(/[\s,.:;—–-]+\S*$/u, '')
  return `${(atWord.length >= max / 2 ? atWord : cut).trimEnd()}…`
}

function organization(ctx: StructuredDataContext): Exclude<NewsMediaOrganization, string> {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': absolute(ctx, '/#organization'),
    name: ctx.settings.title,
    url: absolute(ctx, '/'),
    logo: {
      '@type': 'ImageObject',
      url: ctx.settings.logo ? ctx.imageUrl(ctx.settings.logo, ctx.settings.logo.width / ctx.settings.logo.height) : ctx.fallbackLogoUrl,
    },
  }
}

/** The home page: the site with its search, and the organisation behind it (declared once, here). */
export function homeStructuredData(ctx: StructuredDataContext): WithContext<WebSite | NewsMediaOrganization>[] {
  // `query-input` is Google's annotation of the URL template, not a schema.org property in schema-dts.
  const searchAction: SearchAction & { 'query-input': string } = {
    '@type': 'SearchAction',
    target: { '@type': 'EntryPoint', urlTemplate: `${absolute(ctx, searchPath(ctx.locale))}?q={search_term_string}` },
    'query-input': 'required name=search_term_string',
  }
  const website: WithContext<WebSite> = {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': absolute(ctx, '/#website'),
    name: ctx.settings.title,
    url: absolute(ctx, homePath(ctx.locale)),
    inLanguage: ctx.locale,
    publisher: { '@id': absolute(ctx, '/#organization') },
    potentialAction: searchAction,
  }
  return [website, { '@context': 'https://schema.org', ...organization(ctx) }]
}

export function newsArticle(article: Article, ctx: StructuredDataContext): WithContext<NewsArticle> {
  const locale = article.language
  const url = absolute(ctx, articlePath(article.slug, locale))
  const about: Thing[] = article.topics.map((topic) => ({
    '@type': 'Thing',
    name: topic.title,
    url: absolute(ctx, archivePath('topics', topic.slug, 1, locale)),
  }))
  const mentions: Thing[] = [
    ...article.people.map((person): Thing => ({ '@type': 'Person', name: person.name, url: absolute(ctx, archivePath('people', person.slug, 1, locale)) })),
    ...article.countries.map((country): Thing => ({
      '@type': 'Country',
      name: country.name,
      url: absolute(ctx, archivePath('countries', country.slug, 1, locale)),
    })),
  ]
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: truncateHeadline(article.title),
    description: article.lead,
    ...(article.image ? { image: ARTICLE_IMAGE_RATIOS.map((ratio) => ctx.imageUrl(article.image!, ratio)) } : {}),
    datePublished: article.publishedAt,
    dateModified: article.updatedAt ?? article.publishedAt,
    author: article.authors.map((author) => ({ '@type': 'Person', name: author.name, url: absolute(ctx, archivePath('authors', author.slug, 1, locale)) })),
    publisher: organization(ctx),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    inLanguage: locale,
    articleSection: article.topics[0]?.title,
    about,
    mentions,
    isAccessibleForFree: true,
  }
}

/** Home › the crumbs given; the last crumb is the page itself. */
export function breadcrumbs(ctx: StructuredDataContext, crumbs: { name: string; path: string }[]): WithContext<BreadcrumbList> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [{ name: messagesFor(ctx.locale).chrome.homeCrumb, path: homePath(ctx.locale) }, ...crumbs].map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absolute(ctx, crumb.path),
    })),
  }
}

export function articleBreadcrumbs(article: Article, ctx: StructuredDataContext) {
  const topic = article.topics[0]
  return breadcrumbs(ctx, [
    ...(topic ? [{ name: topic.title, path: archivePath('topics', topic.slug, 1, article.language) }] : []),
    { name: truncateHeadline(article.title), path: articlePath(article.slug, article.language) },
  ])
}

/** An archive page: its breadcrumbs, and for a person or an author a Person. */
export function archiveStructuredData(archive: ArchivePage, ctx: StructuredDataContext): WithContext<BreadcrumbList | Person>[] {
  const path = archivePath(archive.kind, archive.slug, 1, ctx.locale)
  const trail =
    archive.kind === 'authors' ? [] : [{ name: messagesFor(ctx.locale).directories.names[archive.kind], path: archiveIndexPath(archive.kind, ctx.locale) }]
  const list: WithContext<BreadcrumbList | Person>[] = [breadcrumbs(ctx, [...trail, { name: archive.title, path }])]
  if (archive.kind === 'people' || archive.kind === 'authors') {
    list.push({
      '@context': 'https://schema.org',
      '@type': 'Person',
      name: archive.title,
      url: absolute(ctx, path),
      ...(archive.description ? { description: archive.description } : {}),
      ...(archive.photo ? { image: ctx.imageUrl(archive.photo, 1) } : {}),
      ...(archive.kind === 'people' && archive.description ? { jobTitle: archive.description } : {}),
      ...(archive.kind === 'authors' ? { worksFor: { '@id': absolute(ctx, '/#organization') } } : {}),
      ...(archive.country
        ? {
            nationality: { '@type': 'Country', name: archive.country.title, url: absolute(ctx, archivePath('countries', archive.country.slug, 1, ctx.locale)) },
          }
        : {}),
    })
  }
  return list
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are escaped as \u003c etc., so a
 * `</script>` or `<!--` inside a title cannot end the script; U+2028/2029 for old JavaScript parsers.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
