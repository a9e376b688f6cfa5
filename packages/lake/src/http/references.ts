import type { QueryPool } from '../query-pool'
import { isValidDocumentId } from '../ndjson'
import { HttpError, sendJson, type Res } from './responses'

/**
 * GET /data/references/{ds}/documents/{id}/to: the documents that refer to one, as the Studio asks
 * before deleting or unpublishing it. With `excludeInternalReferences=true` (the Studio's question)
 * only references from other datasets count, and the lake has a single dataset: none.
 */
export async function sendIncomingReferences(queries: QueryPool, res: Res, url: URL, ctx: { projectId: string; dataset: string }, id: string) {
  if (!isValidDocumentId(id)) throw new HttpError(400, 'invalidDocumentId', `invalid document id "${id}"`)
  if (url.searchParams.get('excludeInternalReferences') === 'true') return sendJson(res, 200, { totalCount: 0, references: [] })
  const json = await queries.run({ kind: 'query', query: '*[references($id)]._id', params: { id }, perspective: 'raw' })
  const ids = JSON.parse(json) as string[]
  sendJson(res, 200, {
    totalCount: ids.length,
    references: ids.map((documentId) => ({ documentId, datasetName: ctx.dataset, projectId: ctx.projectId })),
  })
}
