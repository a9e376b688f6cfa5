import type { Image } from '@/sanity/models'
import { ArticleImage } from './ArticleImage'

interface Props {
  image: Image
  sizes: string
  aspectRatio?: number
  priority?: boolean
  className?: string
}

/** An image with its caption and credit, as articles print them. */
export function Figure({ image, sizes, aspectRatio, priority, className = 'article__figure' }: Props) {
  return (
    <figure className={className}>
      <ArticleImage image={image} aspectRatio={aspectRatio} sizes={sizes} priority={priority} />
      {image.caption || image.credit ? (
        // Caption and credit are two lines: run together they read as one sentence («…перед первым рейсом Пресс-служба КТЖ»).
        <figcaption>
          {image.caption ? <span className="figure__caption">{image.caption}</span> : null}
          {image.credit ? <span className="credit">{image.credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  )
}
