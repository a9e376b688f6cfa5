import { assetIdFromImageFileName, parseAssetId } from './assets'
import { ImageRenditionCache } from './image-cache'
import { ImageParamError, parseImageParams, transformImage } from './image-transform'
import type { Lake } from './index'

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } })

/**
 * Answers `/images/<projectId>/<dataset>/<sha1>-<w>x<h>.<ext>?w=…` like Sanity's image CDN.
 * Asset ids are content hashes, so every answer is immutable.
 */
export async function lakeImageResponse(lake: Lake, project: { projectId: string; dataset: string }, segments: string[], request: Request): Promise<Response> {
  const [projectId, dataset, fileName, ...rest] = segments
  if (rest.length > 0 || projectId !== project.projectId || dataset !== project.dataset || !fileName) return text(404, 'Image not found')
  const assetId = assetIdFromImageFileName(fileName)
  const parsed = assetId ? parseAssetId(assetId) : null
  const stored = assetId ? lake.store.getAsset(assetId) : undefined
  if (!parsed || !stored) return text(404, 'Image not found')

  try {
    const url = new URL(request.url)
    const transform = parseImageParams(url.searchParams, request.headers.get('accept') ?? '')
    const render = () => transformImage(stored.data, parsed.extension, transform)
    const { data, mimeType } = lake.renditions ? await lake.renditions.get(ImageRenditionCache.key(assetId!, transform), render) : await render()
    return new Response(new Uint8Array(data), {
      headers: {
        'content-type': mimeType,
        'cache-control': 'public, max-age=31536000, immutable',
        ...(url.searchParams.get('auto') === 'format' ? { vary: 'Accept' } : {}),
      },
    })
  } catch (error) {
    if (error instanceof ImageParamError) return text(400, `Bad image parameters: ${error.message}`)
    throw error
  }
}
