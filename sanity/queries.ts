import { defineQuery } from 'groq'
import { DEFAULT_LOCALE, LOCALES } from '@/lib/locale'

/**
 * Every GROQ query of the site. User input only ever arrives as $params.
 * An article is visible to readers once it has a slug and its publication time has come (embargo).
 */
const VISIBLE_ARTICLE = `_type == "article" && defined(slug.current) && defined(publishedAt) && publishedAt <= now()`

/**
 * An article of the edition $locale reads: its `language`, or Russian when it has none (every
 * article written before the editions existed is Russian). Section fronts list only these.
 */
const IN_LOCALE = `coalesce(language, "ru") == $locale`
const LOCALE_ARTICLE = `${VISIBLE_ARTICLE} && ${IN_LOCALE}`

/**
 * A localised name (localeString/localeText) in $locale, else the Russian one every document has.
 * Spelled with select() rather than `field[$locale]`: groq-js (the local lake) resolves a bracketed
 * parameter only when it is baked in at parse time, so `name[$locale]` would be null there.
 */
const localized = (field: string) =>
  `coalesce(select(${LOCALES.filter((code) => code !== DEFAULT_LOCALE)
    .map((code) => `$locale == "${code}" => ${field}.${code}`)
    .join(', ')}), ${field}.ru)`

const IMAGE = `{
  asset,
  crop,
  hotspot,
  alt,
  caption,
  credit,
  "lqip": asset->metadata.lqip,
  "width": asset->metadata.dimensions.width,
  "height": asset->metadata.dimensions.height
}`

const TOPIC_LINK = `{ _id, "title": ${localized('title')}, "slug": slug.current }`

/**
 * The visible translations of the article in scope (`^`), itself included: Sanity's
 * document-internationalization shape, a `translation.metadata` document whose `translations[]`
 * are `{ _key: <language>, value: <reference> }`. An editor links them in the Studio («Переводы»).
 */
const TRANSLATIONS = `*[_type == "translation.metadata" && references(^._id)][0].translations[]{
    "language": _key,
    ...(value->{ "slug": slug.current, "visible": defined(publishedAt) && publishedAt <= now() })
  }`

/** The fields every article projection shares. */
const ARTICLE_FIELDS = `
  _id,
  title,
  "slug": slug.current,
  lead,
  publishedAt,
  updatedAt,
  "image": mainImage${IMAGE}`

const ARTICLE_CARD = `{${ARTICLE_FIELDS},
  "topic": topics[0]->${TOPIC_LINK}
}`

export const SITE_SETTINGS_QUERY = defineQuery(`*[_id == "siteSettings"][0]{
  title,
  description,
  "logo": logo{
    asset,
    crop,
    hotspot,
    "alt": coalesce(alt, ^.title),
    "width": asset->metadata.dimensions.width,
    "height": asset->metadata.dimensions.height
  },
  "navigation": mainNavigation[]->${TOPIC_LINK}
}`)

export const HOME_QUERY = defineQuery(`{
  "leadStory": *[${LOCALE_ARTICLE} && _id == *[_id == "siteSettings"][0].leadStory._ref][0]${ARTICLE_CARD},
  "latest": *[${LOCALE_ARTICLE}] | order(publishedAt desc, _id asc)[0...13]${ARTICLE_CARD},
  "sections": *[_id == "siteSettings"][0].mainNavigation[]->{
    _id,
    "title": ${localized('title')},
    "slug": slug.current,
    "count": count(*[${LOCALE_ARTICLE} && references(^._id)]),
    "articles": *[${LOCALE_ARTICLE} && references(^._id)] | order(publishedAt desc, _id asc)[0...4]${ARTICLE_CARD}
  }
}`)

