/** The taxonomies that have archive pages, index pages and a sitemap each: one list for all of them. */
export const ARCHIVE_KINDS = ['topics', 'people', 'countries', 'authors'] as const
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number]

/** The document type each kind of archive lists. */
export const ARCHIVE_DOCUMENT_TYPES: Record<ArchiveKind, string> = { topics: 'topic', people: 'person', countries: 'country', authors: 'author' }
