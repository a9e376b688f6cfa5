import { z } from 'zod'
import { LOCALES, isLocale, type Locale } from '@/lib/locale'
import type { ArchiveKind } from '@/lib/archive-kinds'

/** Zod models of every query result; the site's types come from here. */

const slug = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lower-case latin slug')

/** Whether a URL segment can be a slug at all: anything else is a 404 without asking the backend. */
export const isSlug = (value: string) => slug.safeParse(value).success
const isoDate = z.iso.datetime({ offset: true })
/** An edition's language; a document without one (or with one the site has no edition for) is Russian. */
const language = z.enum(LOCALES).catch('ru')
const nullish = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined)

export const ImageModel = z.object({
  asset: z.object({ _ref: z.string().startsWith('image-') }),
  crop: nullish(z.object({ top: z.number(), bottom: z.number(), left: z.number(), right: z.number() })),
  hotspot: nullish(z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })),
  alt: z.string().min(1),
  caption: nullish(z.string()),
  credit: nullish(z.string()),
  lqip: nullish(z.string().startsWith('data:image/')),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
})
export type Image = z.infer<typeof ImageModel>

const TopicLinkModel = z.object({ _id: z.string(), title: z.string().min(1), slug })

export const ArticleCardModel = z.object({
  _id: z.string(),
  title: z.string().min(1),
  slug,
  lead: z.string().min(1),
  publishedAt: isoDate,
  updatedAt: nullish(isoDate),
  image: nullish(ImageModel),
  topic: nullish(TopicLinkModel),
})
export type ArticleCard = z.infer<typeof ArticleCardModel>

export const SiteSettingsModel = z.object({
  title: z.string().min(1),
  description: nullish(z.string()),
  // A broken logo must not cost the site its settings: the header falls back to the site name.
  logo: nullish(ImageModel).catch(undefined),
  navigation: nullish(z.array(TopicLinkModel.nullable())).transform(dropNulls),
})
export type SiteSettings = z.infer<typeof SiteSettingsModel>

/** Portable Text is rendered by @portabletext/react, which tolerates unknown blocks; we check the shape only. */
const PortableTextBlock = z.looseObject({ _type: z.string(), _key: z.string() })

/**
 * An article's visible translations (itself included), one per language: a link to a draft, an
 * embargoed or a deleted article, or a second one claiming a language, is dropped.
 */
const TranslationsModel = nullish(z.array(z.object({ language: z.string(), slug: z.string().nullish(), visible: z.boolean().nullish() }).nullable())).transform(
  (items) => {
    const links: { language: Locale; slug: string }[] = []
    for (const item of items ?? []) {
      if (!item?.visible || !item.slug || !isSlug(item.slug) || !isLocale(item.language)) continue
      const { language: code, slug: target } = item
      if (!links.some((link) => link.language === code)) links.push({ language: code, slug: target })
    }
    return links
  },
)

export const ArticleModel = ArticleCardModel.omit({ topic: true }).extend({
  language,
  seo: nullish(z.object({ title: nullish(z.string()), description: nullish(z.string()), noindex: nullish(z.boolean()) })).catch(undefined),
  body: nullish(z.array(PortableTextBlock)).transform((blocks) => blocks ?? []),
  authors: nullish(z.array(z.object({ _id: z.string(), name: z.string(), slug }).nullable())).transform(dropNulls),
  topics: z.array(TopicLinkModel.nullable()).transform(dropNulls).pipe(z.array(TopicLinkModel).min(1)),
  people: nullish(z.array(z.object({ _id: z.string(), name: z.string(), slug, role: nullish(z.string()) }).nullable())).transform(dropNulls),
  countries: nullish(z.array(z.object({ _id: z.string(), name: z.string(), slug, code: z.string().length(2) }).nullable())).transform(dropNulls),
  translations: TranslationsModel,
})
export type Article = z.infer<typeof ArticleModel>

export const RelatedCandidateModel = ArticleCardModel.extend({ relevance: z.number().int().nonnegative() })
export type RelatedCandidate = z.infer<typeof RelatedCandidateModel>

export const ArchivePageModel = z.object({
  _id: z.string(),
  title: z.string().min(1),
  slug,
  description: nullish(z.string()),
  code: nullish(z.string().length(2)),
  country: nullish(z.object({ title: z.string(), slug, code: nullish(z.string().length(2)) })),
  /** A person's or author's portrait; a broken one costs the page its photo only. */
  photo: nullish(ImageModel).catch(undefined),
  bio: nullish(z.string()),
  total: z.number().int().nonnegative(),
  articles: z.array(z.unknown()),
})
/** A page of the people index, as PEOPLE_INDEX_QUERY answers it (each person parsed on its own). */
export const PeopleIndexPageModel = z.object({ total: z.number().int().nonnegative(), people: z.array(z.unknown()) })
export interface PeopleIndexPage {
  people: PersonSummary[]
  page: number
  pageCount: number
}

export type ArchivePage = Omit<z.infer<typeof ArchivePageModel>, 'articles'> & {
  kind: ArchiveKind
  articles: ArticleCard[]
  page: number
  pageCount: number
}

export const TopicSummaryModel = z.object({
  _id: z.string(),
  title: z.string().min(1),
  slug,
  description: nullish(z.string()),
  count: z.number().int().nonnegative(),
})
export type TopicSummary = z.infer<typeof TopicSummaryModel>

const CountryLinkModel = z.object({ title: z.string().min(1), slug, code: nullish(z.string().length(2)) })