export const ARTICLE_QUERY = defineQuery(`*[${LOCALE_ARTICLE} && slug.current == $slug][0]{${ARTICLE_FIELDS},
  language,
  "seo": seo{ title, description, noindex },
  "body": body[]{
    ...,
    _type == "figure" => {
      ...,
      "lqip": asset->metadata.lqip,
      "width": asset->metadata.dimensions.width,
      "height": asset->metadata.dimensions.height
    }
  },
  "authors": authors[]->{ _id, "name": ${localized('name')}, "slug": slug.current },
  "topics": topics[]->${TOPIC_LINK},
  "people": people[]->{ _id, "name": ${localized('name')}, "slug": slug.current, "role": ${localized('role')} },
  "countries": countries[]->{ _id, "name": ${localized('name')}, "slug": slug.current, code },
  "translations": ${TRANSLATIONS}
}`)

/**
 * Candidates for «Читайте также»: articles sharing topics or people with the article, by how many
 * they share (then newest), followed by the newest articles that share nothing, for when fewer than
 * three share anything (sanity/related.ts picks). The sharing ones are ranked among the
 * RELATED_WINDOW (200) newest articles that reference a topic or person of the article, so the query
 * reads a bounded number of documents however large the archive (the lake scans by date and stops;
 * hosted Sanity slices before it projects). A query of its own so that its cache entry can carry the
 * tags of those topics and people. $sharedIds is $topicIds and $peopleIds together.
 */
const RELATED_WINDOW = 200
const RELEVANCE = 'coalesce(count(topics[@._ref in $topicIds]), 0) + coalesce(count(people[@._ref in $peopleIds]), 0)'
export const RELATED_QUERY = defineQuery(`[
  ...(*[${LOCALE_ARTICLE} && _id != $id && references($sharedIds)] | order(publishedAt desc, _id asc)[0...${RELATED_WINDOW}]{ _id, publishedAt, "relevance": ${RELEVANCE} }[relevance > 0]
    | order(relevance desc, publishedAt desc, _id asc)[0...6]{ ...*[_id == ^._id][0]${ARTICLE_CARD}, relevance }),
  ...(*[${LOCALE_ARTICLE} && _id != $id] | order(publishedAt desc, _id asc)[0...12]{ ...${ARTICLE_CARD}, "relevance": ${RELEVANCE} }[relevance == 0])
]`)

/**
 * The current address of the visible article that had $slug as a former one (previousSlugs, kept by
 * the Studio's publish action); null when a visible article uses $slug now, which is never
 * redirected. `defined(previousSlugs)` lets the lake read only the articles that have former
 * addresses; among several, the last in dataset order answers.
 */
export const MOVED_ARTICLE_QUERY = defineQuery(`select(
  count(*[${VISIBLE_ARTICLE} && slug.current == $slug][0...1]) > 0 => null,
  *[${VISIBLE_ARTICLE} && defined(previousSlugs) && $slug in previousSlugs && slug.current != $slug][-1].slug.current
)`)

/** For the Studio's slug field: whether another document of the type (draft or published) has the slug. */
export const SLUG_TAKEN_QUERY = defineQuery('count(*[_type == $type && slug.current == $slug && !(_id in [$id, $draftId])]) > 0')

/** A feed entry: the article with its full body and the names its categories and authors print. */
const FEED_ITEM = `{${ARTICLE_FIELDS},
  "body": body[]{
    ...,
    _type == "figure" => {
      ...,
      "width": asset->metadata.dimensions.width,
      "height": asset->metadata.dimensions.height
    }
  },
  "topics": topics[]->title.ru,
  "authors": authors[]->{ "name": name.ru, "slug": slug.current }
}`

/** Feeds are the Russian edition's: its articles, its names. */
const FEED_ARTICLE = `${VISIBLE_ARTICLE} && coalesce(language, "ru") == "ru"`

/** The newest articles for the site-wide feeds (RSS, Atom, JSON Feed). */
export const FEED_QUERY = defineQuery(`*[${FEED_ARTICLE}] | order(publishedAt desc, _id asc)[0...50]${FEED_ITEM}`)

/** A topic's own feed: the topic and its newest articles. */
export const TOPIC_FEED_QUERY = defineQuery(`*[_type == "topic" && slug.current == $slug][0]{
  "title": title.ru,
  "slug": slug.current,
  "items": *[${FEED_ARTICLE} && references(^._id)] | order(publishedAt desc, _id asc)[0...50]${FEED_ITEM}
}`)

