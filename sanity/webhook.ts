import { decodeSignatureHeader, isValidSignature } from '@sanity/webhook'
import { z } from 'zod'
import { cacheTags } from './cache-tags'
import type { ArchiveKind } from '@/lib/archive-kinds'

/**
 * The revalidation webhook: which document changes it fires for, what it sends (a GROQ projection
 * evaluated with the document before and after the change), how the site checks its signature, and
 * which cache tags a change revalidates. Hosted Sanity is configured with the same filter and
 * projection (docs/operations.md); the local lake sends it itself.
 */
const WEBHOOK_DOCUMENT_TYPES = ['article', 'topic', 'person', 'country', 'author', 'siteSettings'] as const

export const WEBHOOK_FILTER = `_type in ${JSON.stringify(WEBHOOK_DOCUMENT_TYPES)}`

/** The local lake also fires the webhook when an article's publishedAt passes: an embargoed article appears on time. */
export const WEBHOOK_SCHEDULE_FIELD = 'publishedAt'

const beforeAfter = (path: string) => `{ "before": before().${path}, "after": after().${path} }`

export const WEBHOOK_PROJECTION = `{
  "operation": delta::operation(),
  "documentId": coalesce(after()._id, before()._id),
  "type": coalesce(after()._type, before()._type),
  "slug": ${beforeAfter('slug.current')},
  "topics": ${beforeAfter('topics[]->slug.current')},
  "people": ${beforeAfter('people[]->slug.current')},
  "countries": ${beforeAfter('countries[]->slug.current')},
  "authors": ${beforeAfter('authors[]->slug.current')}
}`

const slugOrNull = z.string().nullish()
const slugLists = z.object({ before: z.array(slugOrNull).nullish(), after: z.array(slugOrNull).nullish() }).nullish()

export const WebhookPayloadModel = z.object({
  operation: z.enum(['create', 'update', 'delete']),
  documentId: z.string().min(1),
  type: z.enum(WEBHOOK_DOCUMENT_TYPES),
  slug: z.object({ before: slugOrNull, after: slugOrNull }).nullish(),
  topics: slugLists,
  people: slugLists,
  countries: slugLists,
  authors: slugLists,
})
export type WebhookPayload = z.infer<typeof WebhookPayloadModel>

const ARCHIVE_KIND_OF: Partial<Record<WebhookPayload['type'], ArchiveKind>> = { topic: 'topics', person: 'people', country: 'countries', author: 'authors' }

type BeforeAfter = { before?: (string | null | undefined)[] | string | null; after?: (string | null | undefined)[] | string | null }

/** The slugs of a before/after pair, both sides, without the missing ones. */
const both = (pair: BeforeAfter | null | undefined) => [pair?.before, pair?.after].flat().filter((value): value is string => Boolean(value))

/** Every cache tag whose data a change of this document can alter, and no other. */
export function revalidationTags(change: WebhookPayload): string[] {
  const tags = new Set<string>()
  const slugs = both(change.slug)
  if (change.type === 'article') {
    for (const slug of slugs) tags.add(cacheTags.article(slug))
    for (const slug of both(change.topics)) tags.add(cacheTags.archive('topics', slug))
    for (const slug of both(change.people)) tags.add(cacheTags.archive('people', slug))
    for (const slug of both(change.countries)) tags.add(cacheTags.archive('countries', slug))
    for (const slug of both(change.authors)) tags.add(cacheTags.archive('authors', slug))
    for (const tag of [cacheTags.home, cacheTags.topicsIndex, cacheTags.directories, cacheTags.slugs, cacheTags.feeds, cacheTags.sitemaps, cacheTags.search])
      tags.add(tag)
  } else if (change.type === 'siteSettings') {
    tags.add(cacheTags.settings).add(cacheTags.home)
  } else {
    // A renamed topic, person, country or author shows on its own page and wherever it is named.
    const kind = ARCHIVE_KIND_OF[change.type]
    for (const slug of slugs) if (kind) tags.add(cacheTags.archive(kind, slug))
    for (const tag of [cacheTags.taxonomy, cacheTags.directories, cacheTags.slugs, cacheTags.sitemaps, cacheTags.feeds]) tags.add(tag)
    if (change.type === 'topic') tags.add(cacheTags.topicsIndex).add(cacheTags.settings)
  }
  return [...tags]
}

/** Signatures older than this are refused, so a captured request cannot be replayed later. */
export const SIGNATURE_MAX_AGE_MS = 5 * 60 * 1000

export type SignatureVerdict = 'valid' | 'missing' | 'malformed' | 'invalid' | 'expired' | 'replayed'

/**
 * Replay protection within the age window: each signature (an HMAC over its timestamp and the body)
 * is accepted once; the same request sent again is refused until it would have expired anyway. The
 * lake and hosted Sanity sign every delivery attempt anew, so retries are not affected. Per process:
 * several instances behind a balancer each accept a replay once (a shared store would be needed).
 */
export class SeenSignatures {
  private readonly seen = new Map<string, number>()

  constructor(private readonly maxEntries = 10_000) {}

  /** True the first time a signature is seen within SIGNATURE_MAX_AGE_MS, false for a replay. */
  claim(signature: string, now = Date.now()): boolean {
    for (const [key, expires] of this.seen) {
      if (expires > now) break
      this.seen.delete(key)
    }
    if (this.seen.has(signature)) return false
    if (this.seen.size >= this.maxEntries) this.seen.delete(this.seen.keys().next().value!)
    this.seen.set(signature, now + 2 * SIGNATURE_MAX_AGE_MS)
    return true
  }
}

/** Checks `sanity-webhook-signature` (HMAC-SHA256 of timestamp + raw body, as @sanity/webhook computes it) and its age. */
export async function verifyWebhookSignature(
  body: string,
  signature: string | null,
  secret: string,
  now = Date.now(),
  seen?: SeenSignatures,
): Promise<SignatureVerdict> {
  if (!signature) return 'missing'
  let timestamp: number
  try {
    timestamp = decodeSignatureHeader(signature).timestamp
  } catch {
    return 'malformed'
  }
  if (!(await isValidSignature(body, signature, secret))) return 'invalid'
  if (Math.abs(now - timestamp) > SIGNATURE_MAX_AGE_MS) return 'expired'
  return !seen || seen.claim(signature, now) ? 'valid' : 'replayed'
}
