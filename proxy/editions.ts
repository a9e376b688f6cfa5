/**
 * A path with broken percent-encoding (`/news/%E0%A4%A`) makes Next.js look for a `/400` page, which
 * an App Router site does not have, and answer 500; such requests get a plain 400 here instead.
 */
export function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return false
  } catch {
    return true
  }
}

/**
 * Addresses that are not a reader edition's: route handlers and the Studio keep their URLs at the root.
 * Everything else is a page of an edition.
 */
export const ROOT_ROUTES =
  /^\/(?:api|studio|lake|_next|rss\.xml|atom\.xml|feed\.json|feed\.xml|sitemap\.xml|sitemaps|news-sitemap\.xml|robots\.txt|logo\.png|favicon\.ico)(?:\/|$)/

/** Social card images: Next prints their addresses with the internal segment (`/ru/…/opengraph-image-…`). */
export const METADATA_IMAGE = /\/(?:opengraph|twitter)-image(?:-[\w-]+)?$/
