import { createHash } from 'node:crypto'
import type { Revision, SearchVersion } from './models'

/**
 * The search index's version as a short hash, cheap to cache and compare (search/store.ts follows
 * it). Only the version's own fields count: a manifest or a list of changes of the same snapshot
 * hashes to the same key.
 */
export function versionKey({ articles, updated, published, taxonomy }: SearchVersion): string {
  return createHash('sha256')
    .update(JSON.stringify([articles, updated, published]))
    .update('\n--\n')
    .update(revisionsKey(taxonomy))
    .digest('base64url')
    .slice(0, 22)
}

/** Ids and revisions in one string, independent of their order. */
export function revisionsKey(revisions: Revision[]): string {
  return revisions
    .map((r) => `${r._id} ${r._rev}`)
    .sort()
    .join('\n')
}
