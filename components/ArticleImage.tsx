import Image from 'next/image'
import type { Image as ImageData } from '@/sanity/models'
import { imageUrl } from '@/sanity/image'

interface Props {
  image: ImageData
  /** Width / height of the crop; the editor's hotspot stays in frame. */
  aspectRatio?: number
  /** Rendered widths per viewport: the browser picks from the srcset with it (never the full original). */
  sizes: string
  /** The page's main image (its LCP): preloaded from the head and fetched with high priority. */
  priority?: boolean
  /** Above the fold but not the main image: loaded at once, at normal priority. Everything else is lazy. */
  eager?: boolean
  className?: string
}

/**
 * Every CMS image of the site: explicit width and height (the crop's, so the browser reserves the box
 * and nothing shifts), a srcset from the loader, the LQIP as placeholder, alt text from the CMS.
 * Next 16 renamed `priority` to `preload` and no longer adds fetchpriority by itself.
 */
export function ArticleImage({ image, aspectRatio = 16 / 9, sizes, priority = false, eager = false, className }: Props) {
  const width = image.width
  const height = Math.round(width / aspectRatio)
  return (
    <Image
      src={imageUrl(image, aspectRatio)}
      alt={image.alt}
      width={width}
      height={height}
      sizes={sizes}
      preload={priority}
      fetchPriority={priority ? 'high' : undefined}
      loading={priority || eager ? 'eager' : 'lazy'}
      className={className}
      placeholder={image.lqip ? (image.lqip as `data:image/${string}`) : 'empty'}
    />
  )
}
