import { isDraftId, publishedIdOf } from './perspective'
import { MutationError, type LakeMutation } from './mutate'
import type { LakeDocument } from './ndjson'

/**
 * The Actions API (`POST /data/actions/{dataset}`) that the Studio uses for every edit, translated
 * into mutations: https://www.sanity.io/docs/http-actions
 */
type LakeAction =
  | { actionType: 'sanity.action.document.create'; publishedId: string; attributes: LakeDocument; ifExists?: 'fail' | 'ignore' }
  | { actionType: 'sanity.action.document.edit'; draftId: string; publishedId: string; patch: Record<string, unknown> }
  | { actionType: 'sanity.action.document.publish'; draftId: string; publishedId: string; ifDraftRevisionId?: string; ifPublishedRevisionId?: string }
  | { actionType: 'sanity.action.document.unpublish'; draftId: string; publishedId: string }
  | { actionType: 'sanity.action.document.discard'; draftId: string; purge?: boolean }
  | { actionType: 'sanity.action.document.delete'; publishedId: string; includeDrafts?: string[] }
  | { actionType: 'sanity.action.document.replaceDraft'; publishedId: string; attributes: LakeDocument }
  | { actionType: 'sanity.action.document.version.create'; publishedId: string; document?: LakeDocument; baseId?: string; versionId?: string }
  | { actionType: 'sanity.action.document.version.discard'; versionId: string; purge?: boolean }
  | { actionType: 'sanity.action.document.version.replace'; document: LakeDocument }

const bad = (message: string) => new MutationError(400, 'actionError', message)
const conflict = (message: string) => new MutationError(409, 'conflictError', message)

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value) throw bad(`${name} is required`)
  return value
}

function draftPair(action: { draftId?: unknown; publishedId?: unknown }) {
  const draftId = requireString(action.draftId, 'draftId')
  const publishedId = requireString(action.publishedId, 'publishedId')
  if (!isDraftId(draftId) || publishedIdOf(draftId) !== publishedId) throw bad(`draftId ${draftId} is not the draft of ${publishedId}`)
  return { draftId, publishedId }
}

