import type { Image } from '@/sanity/models'
import { ArticleImage } from './ArticleImage'

/** Portraits are square crops around the editor's hotspot (sanity/image.ts adds rect from crop + hotspot). */
const PORTRAIT_ASPECT = 1

interface Props {
  name: string
  photo?: Image
  /** Rendered size in CSS pixels: the srcset offers this at 1x–3x, never the full original. */
  size: number
  /** Above the fold (a profile's header): not lazy. Not preloaded: the articles' first image is larger. */
  eager?: boolean
}

/** A person's or author's photo, or their initials when the CMS has none (decorative: the name is printed beside it). */
export function Portrait({ name, photo, size, eager = false }: Props) {
  if (photo) {
    return (
      <span className="portrait" style={{ width: size, height: size }}>
        <ArticleImage image={photo} aspectRatio={PORTRAIT_ASPECT} sizes={`${size}px`} eager={eager} className="portrait__image" />
      </span>
    )
  }
  return (
    <span className="portrait portrait--initials" style={{ width: size, height: size, fontSize: Math.round(size * 0.38) }} aria-hidden="true">
      {initials(name)}
    </span>
  )
}

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => Array.from(word)[0]?.toUpperCase())
    .join('')
}
