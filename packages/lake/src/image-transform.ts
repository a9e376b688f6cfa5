import sharp from 'sharp'

/** The subset of Sanity's image API the lake serves: w, h, dpr, fit, crop, rect, fm, auto=format, q. */
export interface ImageTransform {
  width?: number
  height?: number
  fit: 'clip' | 'crop' | 'fill' | 'fillmax' | 'max' | 'scale' | 'min'
  rect?: { left: number; top: number; width: number; height: number }
  format?: 'jpg' | 'png' | 'webp' | 'avif'
  quality: number
}

export class ImageParamError extends Error {
  name = 'ImageParamError'
}

/** What a rendition may cost (config.ts: LAKE_IMAGE_MAX_PX, LAKE_IMAGE_EFFORT). */
export interface ImageLimits {
  /** Longest side of the output. */
  maxPixels: number
  /** AVIF and WebP encoder effort. */
  effort: number
}

/** Larger requested sizes are refused outright (a rendition is capped at `maxPixels` anyway). */
const MAX_DIMENSION = 10_000
const FITS = ['clip', 'crop', 'fill', 'fillmax', 'max', 'scale', 'min'] as const
const FORMATS = ['jpg', 'png', 'webp', 'avif'] as const

function positiveInt(name: string, value: string | null, max = MAX_DIMENSION): number | undefined {
  if (value === null) return undefined
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > max) throw new ImageParamError(`${name} must be an integer from 1 to ${max}`)
  return Number(value)
}

/**
 * Parses image URL parameters; `accept` is the request's Accept header, used by auto=format. A size
 * beyond `maxPixels` is scaled down, both sides by the same factor, so the aspect ratio holds.
 */
export function parseImageParams(params: URLSearchParams, accept = '', maxPixels = 4096): ImageTransform {
  const dpr = params.has('dpr') ? Number(params.get('dpr')) : 1
  if (!(dpr >= 1 && dpr <= 3)) throw new ImageParamError('dpr must be between 1 and 3')
  const requested = { width: positiveInt('w', params.get('w')), height: positiveInt('h', params.get('h')) }
  const factor = Math.min(dpr, maxPixels / Math.max(requested.width ?? 0, requested.height ?? 0, 1))
  const scale = (value: number | undefined) => (value === undefined ? undefined : Math.max(1, Math.round(value * factor)))

  const fit = params.get('fit') ?? 'clip'
  if (!(FITS as readonly string[]).includes(fit)) throw new ImageParamError(`fit must be one of ${FITS.join(', ')}`)

  let rect: ImageTransform['rect']
  const rectParam = params.get('rect')
  if (rectParam !== null) {
    const parts = rectParam.split(',')
    if (parts.length !== 4 || parts.some((part) => !/^\d{1,5}$/.test(part))) throw new ImageParamError('rect must be left,top,width,height')
    const [left, top, width, height] = parts.map(Number) as [number, number, number, number]
    if (width < 1 || height < 1) throw new ImageParamError('rect width and height must be positive')
    rect = { left, top, width, height }
  }

  let format = params.get('fm') ?? undefined
  if (format === 'jpeg') format = 'jpg'
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) throw new ImageParamError(`fm must be one of ${FORMATS.join(', ')}`)
  if (params.get('auto') === 'format' && format === undefined && accept.includes('image/webp')) format = 'webp'

  return {
    width: scale(requested.width),
    height: scale(requested.height),
    fit: fit as ImageTransform['fit'],
    rect,
    format: format as ImageTransform['format'],
    quality: positiveInt('q', params.get('q'), 100) ?? 75,
  }
}

const MIME = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' } as const

/**
 * Renders one rendition. Sizes beyond the source are only reached where the fit asks for exact
 * dimensions (crop, fill, scale); clip, max, fillmax and min never enlarge. A source larger than
 * `maxPixels` (no size asked) is scaled down to it.
 */
export async function transformImage(
  input: Buffer,
  sourceExtension: string,
  transform: ImageTransform,
  limits: ImageLimits = { maxPixels: 4096, effort: 2 },
): Promise<{ data: Buffer; mimeType: string }> {
  let pipeline = sharp(input, { failOn: 'error' }).rotate()
  if (transform.rect) {
    const meta = await sharp(input).metadata()
    const { left, top } = transform.rect
    const width = Math.min(transform.rect.width, (meta.width ?? 0) - left)
    const height = Math.min(transform.rect.height, (meta.height ?? 0) - top)
    if (width < 1 || height < 1) throw new ImageParamError('rect lies outside the image')
    pipeline = pipeline.extract({ left, top, width, height })
  }
  if (!transform.width && !transform.height) {
    pipeline = pipeline.resize({ width: limits.maxPixels, height: limits.maxPixels, fit: 'inside', withoutEnlargement: true })
  } else {
    const both = Boolean(transform.width && transform.height)
    const fit =
      transform.fit === 'crop' && both
        ? 'cover'
        : transform.fit === 'fill' || transform.fit === 'fillmax'
          ? 'contain'
          : transform.fit === 'scale' && both
            ? 'fill'
            : transform.fit === 'min' && both
              ? 'outside'
              : 'inside'
    pipeline = pipeline.resize({
      width: transform.width,
      height: transform.height,
      fit,
      withoutEnlargement: ['clip', 'max', 'fillmax', 'min'].includes(transform.fit),
      background: { r: 255, g: 255, b: 255, alpha: 1 },
    })
  }
  const format = transform.format ?? (sourceExtension === 'jpeg' ? 'jpg' : (sourceExtension as ImageTransform['format'])) ?? 'jpg'
  const q = transform.quality
  switch (format) {
    case 'png':
      pipeline = pipeline.png()
      break
    case 'webp':
      pipeline = pipeline.webp({ quality: q, effort: limits.effort })
      break
    case 'avif':
      pipeline = pipeline.avif({ quality: q, effort: limits.effort })
      break
    default:
      pipeline = pipeline.jpeg({ quality: q, mozjpeg: true })
  }
  return { data: await pipeline.toBuffer(), mimeType: MIME[format as keyof typeof MIME] ?? 'image/jpeg' }
}
