import { BackendUnavailableError } from '@/sanity/backend-error'
import { findMovedArticle } from '@/sanity/redirects'

/**
 * Former article addresses answer 301 with the current one (the Studio keeps them in previousSlugs
 * when an editor changes a published slug). A page can only answer 307/308, hence this proxy.
 *
 * Each address is looked up on its own (MOVED_ARTICLE_QUERY): on the local lake, an index lookup by
 * slug (an article uses it now, the common case), then one by former address (the lake's element
 * index). A map of every former address, fetched whole, grows with the archive: at 1 000 000 articles it held 10 000 entries, its
 * query took 1.3 s after every publish, and under load that query timed out and opened the backend
 * circuit for every page. Answers are kept for ANSWER_MAX_AGE_MS, so a busy address costs one
 * lookup every few seconds, and a publish reaches the redirects within that time.
 */
const ANSWER_MAX_AGE_MS = 3_000
/** Bounds the memory a crawler walking the archive can take: the oldest answers go first. */
const MAX_ANSWERS = 10_000

const answers = new Map<string, { to: string | null; at: number }>()
const lookups = new Map<string, Promise<string | null>>()

function remember(slug: string, to: string | null): void {
  answers.delete(slug)
  answers.set(slug, { to, at: Date.now() })
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value!)
}

function lookUp(slug: string): Promise<string | null> {
  const known = answers.get(slug)
  if (known && Date.now() - known.at < ANSWER_MAX_AGE_MS) return Promise.resolve(known.to)
  let lookup = lookups.get(slug)
  if (!lookup) {
    lookup = findMovedArticle(slug)
      .catch((error: unknown) => {
        // The page's own read fails the same way and the outage page answers; anything else is worth a line.
        if (!(error instanceof BackendUnavailableError)) console.warn(`former address ${slug}: lookup failed:`, error instanceof Error ? error.message : error)
        // The last answer, if any, and no new lookup for a while rather than one per request.
        return known?.to ?? null
      })
      .then((to) => {
        remember(slug, to)
        return to
      })
      .finally(() => lookups.delete(slug))
    lookups.set(slug, lookup)
  }
  return lookup
}

/** The current slug of an article whose former address `path` is, if any; without `ask`, only an answer already known, however old. */
export async function movedArticle(path: string, { ask }: { ask: boolean }): Promise<string | undefined> {
  const slug = /^\/news\/([^/]+)$/.exec(path)?.[1]
  if (!slug) return undefined
  return (ask ? await lookUp(slug) : answers.get(slug)?.to) ?? undefined
}
