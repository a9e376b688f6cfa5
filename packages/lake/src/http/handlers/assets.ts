import { fileAssetDocument, imageAssetDocument } from '../../asset-document'
import { originalAssetHeaders } from '../../asset-headers'
import { lakeImageResponse } from '../../image-response'
import { HttpError, readBody, sendJson } from '../responses'
import { headerValue, requestOrigin, requireEditor } from '../request'
import { commit } from './documents'
import type { Handler } from '../context'

/** POST /assets/images|files/{dataset}: the body is the file; answers `{ document }` (the existing asset if already uploaded). */
export const uploadAsset =
  (kind: 'images' | 'files'): Handler =>
  async (ctx, r) => {
    if (r.params.dataset !== ctx.dataset) throw new HttpError(404, 'datasetNotFound', `dataset "${r.params.dataset}" not found`)
    const user = requireEditor(r)
    const data = await readBody(r.req)
    if (data.length === 0) throw new HttpError(400, 'invalidAsset', 'the upload is empty')
    const filename = r.url.searchParams.get('filename') ?? undefined
    const placement = { projectId: ctx.projectId, dataset: ctx.dataset, baseUrl: ctx.assetBaseUrl ?? requestOrigin(r) }
    const document =
      kind === 'images'
        ? await imageAssetDocument(data, placement, filename)
        : fileAssetDocument(data, placement, headerValue(r.req.headers['content-type']) || undefined, filename)
    const existing = ctx.lake.store.getDocument(document._id)
    if (existing) return sendJson(r.res, 200, { document: existing })
    // The binary is content-addressed, so storing it before the document can leave nothing inconsistent.
    ctx.lake.store.putAsset({ id: document._id, mimeType: String(document.mimeType), data })
    await commit(ctx, r, user, [{ createIfNotExists: document }])
    sendJson(r.res, 200, { document: ctx.lake.store.getDocument(document._id) })
  }

/** GET /images/{project}/{dataset}/{file}?w=…: the image API (the same parameters as Sanity's CDN). */
export const serveImage: Handler = async (ctx, r) => {
  const response = await lakeImageResponse(
    ctx.lake.images,
    ctx,
    r.rest,
    new Request(`https://lake.invalid${r.req.url}`, { headers: { accept: headerValue(r.req.headers.accept) ?? '' } }),
  )
  r.res.writeHead(response.status, Object.fromEntries(response.headers))
  r.res.end(Buffer.from(await response.arrayBuffer()))
}

/** GET /files/{project}/{dataset}/{sha1}.{ext}: the raw file. */
export const serveFile: Handler = (ctx, r) => {
  const [projectId, dataset, fileName] = r.rest
  const match = /^([a-f0-9]{40})\.([a-z0-9]{1,8})$/.exec(fileName ?? '')
  const stored = projectId === ctx.projectId && dataset === ctx.dataset && match ? ctx.lake.store.getAsset(`file-${match[1]}-${match[2]}`) : undefined
  if (!stored) throw new HttpError(404, 'notFound', 'file not found')
  r.res.writeHead(200, originalAssetHeaders(stored.data, stored.mimeType, fileName!))
  r.res.end(stored.data)
}
