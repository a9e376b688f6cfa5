/** Sanity's asset id scheme: `image-<sha1>-<w>x<h>-<ext>` and `file-<sha1>-<ext>`. */

const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
}

export const mimeTypeFor = (extension: string) => MIME_TYPES[extension.toLowerCase()] ?? 'application/octet-stream'

export interface ParsedAssetId {
  kind: 'image' | 'file'
  hash: string
  extension: string
  width?: number
  height?: number
  /** The file name Sanity uses in export folders and CDN paths. */
  fileName: string
}

const IMAGE_ID = /^image-([a-zA-Z0-9]+)-(\d+)x(\d+)-([a-z0-9]+)$/
const FILE_ID = /^file-([a-zA-Z0-9]+)-([a-z0-9]+)$/

export function parseAssetId(id: string): ParsedAssetId | null {
  const image = IMAGE_ID.exec(id)
  if (image) {
    const [, hash, w, h, extension] = image as unknown as [string, string, string, string, string]
    return { kind: 'image', hash, extension, width: Number(w), height: Number(h), fileName: `${hash}-${w}x${h}.${extension}` }
  }
  const file = FILE_ID.exec(id)
  if (file) {
    const [, hash, extension] = file as unknown as [string, string, string]
    return { kind: 'file', hash, extension, fileName: `${hash}.${extension}` }
  }
  return null
}

/** `<sha1>-<w>x<h>.<ext>` (the last segment of an image URL) back to its asset id. */
export function assetIdFromImageFileName(fileName: string): string | null {
  const match = /^([a-zA-Z0-9]+)-(\d+)x(\d+)\.([a-z0-9]+)$/.exec(fileName)
  return match ? `image-${match[1]}-${match[2]}x${match[3]}-${match[4]}` : null
}

export const isAssetDocumentType = (type: string) => type === 'sanity.imageAsset' || type === 'sanity.fileAsset'

/** Folder inside an export (`images/`, `files/`) that holds an asset's binary. */
export const exportFolderFor = (asset: ParsedAssetId) => (asset.kind === 'image' ? 'images' : 'files')