export const ARTICLE_SLUGS_QUERY = defineQuery(`*[${LOCALE_ARTICLE}] | order(publishedAt desc)[0...$limit].slug.current`)

/** An archive page: one topic, person or country and a page of the articles that reference it. */
const ARCHIVE_ARTICLES = `
  "total": count(*[${LOCALE_ARTICLE} && references(^._id)]),
  "articles": *[${LOCALE_ARTICLE} && references(^._id)] | order(publishedAt desc, _id asc)[$start...$end]${ARTICLE_CARD}`

export const TOPIC_PAGE_QUERY = defineQuery(`*[_type == "topic" && slug.current == $slug][0]{
  _id,
  "title": ${localized('title')},
  "slug": slug.current,
  "description": ${localized('description')},
  ${ARCHIVE_ARTICLES}
}`)

export const PERSON_PAGE_QUERY = defineQuery(`*[_type == "person" && slug.current == $slug][0]{
  _id,
  "title": ${localized('name')},
  "slug": slug.current,
  "description": ${localized('role')},
  "bio": ${localized('bio')},
  "photo": photo${IMAGE},
  "country": country->{ "title": ${localized('name')}, "slug": slug.current, code },
  ${ARCHIVE_ARTICLES}
}`)

export const COUNTRY_PAGE_QUERY = defineQuery(`*[_type == "country" && slug.current == $slug][0]{
  _id,
  "title": ${localized('name')},
  "slug": slug.current,
  code,
  ${ARCHIVE_ARTICLES}
}`)

/** A staff byline page: the author and a page of their articles. */
export const AUTHOR_PAGE_QUERY = defineQuery(`*[_type == "author" && slug.current == $slug][0]{
  _id,
  "title": ${localized('name')},
  "slug": slug.current,
  "description": ${localized('bio')},
  "photo": photo${IMAGE},
  ${ARCHIVE_ARTICLES}
}`)

export const TOPICS_INDEX_QUERY = defineQuery(`*[_type == "topic" && defined(slug.current)]{
  _id,
  "title": ${localized('title')},
  "slug": slug.current,
  "description": ${localized('description')},
  "count": count(*[${LOCALE_ARTICLE} && references(^._id)])
} | order(count desc, title asc)`)

/** How many visible articles of the edition $locale reference the document in scope (^). */
const ARTICLE_COUNT = `count(*[${LOCALE_ARTICLE} && references(^._id)])`

/** A person as the people index and a country's page list them. */
const PERSON_SUMMARY = `{
  _id,
  "title": ${localized('name')},
  "slug": slug.current,
  "role": ${localized('role')},
  "photo": photo${IMAGE},
  "country": country->{ "title": ${localized('name')}, "slug": slug.current, code },
  "count": ${ARTICLE_COUNT}
}`

/**
 * A page of the people index ([$start...$end]): everyone with a page, the most written about first
 * (then by name), and how many there are. Everyone is ranked by name and count alone; only the
 * page's people are projected whole.
 */
export const PEOPLE_INDEX_QUERY = defineQuery(`{
  "total": count(*[_type == "person" && defined(slug.current)]),
  "people": *[_type == "person" && defined(slug.current)]{ _id, "title": ${localized('name')}, "count": ${ARTICLE_COUNT} }
    | order(count desc, title asc)[$start...$end]{ ...*[_id == ^._id][0]${PERSON_SUMMARY} }
}`)

/** The people of a country who appear in the news (at least one visible article), the most written about first. */
export const COUNTRY_PEOPLE_QUERY = defineQuery(
  `*[_type == "person" && defined(slug.current) && country->slug.current == $slug]${PERSON_SUMMARY}[count > 0] | order(count desc, title asc)`,
)

/** The countries index: every country with its number of articles and of people, the most written about first. */
export const COUNTRIES_INDEX_QUERY = defineQuery(`*[_type == "country" && defined(slug.current)]{
  _id,
  "title": ${localized('name')},
  "slug": slug.current,
  code,
  "count": ${ARTICLE_COUNT},
  "people": count(*[_type == "person" && defined(slug.current) && country._ref == ^._id])
} | order(count desc, title asc)`)

