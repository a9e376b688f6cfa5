import { getImageProps } from 'next/image'
import { preload } from 'react-dom'
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
 *
 * A plain `<img>` from `getImageProps`, not `<Image>`: next/image is a Client Component, so each of a
 * page's thirty-odd cards was hydrated and its props (srcset, LQIP) sent a second time in the RSC
 * payload, the main thread's largest cost on a phone. The LQIP stays as the box's background under
 * the picture instead of being removed on load, and only the first row gets one: below the fold a
 * lazy picture has usually arrived by the time it is scrolled to, and each LQIP costs about 1 kB of
 * base64 twice (HTML and RSC payload) on every page.
 */
export function ArticleImage({ image, aspectRatio = 16 / 9, sizes, priority = false, eager = false, className }: Props) {
  const width = image.width
  const height = Math.round(width / aspectRatio)
  const { props } = getImageProps({
    src: imageUrl(image, aspectRatio),
    alt: image.alt,
    width,
    height,
    sizes,
    fetchPriority: priority ? 'high' : undefined,
    loading: priority || eager ? 'eager' : 'lazy',
    className,
    placeholder: image.lqip && (priority || eager) ? (image.lqip as `data:image/${string}`) : 'empty',
  })
  if (priority) preload(props.src, { as: 'image', imageSrcSet: props.srcSet, imageSizes: props.sizes, fetchPriority: 'high' })
  // eslint-disable-next-line @next/next/no-img-element -- the props are next/image's own (above)
  return <img {...props} alt={image.alt} />
}
