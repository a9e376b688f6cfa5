import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { mimeTypeFor } from './assets'
import { MutationError } from './mutate'
import type { LakeDocument } from './ndjson'

const IMAGE_EXTENSIONS: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', avif: 'avif', heif: 'avif', svg: 'svg', tiff: 'tif' }
const IMAGE_MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  tif: 'image/tiff',
}

export interface AssetPlacement {
  projectId: string
  dataset: string
  /** Origin (or path prefix) under which `/images/<project>/<dataset>/<file>` is served. */
  baseUrl: string
}

/**
 * A `sanity.imageAsset` document for an image, in Sanity's shape: id `image-<sha1>-<w>x<h>-<ext>`,
 * dimensions, a base64 LQIP and the flags the Studio reads. Throws a 400 for anything not an image.
 */
export async function imageAssetDocument(data: Buffer, placement: AssetPlacement, originalFilename?: string): Promise<LakeDocument> {
  let meta: sharp.Metadata
  try {
    meta = await sharp(data).metadata()
  } catch {
    throw new MutationError(400, 'invalidImage', 'the uploaded file is not an image that can be read')
  }
  const extension = IMAGE_EXTENSIONS[meta.format ?? '']
  if (!extension || !meta.width || !meta.height) throw new MutationError(400, 'invalidImage', `unsupported image format ${meta.format ?? 'unknown'}`)
  const rotated = (meta.orientation ?? 1) >= 5
  const [width, height] = rotated ? [meta.height, meta.width] : [meta.width, meta.height]
  const sha1 = createHash('sha1').update(data).digest('hex')
  const fileName = `${sha1}-${width}x${height}.${extension}`
  const path = `images/${placement.projectId}/${placement.dataset}/${fileName}`
  const lqip = await sharp(data)
    .rotate()
    .resize(20, Math.max(1, Math.round((20 * height) / width)))
    .blur()
    .jpeg({ quality: 60 })
    .toBuffer()
  return {
    _id: `image-${sha1}-${width}x${height}-${extension}`,
    _type: 'sanity.imageAsset',
    ...assetFields(data, sha1, extension, IMAGE_MIME[extension] ?? 'application/octet-stream', path, placement, originalFilename),
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: { _type: 'sanity.imageDimensions', width, height, aspectRatio: width / height },
      hasAlpha: Boolean(meta.hasAlpha),
      isOpaque: !meta.hasAlpha,
      lqip: `data:image/jpeg;base64,${lqip.toString('base64')}`,
    },
  }
}

/** A `sanity.fileAsset` document: id `file-<sha1>-<ext>`; without a MIME type (uploads from Node), the extension's. */
export function fileAssetDocument(data: Buffer, placement: AssetPlacement, mimeType: string | undefined, originalFilename?: string): LakeDocument {
  const sha1 = createHash('sha1').update(data).digest('hex')
  const extension = (/\.([a-z0-9]{1,8})$/i.exec(originalFilename ?? '')?.[1] ?? 'bin').toLowerCase()
  const path = `files/${placement.projectId}/${placement.dataset}/${sha1}.${extension}`
  return {
    _id: `file-${sha1}-${extension}`,
    _type: 'sanity.fileAsset',
    ...assetFields(data, sha1, extension, mimeType ?? mimeTypeFor(extension), path, placement, originalFilename),
  }
}

/** The fields image and file asset documents share, in Sanity's order. */
function assetFields(data: Buffer, sha1: string, extension: string, mimeType: string, path: string, placement: AssetPlacement, originalFilename?: string) {
  return {
    assetId: sha1,
    extension,
    mimeType,
    ...(originalFilename ? { originalFilename } : {}),
    path,
    sha1hash: sha1,
    size: data.length,
    uploadId: sha1.slice(0, 32),
    url: `${placement.baseUrl}/${path}`,
  }
}
