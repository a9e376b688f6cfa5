import type { ImageLoaderProps } from 'next/image'

/**
 * next/image loader for Sanity image URLs (CDN or the local lake): sets the width for each srcset
 * entry, keeps the requested crop's aspect ratio and adds the quality.
 */
export default function sanityImageLoader({ src, width, quality }: ImageLoaderProps): string {
  const relative = src.startsWith('/')
  const url = new URL(src, 'http://relative.invalid')
  const w = Number(url.searchParams.get('w'))
  const h = Number(url.searchParams.get('h'))
  url.searchParams.set('w', String(width))
  if (w > 0 && h > 0) url.searchParams.set('h', String(Math.round((width * h) / w)))
  url.searchParams.set('q', String(quality ?? 75))
  if (!url.searchParams.has('fm')) url.searchParams.set('auto', 'format')
  return relative ? `${url.pathname}${url.search}` : url.toString()
}
