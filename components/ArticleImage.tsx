import Image from 'next/image'
import type { Image as ImageData } from '@/sanity/models'
import { imageUrl } from '@/sanity/image'

interface Props {
  image: ImageData
  /** Width / height of the crop; the editor's hotspot stays in frame. */
  aspectRatio?: number
  sizes: string
  priority?: boolean
  className?: string
}

export function ArticleImage({ image, aspectRatio = 16 / 9, sizes, priority = false, className }: Props) {
  const width = image.width
  const height = Math.round(width / aspectRatio)
  return (
    <Image
      src={imageUrl(image, aspectRatio)}
      alt={image.alt}
      width={width}
      height={height}
      sizes={sizes}
      priority={priority}
      className={className}
      placeholder={image.lqip ? (image.lqip as `data:image/${string}`) : 'empty'}
    />
  )
}