/** Turns actions into mutations against the documents as they are now (`read`). */
export function actionsToMutations(actions: unknown, read: (id: string) => LakeDocument | undefined): LakeMutation[] {
  if (!Array.isArray(actions) || actions.length === 0) throw bad('actions must be a non-empty array')
  // Later actions in one request see earlier ones: track what this request has written so far.
  const pending = new Map<string, LakeDocument | null>()
  const current = (id: string) => (pending.has(id) ? (pending.get(id) ?? undefined) : read(id))
  const mutations: LakeMutation[] = []

  for (const raw of actions as Record<string, unknown>[]) {
    const action = raw as LakeAction & Record<string, unknown>
    switch (action?.actionType) {
      case 'sanity.action.document.create': {
        const attributes = action.attributes
        if (!attributes || typeof attributes !== 'object') throw bad('attributes are required')
        const publishedId = requireString(action.publishedId, 'publishedId')
        if (publishedIdOf(attributes._id) !== publishedId) throw bad(`attributes._id ${attributes._id} does not belong to ${publishedId}`)
        if (current(attributes._id)) {
          if (action.ifExists === 'ignore') break
          throw new MutationError(409, 'documentAlreadyExistsError', `Document by ID "${attributes._id}" already exists`)
        }
        mutations.push({ create: attributes })
        pending.set(attributes._id, attributes)
        break
      }
      case 'sanity.action.document.edit': {
        const { draftId, publishedId } = draftPair(action)
        if (!action.patch || typeof action.patch !== 'object') throw bad('patch is required')
        if (!current(draftId)) {
          // The first edit of a published document starts its draft from the published version.
          const published = current(publishedId)
          if (!published) throw new MutationError(404, 'documentNotFoundError', `Document by ID "${publishedId}" not found`)
          mutations.push({ createIfNotExists: { ...published, _id: draftId } })
          pending.set(draftId, { ...published, _id: draftId })
        }
        mutations.push({ patch: { ...action.patch, id: draftId } })
        break
      }
      case 'sanity.action.document.publish': {
        const { draftId, publishedId } = draftPair(action)
        const draft = current(draftId)
        if (!draft) throw conflict(`cannot publish: there is no draft ${draftId}`)
        if (action.ifDraftRevisionId && draft._rev !== action.ifDraftRevisionId)
          throw conflict(`draft ${draftId} has revision ${draft._rev}, expected ${action.ifDraftRevisionId}`)
        const published = current(publishedId)
        if (action.ifPublishedRevisionId && published?._rev !== action.ifPublishedRevisionId)
          throw conflict(`document ${publishedId} changed since the draft was loaded`)
        mutations.push({ createOrReplace: { ...draft, _id: publishedId } }, { delete: { id: draftId } })
        pending.set(publishedId, { ...draft, _id: publishedId })
        pending.set(draftId, null)
        break
      }
      case 'sanity.action.document.unpublish': {
        const { draftId, publishedId } = draftPair(action)
        const published = current(publishedId)
        if (!published) throw conflict(`cannot unpublish: ${publishedId} is not published`)
        if (!current(draftId)) {
          mutations.push({ create: { ...published, _id: draftId } })
          pending.set(draftId, { ...published, _id: draftId })
        }
        mutations.push({ delete: { id: publishedId } })
        pending.set(publishedId, null)
        break
      }
      case 'sanity.action.document.discard': {
        const draftId = requireString(action.draftId, 'draftId')
        if (!isDraftId(draftId)) throw bad(`${draftId} is not a draft id`)
        if (!current(draftId)) throw conflict(`there is no draft ${draftId} to discard`)
        mutations.push({ delete: { id: draftId } })
        pending.set(draftId, null)
        break
      }
      case 'sanity.action.document.delete': {
        const publishedId = requireString(action.publishedId, 'publishedId')
        const drafts = Array.isArray(action.includeDrafts) ? action.includeDrafts.map((id) => requireString(id, 'includeDrafts[]')) : []
        for (const id of [publishedId, ...drafts]) {
          if (id !== publishedId && publishedIdOf(id) !== publishedId) throw bad(`${id} is not a version of ${publishedId}`)
          mutations.push({ delete: { id } })
          pending.set(id, null)
        }
        break
      }
      case 'sanity.action.document.replaceDraft': {
        const publishedId = requireString(action.publishedId, 'publishedId')
        const attributes = action.attributes
        if (!attributes || typeof attributes !== 'object' || !isDraftId(attributes._id) || publishedIdOf(attributes._id) !== publishedId) {
          throw bad('attributes must be a draft of publishedId')
        }
        mutations.push({ createOrReplace: attributes })
        pending.set(attributes._id, attributes)
        break
      }
      // Version actions: the Studio uses them for drafts too (e.g. discarding a never-published draft).
      case 'sanity.action.document.version.create': {
        const publishedId = requireString(action.publishedId, 'publishedId')
        const source = action.document as LakeDocument | undefined
        const base = typeof action.baseId === 'string' ? current(action.baseId) : undefined
        const versionId = source?._id ?? requireString(action.versionId, 'versionId')
        if (publishedIdOf(versionId) !== publishedId && !versionId.endsWith(`.${publishedId}`)) throw bad(`${versionId} is not a version of ${publishedId}`)
        const document = source ?? (base ? { ...base, _id: versionId } : undefined)
        if (!document) throw new MutationError(404, 'documentNotFoundError', `base document ${String(action.baseId)} not found`)
        if (current(versionId)) throw new MutationError(409, 'documentAlreadyExistsError', `Document by ID "${versionId}" already exists`)
        mutations.push({ create: document })
        pending.set(versionId, document)
        break
      }
      case 'sanity.action.document.version.discard': {
        const versionId = requireString(action.versionId, 'versionId')
        if (!versionId.includes('.')) throw bad(`${versionId} is not a draft or version id`)
        if (!current(versionId)) throw conflict(`there is no version ${versionId} to discard`)
        mutations.push({ delete: { id: versionId } })
        pending.set(versionId, null)
        break
      }
      case 'sanity.action.document.version.replace': {
        const document = action.document as LakeDocument | undefined
        if (!document || typeof document._id !== 'string' || !document._id.includes('.')) throw bad('document must be a draft or version')
        mutations.push({ createOrReplace: document })
        pending.set(document._id, document)
        break
      }
      default:
        throw bad(`unsupported action type ${JSON.stringify((raw as { actionType?: unknown })?.actionType)}`)
    }
  }
  return mutations
}