/** A person in the people index or on their country's page. */
export const PersonSummaryModel = z.object({
  _id: z.string(),
  title: z.string().min(1),
  slug,
  role: nullish(z.string()),
  photo: nullish(ImageModel).catch(undefined),
  country: nullish(CountryLinkModel).catch(undefined),
  count: z.number().int().nonnegative(),
})
export type PersonSummary = z.infer<typeof PersonSummaryModel>

export const CountrySummaryModel = z.object({
  _id: z.string(),
  title: z.string().min(1),
  slug,
  code: z.string().length(2),
  count: z.number().int().nonnegative(),
  people: z.number().int().nonnegative(),
})
export type CountrySummary = z.infer<typeof CountrySummaryModel>

export const HomeModel = z.object({
  leadStory: z.unknown(),
  latest: z.array(z.unknown()),
  sections: nullish(z.array(z.looseObject({ articles: z.array(z.unknown()) }).nullable())).transform(dropNulls),
})

export const FeedItemModel = ArticleCardModel.omit({ topic: true }).extend({
  body: nullish(z.array(PortableTextBlock)).transform((blocks) => blocks ?? []),
  topics: nullish(z.array(z.string().nullable())).transform(dropNulls),
  authors: nullish(z.array(z.object({ name: z.string().min(1), slug }).nullable())).transform(dropNulls),
})
export type FeedItem = z.infer<typeof FeedItemModel>

export const TopicFeedModel = z.object({ title: z.string().min(1), slug, items: z.array(z.unknown()) })
export type TopicFeed = { title: string; slug: string; items: FeedItem[] }

export const MovedArticleModel = slug.nullable()

/** What the search index needs of a visible article: its card fields, the body's plain text, its topics and countries. */
export const SearchDocumentModel = ArticleCardModel.omit({ topic: true }).extend({
  _rev: z.string().min(1),
  text: nullish(z.string()).transform((text) => text ?? ''),
  topics: nullish(z.array(TopicLinkModel.nullable())).transform(dropNulls),
  countries: nullish(z.array(TopicLinkModel.nullable())).transform(dropNulls),
  language,
})
export type SearchDocument = z.infer<typeof SearchDocumentModel>

const RevisionModel = z.object({ _id: z.string().min(1), _rev: z.string().min(1) })
export type Revision = z.infer<typeof RevisionModel>
/** A timestamp the watermark compares (search/store.ts); another value counts as none, so that it cannot be passed over. */
const stamp = z.unknown().transform((value) => (typeof value === 'string' ? value : null))

/**
 * The search index's version (SEARCH_VERSION_QUERY): how many articles are visible, the latest
 * `_updatedAt` and `publishedAt` among them, and the revisions of the topics and countries.
 */
export const SearchVersionModel = z.object({
  articles: z.number().int().nonnegative(),
  updated: stamp,
  published: stamp,
  taxonomy: z.array(RevisionModel),
})
export type SearchVersion = z.infer<typeof SearchVersionModel>

/** The version, and the articles written and published last (SEARCH_CHANGES_QUERY). */
export const SearchChangesModel = SearchVersionModel.extend({
  recentlyUpdated: z.array(RevisionModel.extend({ _updatedAt: stamp })),
  recentlyPublished: z.array(RevisionModel.extend({ publishedAt: stamp })),
})
export type SearchChanges = z.infer<typeof SearchChangesModel>

/** A page of the manifest (SEARCH_MANIFEST_QUERY): the version, and the ids and revisions of some visible articles. */
export const SearchManifestPageModel = SearchVersionModel.extend({ revisions: z.array(RevisionModel) })
/** The version with the id and revision of every visible article (sanity/content.ts reads it in pages). */
export type SearchManifest = SearchVersion & { revisions: Revision[] }

export const SlugListModel = z.array(z.string().nullable()).transform(dropNulls)

function dropNulls<T>(items: (T | null | undefined)[] | undefined): T[] {
  return (items ?? []).filter((item): item is T => item !== null && item !== undefined)
}

// Sitemaps

/** What an image URL needs (sanity/image.ts): no alt, caption or placeholder, to keep large article sitemaps small. */
const SitemapImageModel = ImageModel.pick({ asset: true, crop: true, hotspot: true, width: true })

export const SitemapArticlesModel = z.object({ total: z.number().int().nonnegative(), articles: z.array(z.unknown()) })

export const SitemapArticleModel = z.object({
  slug,
  language,
  lastmod: isoDate,
  // A broken image must not cost the article its sitemap entry: it is listed without the image.
  image: nullish(SitemapImageModel).catch(undefined),
})
export type SitemapArticle = z.infer<typeof SitemapArticleModel>

/** The lastmods of a page of articles, in order (their positions are the chunks'); a malformed date only drops out of its chunk's lastmod. */
export const SitemapLastmodsModel = z.array(z.object({ lastmod: nullish(isoDate).catch(undefined) }))

export const SitemapTaxonomyEntryModel = z.object({ slug, _updatedAt: nullish(isoDate), articlesLastmod: nullish(isoDate) })

export const SitemapSummaryModel = z.object({
  articles: z.number().int().nonnegative(),
  articlesLastmod: nullish(isoDate),
  settingsUpdatedAt: nullish(isoDate),
  topicsUpdatedAt: nullish(isoDate),
  peopleUpdatedAt: nullish(isoDate),
  countriesUpdatedAt: nullish(isoDate),
})
export type SitemapSummary = z.infer<typeof SitemapSummaryModel>

export const NewsSitemapItemModel = z.object({
  title: z.string().min(1),
  slug,
  publishedAt: isoDate,
  // The language Google News files the article under; articles without one are Russian.
  language,
})
export type NewsSitemapItem = z.infer<typeof NewsSitemapItemModel>
