import { originalAssetHeaders } from './asset-headers'
import { assetIdFromImageFileName, parseAssetId } from './assets'
import { HttpError } from './errors'
import { ImageRenditionCache } from './image-cache'
import { ImageParamError, parseImageParams, transformImage, type ImageLimits } from './image-transform'
import { Semaphore } from './semaphore'
import type { LakeStore } from './store'

export interface ImageService {
  store: LakeStore
  /** Renditions on disk (none for an in-memory lake). */
  renditions?: ImageRenditionCache
  limits: ImageLimits
  /** Renditions computed at once, and those waiting; a cached rendition never waits. */
  renders: Semaphore
}

export function imageRenderQueue(concurrency: number, queueLength: number): Semaphore {
  return new Semaphore(
    concurrency,
    queueLength,
    () => new HttpError(503, 'imageQueueFull', 'too many image renditions waiting: retry shortly', {}, { 'retry-after': '2' }),
  )
}

const text = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } })

/**
 * Answers `/images/<projectId>/<dataset>/<sha1>-<w>x<h>.<ext>?w=…` like Sanity's image CDN.
 * Asset ids are content hashes, so every answer is immutable.
 */
export async function lakeImageResponse(
  images: ImageService,
  project: { projectId: string; dataset: string },
  segments: string[],
  request: Request,
): Promise<Response> {
  const [projectId, dataset, fileName, ...rest] = segments
  if (rest.length > 0 || projectId !== project.projectId || dataset !== project.dataset || !fileName) return text(404, 'Image not found')
  const assetId = assetIdFromImageFileName(fileName)
  const parsed = assetId ? parseAssetId(assetId) : null
  const stored = assetId ? images.store.getAsset(assetId) : undefined
  if (!parsed || !stored) return text(404, 'Image not found')

  const url = new URL(request.url)
  // The original bytes, as Sanity's CDN answers `dlRaw` (exports download images this way).
  if (url.searchParams.get('dlRaw') === 'true')
    return new Response(new Uint8Array(stored.data), { headers: originalAssetHeaders(stored.data, stored.mimeType, fileName) })
  try {
    const transform = parseImageParams(url.searchParams, request.headers.get('accept') ?? '', images.limits.maxPixels)
    const render = () => images.renders.run(() => transformImage(stored.data, parsed.extension, transform, images.limits))
    const { data, mimeType } = images.renditions ? await images.renditions.get(ImageRenditionCache.key(assetId!, transform), render) : await render()
    return new Response(new Uint8Array(data), {
      headers: {
        'content-type': mimeType,
        'cache-control': 'public, max-age=31536000, immutable',
        ...(url.searchParams.get('auto') === 'format' ? { vary: 'Accept' } : {}),
      },
    })
  } catch (error) {
    if (error instanceof ImageParamError) return text(400, `Bad image parameters: ${error.message}`)
    if (error instanceof HttpError) return text(error.status, error.message, error.headers)
    throw error
  }
}