/** $type is "topic", "person", "country" or "author". */
export const ARCHIVE_SLUGS_QUERY = defineQuery(`*[_type == $type && defined(slug.current)].slug.current`)

// Sitemaps

/** Google News takes the articles of the last two days, at most 1 000 per sitemap. */
export const NEWS_WINDOW_HOURS = 48
export const NEWS_MAX_ENTRIES = 1000

/** A sitemap lists what readers see, except an article its editor marked «Не индексировать». */
const INDEXABLE_ARTICLE = `${VISIBLE_ARTICLE} && seo.noindex != true`

/**
 * When an article last changed for search engines: its updatedAt once that is later than the
 * publication and no longer in the future (by the same now() as VISIBLE_ARTICLE), else publishedAt.
 */
const UPDATED_LATER = `defined(updatedAt) && updatedAt > publishedAt && updatedAt <= now()`
const ARTICLE_LASTMOD = `select(${UPDATED_LATER} => updatedAt, publishedAt)`

/**
 * The latest ARTICLE_LASTMOD of the visible articles matching `filter`, without reading them all:
 * the newest publishedAt and the newest updatedAt that counts (each one slice of an index in the
 * local lake), the later of the two. The same value as ordering every article's lastmod.
 */
const latestLastmod = (filter: string) =>
  `[*[${VISIBLE_ARTICLE}${filter}] | order(publishedAt desc)[0].publishedAt, *[${VISIBLE_ARTICLE} && ${UPDATED_LATER}${filter}] | order(updatedAt desc)[0].updatedAt][defined(@)] | order(@ desc)[0]`

/** Oldest first, so that a new article changes only the last article sitemap. */
const SITEMAP_ARTICLE_ORDER = 'order(publishedAt asc, _id asc)'

/** One article sitemap: the slice [$start...$end] of the indexable articles, and how many there are. */
export const SITEMAP_ARTICLES_QUERY = defineQuery(`{
  "total": count(*[${INDEXABLE_ARTICLE}]),
  "articles": *[${INDEXABLE_ARTICLE}] | ${SITEMAP_ARTICLE_ORDER}[$start...$end]{
    "slug": slug.current,
    "language": coalesce(language, "ru"),
    "lastmod": ${ARTICLE_LASTMOD},
    "image": mainImage{ asset, crop, hotspot, "width": asset->metadata.dimensions.width }
  }
}`)

/**
 * The lastmods of the slice [$start...$end] of the indexable articles, in the article sitemaps'
 * order: the sitemap index cuts them into its chunks. A query per chunk would cut each slice at
 * its offset again (a thousand cuts at a million articles); pages of many chunks cut a few.
 */
export const SITEMAP_ARTICLES_LASTMODS_QUERY = defineQuery(`*[${INDEXABLE_ARTICLE}] | ${SITEMAP_ARTICLE_ORDER}[$start...$end]{ "lastmod": ${ARTICLE_LASTMOD} }`)

/**
 * $type is "topic", "person", "country" or "author": every such document with a slug, its own last
 * change and the latest change of the visible articles its page lists.
 */
export const SITEMAP_TAXONOMY_QUERY = defineQuery(`*[_type == $type && defined(slug.current)]{
  "slug": slug.current,
  _updatedAt,
  "articlesLastmod": ${latestLastmod(' && references(^._id)')}
} | order(slug asc)`)

/** How many article sitemaps there are, and what the home page and the topics index last changed with. */
export const SITEMAP_SUMMARY_QUERY = defineQuery(`{
  "articles": count(*[${INDEXABLE_ARTICLE}]),
  "articlesLastmod": ${latestLastmod('')},
  "settingsUpdatedAt": *[_id == "siteSettings"][0]._updatedAt,
  "topicsUpdatedAt": *[_type == "topic"] | order(_updatedAt desc)[0]._updatedAt,
  "peopleUpdatedAt": *[_type == "person"] | order(_updatedAt desc)[0]._updatedAt,
  "countriesUpdatedAt": *[_type == "country"] | order(_updatedAt desc)[0]._updatedAt
}`)

