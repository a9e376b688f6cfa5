import { referencesOf, rememberReferences } from './indexes'
import type { LakeDocument } from './ndjson'

export type Perspective = 'published' | 'drafts' | 'raw'

export const DRAFTS_PREFIX = 'drafts.'

export const isDraftId = (id: string) => id.startsWith(DRAFTS_PREFIX)
/** Ids with a dot are "paths" (drafts., versions., …): never part of the published view. */
export const isPublishedId = (id: string) => !id.includes('.')
export const publishedIdOf = (id: string) => (isDraftId(id) ? id.slice(DRAFTS_PREFIX.length) : id)

/**
 * The documents a perspective sees, as Sanity defines them:
 * - `published`: only published documents (no drafts, no versions);
 * - `drafts`: published documents with their draft laid over them, under the published id and with
 *   `_originalId` naming the draft; drafts that were never published appear too;
 * - `raw`: everything as stored.
 */
export function applyPerspective(documents: readonly LakeDocument[], perspective: Perspective): LakeDocument[] {
  if (perspective === 'raw') return [...documents]
  if (perspective === 'published') return documents.filter((doc) => isPublishedId(doc._id))

  const drafts = new Map<string, LakeDocument>()
  for (const doc of documents) if (isDraftId(doc._id)) drafts.set(publishedIdOf(doc._id), doc)

  const result: LakeDocument[] = []
  for (const doc of documents) {
    if (!isPublishedId(doc._id)) continue
    const draft = drafts.get(doc._id)
    result.push(draft ? withFields(draft, { _id: doc._id, _originalId: draft._id }) : doc)
    drafts.delete(doc._id)
  }
  for (const [publishedId, draft] of drafts) {
    if (isPublishedId(publishedId)) result.push(withFields(draft, { _id: publishedId, _originalId: draft._id }))
  }
  return result
}

/**
 * A copy of a document with some fields replaced, keeping lazy fields lazy (a spread would read
 * them) and the original's references.
 */
function withFields(doc: LakeDocument, fields: Record<string, unknown>): LakeDocument {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(doc)) as LakeDocument
  Object.assign(copy, fields)
  return rememberReferences(copy, referencesOf(doc))
}
