import { actionsToMutations } from '../../actions'
import { applyMutations } from '../../mutate'
import { isValidDocumentId, type LakeDocument } from '../../ndjson'
import { isPublishedId } from '../../perspective'
import { HttpError, readJson, sendJson } from '../responses'
import { requireEditor } from '../request'
import type { ApiRequest, Handler, LakeApiContext } from '../context'
import type { TokenUser } from '../tokens'

/** GET /data/doc/{dataset}/{ids}: documents by id; drafts only with a token. */
export const getDocuments: Handler = (ctx, r) => {
  const ids = r.params
    .ids!.split(',')
    .map((id) => id.trim())
    .filter(Boolean)
  if (ids.length === 0 || ids.some((id) => !isValidDocumentId(id))) throw new HttpError(400, 'invalidDocumentId', 'invalid document id list')
  const documents: LakeDocument[] = []
  const omitted: { id: string; reason: 'existence' | 'permission' }[] = []
  for (const id of ids) {
    if (!r.user && !isPublishedId(id)) {
      omitted.push({ id, reason: 'permission' })
      continue
    }
    const doc = ctx.lake.store.getDocument(id)
    if (doc) documents.push(doc)
    else omitted.push({ id, reason: 'existence' })
  }
  sendJson(r.res, 200, { documents, omitted })
}

function transactionIdFrom(r: ApiRequest, body: { transactionId?: unknown } | undefined): string | undefined {
  const id = typeof body?.transactionId === 'string' ? body.transactionId : (r.url.searchParams.get('transactionId') ?? undefined)
  if (id !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new HttpError(400, 'mutationError', 'invalid transactionId')
  return id
}

/** Applies mutations (or mutations derived from actions) and tells the listeners. */
export async function commit(ctx: LakeApiContext, r: ApiRequest, user: TokenUser, input: Parameters<typeof applyMutations>[2], transactionId?: string) {
  const dryRun = r.url.searchParams.get('dryRun') === 'true'
  const result = await applyMutations(ctx.lake.store, ctx.lake.engine, input, { transactionId, author: user.id, dryRun })
  if (!dryRun && result.changes.length > 0) {
    ctx.events.publish({
      sequence: result.sequence!,
      transactionId: result.transactionId,
      timestamp: result.timestamp,
      identity: user.id,
      changes: result.changes,
    })
  }
  return result
}

/** POST /data/mutate/{dataset}: Sanity's mutations, with `returnIds` and `returnDocuments`. */
export const mutate: Handler = async (ctx, r) => {
  const user = requireEditor(r)
  const body = (await readJson(r.req)) as { mutations?: unknown; transactionId?: unknown } | undefined
  const result = await commit(ctx, r, user, body?.mutations, transactionIdFrom(r, body))
  const search = r.url.searchParams
  const returnDocuments = search.get('returnDocuments') === 'true'
  const returnIds = search.get('returnIds') === 'true' || returnDocuments
  sendJson(r.res, 200, {
    transactionId: result.transactionId,
    results: result.results.map(({ id, operation, document }) => ({ id, operation, ...(returnDocuments && document ? { document } : {}) })),
    ...(returnIds ? { documentIds: [...new Set(result.results.map((x) => x.id))] } : {}),
  })
}

/** POST /data/actions/{dataset}: the Studio's create, edit, publish, unpublish, discard, delete and replaceDraft. */
export const runActions: Handler = async (ctx, r) => {
  const user = requireEditor(r)
  const body = (await readJson(r.req)) as { actions?: unknown; transactionId?: unknown } | undefined
  const derive = (read: (id: string) => LakeDocument | undefined) => actionsToMutations(body?.actions, read)
  const result = await commit(ctx, r, user, derive, transactionIdFrom(r, body))
  sendJson(r.res, 200, { transactionId: result.transactionId })
}
