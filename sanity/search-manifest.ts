import { createHash } from 'node:crypto'
import type { SearchManifest } from './models'

/**
 * The search index's version: a short hash of the ids and revisions of what search indexes (the
 * visible articles and the taxonomy), cheap to cache and compare (search/store.ts follows it).
 */
export function manifestHash(manifest: SearchManifest): string {
  return createHash('sha256').update(revisionsKey(manifest.articles)).update('\n--\n').update(revisionsKey(manifest.taxonomy)).digest('base64url').slice(0, 22)
}

/** Ids and revisions in one string, independent of their order. */
export function revisionsKey(revisions: SearchManifest['articles']): string {
  return revisions
    .map((r) => `${r._id} ${r._rev}`)
    .sort()
    .join('\n')
}
