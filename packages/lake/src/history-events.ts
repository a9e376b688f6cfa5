import { DRAFTS_PREFIX } from './perspective'
import type { HistoryTransaction } from './store'

/** An event of Sanity's document events API (`/data/history/{ds}/events/documents/{id}`), as the Studio's History reads it. */
export interface DocumentEvent {
  type: 'createDocumentVersion' | 'deleteDocumentVersion' | 'publishDocumentVersion' | 'unpublishDocument' | 'deleteDocumentGroup'
  documentId: string
  timestamp: string
  author: string
  versionId?: string
  versionRevisionId?: string
  revisionId?: string
  publishCause?: 'document.publish'
}

/**
 * The events of a document group (the published document and its draft), newest first, derived from
 * the lake's transaction log: a draft created, discarded, published or unpublished, the whole
 * document deleted. Edits are not events: the Studio reads them from the transactions themselves,
 * from the `versionRevisionId` of the latest creation on. Without these events the Studio took the
 * edits it found for history lost to a retention policy («Deleted by retention policy»).
 */
export function documentEvents(publishedId: string, transactions: readonly HistoryTransaction[]): DocumentEvent[] {
  const draftId = `${DRAFTS_PREFIX}${publishedId}`
  const events: DocumentEvent[] = []
  let publishedExists = false
  for (const tx of transactions) {
    const published = tx.documents.find((d) => d.id === publishedId)
    const draft = tx.documents.find((d) => d.id === draftId)
    const base = { documentId: publishedId, timestamp: tx.timestamp, author: tx.author }
    const draftCreated = draft && !draft.before && draft.after
    const draftGone = draft?.before && !draft.after
    const publishedCreatedOrChanged = published?.after && published.after._rev !== published.before?._rev
    const publishedGone = published?.before && !published.after

    if (publishedCreatedOrChanged && (draftGone || !published.before)) {
      events.push({
        ...base,
        type: 'publishDocumentVersion',
        versionId: draftId,
        revisionId: published.after!._rev,
        ...(draftGone ? { versionRevisionId: draft.before!._rev } : {}),
        publishCause: 'document.publish',
      })
    } else if (publishedGone && draft?.after) {
      events.push({ ...base, type: 'unpublishDocument', versionId: draftId, versionRevisionId: draft.after._rev })
    } else if ((publishedGone && !draft?.after) || (draftGone && !publishedExists && !published)) {
      events.push({ ...base, type: 'deleteDocumentGroup' })
    } else if (draftGone) {
      events.push({ ...base, type: 'deleteDocumentVersion', versionId: draftId, versionRevisionId: draft.before!._rev })
    } else if (draftCreated) {
      events.push({ ...base, type: 'createDocumentVersion', versionId: draftId, versionRevisionId: draft.after!._rev })
    }
    if (published) publishedExists = Boolean(published.after)
  }
  return events.reverse()
}
