import { createHash } from 'node:crypto'

/** Types a browser may show from the lake's origin: none of them runs script there. */
const INLINE_TYPES = /^(?:image\/(?:jpeg|png|gif|webp|avif|tiff)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf|text\/plain)$/

/**
 * Headers for an asset's original bytes (`/files/…`, `/images/…?dlRaw=true`). Editors upload what
 * they like, and the lake's origin is also its API's: an uploaded HTML or SVG page opened from
 * there must never run as a page of that origin. So: no sniffing, a download rather than a page for
 * anything that is not plainly an image, a sound, a video, a PDF or text, and a policy that
 * sandboxes whatever is shown (PDFs excepted: the browser's viewer does not run in a sandbox).
 * `x-sanity-sha1` lets `@sanity/export` check what it downloaded, as it does with Sanity's CDN.
 */
export function originalAssetHeaders(data: Buffer, mimeType: string, fileName: string): Record<string, string> {
  const type = mimeType.toLowerCase().split(';')[0]!.trim()
  const inline = INLINE_TYPES.test(type)
  return {
    'content-type': inline ? mimeType : 'application/octet-stream',
    'content-length': String(data.length),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
    'x-content-type-options': 'nosniff',
    ...(type === 'application/pdf' ? {} : { 'content-security-policy': "default-src 'none'; img-src 'self'; media-src 'self'; sandbox" }),
    'x-sanity-sha1': createHash('sha1').update(data).digest('hex'),
    'cache-control': 'public, max-age=31536000, immutable',
  }
}
