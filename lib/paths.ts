import type { ArchiveKind } from '@/sanity/models'

/** The site's URL scheme, in one place: pages, head metadata, JSON-LD, feeds and sitemaps use it. */
export const articlePath = (slug: string) => `/news/${slug}`

/** Page 1 of an archive lives at the section's own URL; page N at …/page/N. */
export const archivePath = (kind: ArchiveKind, slug: string, page = 1) => (page <= 1 ? `/${kind}/${slug}` : `/${kind}/${slug}/page/${page}`)

export type IndexedArchiveKind = Exclude<ArchiveKind, 'authors'>

/** The index of a kind of archive: /topics, /people, /countries (authors have none). */
export const archiveIndexPath = (kind: IndexedArchiveKind) => `/${kind}`

/** What breadcrumbs call those indexes. */
export const ARCHIVE_INDEX_NAMES: Record<IndexedArchiveKind, string> = { topics: 'Темы', people: 'Персоны', countries: 'Страны' }