/**
 * Google News: the indexable articles published in the last 48 hours by GROQ's now() (the lake's
 * clock), newest first. `publishedAt >= $newsFrom` (a day before the window by the site's clock,
 * newsFromParam) only narrows what the exact dateTime() test reads: an index range instead of every
 * article (the local lake compares strings in SQL; dateTime() it leaves to groq-js).
 */
export const NEWS_SITEMAP_QUERY =
  defineQuery(`*[${INDEXABLE_ARTICLE} && publishedAt >= $newsFrom && dateTime(publishedAt) >= dateTime(now()) - ${NEWS_WINDOW_HOURS} * 60 * 60]
  | order(publishedAt desc, _id asc)[0...${NEWS_MAX_ENTRIES}]{
  title,
  "slug": slug.current,
  publishedAt,
  language
}`)

/**
 * Search (lib/search): the in-memory index is built from these, never from the reader's query, which
 * GROQ does not see. A search document is a visible article's card fields, its body as plain text
 * (pt::text: the spans of its text blocks), and the topics and countries the filters offer.
 */
const SEARCH_DOCUMENT = `{${ARTICLE_FIELDS},
  _rev,
  "text": pt::text(body),
  "topics": topics[]->${TOPIC_LINK},
  "countries": countries[]->{ _id, "title": ${localized('name')}, "slug": slug.current },
  "language": coalesce(language, "ru")
}`

/** The search documents of some visible articles (an incremental index update); $ids is a list of ids. */
export const SEARCH_DOCUMENTS_QUERY = defineQuery(`*[${VISIBLE_ARTICLE} && _id in $ids]${SEARCH_DOCUMENT}`)

/**
 * The search index's version, answered by the lake's indexes without reading the articles (a count,
 * and the first of two orders). It changes whenever the visible articles do (search/store.ts says
 * why): an article published, edited or made visible by a write raises the latest `_updatedAt`
 * (every write stamps it), an embargo passing raises the latest `publishedAt` (the article's lies
 * after the previous now()), and what only leaves lowers the count. Topics and countries are few:
 * their revisions themselves.
 */
const SEARCH_VERSION_FIELDS = `"articles": count(*[${VISIBLE_ARTICLE}]),
  "updated": *[${VISIBLE_ARTICLE}] | order(_updatedAt desc)[0]._updatedAt,
  "published": *[${VISIBLE_ARTICLE}] | order(publishedAt desc)[0].publishedAt,
  "taxonomy": *[_type in ["topic", "country"]]{ _id, _rev }`

export const SEARCH_VERSION_QUERY = defineQuery(`{
  ${SEARCH_VERSION_FIELDS}
}`)

/**
 * The version and, from the same snapshot, the $limit visible articles written last and published
 * last: every article that entered or changed since an earlier version is among them, unless more
 * than $limit did (search/store.ts).
 */
export const SEARCH_CHANGES_QUERY = defineQuery(`{
  ${SEARCH_VERSION_FIELDS},
  "recentlyUpdated": *[${VISIBLE_ARTICLE}] | order(_updatedAt desc)[0...$limit]{ _id, _rev, _updatedAt },
  "recentlyPublished": *[${VISIBLE_ARTICLE}] | order(publishedAt desc)[0...$limit]{ _id, _rev, publishedAt }
}`)

/**
 * What the index is built from, a page at a time: the ids and revisions of the visible articles
 * [$start...$end) newest first, with the version of the same snapshot (sanity/content.ts reads the
 * pages, search/store.ts compares them with the index). By publishedAt, then _id, as the sitemap
 * chunks: the lake walks its publishedAt index to a page (its own order would sort every article
 * for each page).
 */
export const SEARCH_MANIFEST_QUERY = defineQuery(`{
  ${SEARCH_VERSION_FIELDS},
  "revisions": *[${VISIBLE_ARTICLE}] | order(publishedAt desc, _id asc)[$start...$end]{ _id, _rev }
}`)
