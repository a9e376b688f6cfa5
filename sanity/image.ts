import 'server-only'
import { createImageUrlBuilder } from '@sanity/image-url'
import { config } from '@/config/env'
import type { Image } from './models'

/** Where the local lake serves images; the same path layout as Sanity's CDN (`/images/<project>/<dataset>/…`). */
const LAKE_IMAGE_BASE = '/lake'

let builder: ReturnType<typeof createImageUrlBuilder> | undefined

function imageBuilder() {
  if (!builder) {
    const { backend } = config()
    builder = createImageUrlBuilder({
      projectId: backend.projectId,
      dataset: backend.dataset,
      // Local lake: the site's own image route. Hosted with a custom API host: that host's image API
      // (Sanity's convention: api.* → cdn.*); otherwise Sanity's CDN.
      ...(backend.mode === 'local'
        ? { baseUrl: LAKE_IMAGE_BASE }
        : backend.apiHost
          ? { baseUrl: backend.apiHost.replace(/^https:\/\/api\./, 'https://cdn.') }
          : {}),
    })
  }
  return builder
}

/**
 * The image cropped to an aspect ratio around the editor's hotspot; next/image's loader
 * (sanity/image-loader.ts) adds the width per srcset entry.
 */
export function imageUrl(image: Pick<Image, 'asset' | 'crop' | 'hotspot' | 'width'>, aspectRatio?: number): string {
  let url = imageBuilder().image(image).auto('format')
  if (aspectRatio)
    url = url
      .width(image.width)
      .height(Math.round(image.width / aspectRatio))
      .fit('crop')
  return url.url()
}

/** A 1200 px wide JPEG crop for consumers that take one fixed file: feeds and structured data. */
export function fixedImageUrl(image: Image, aspectRatio: number, width = 1200): string {
  return imageBuilder()
    .image(image)
    .width(width)
    .height(Math.round(width / aspectRatio))
    .fit('crop')
    .format('jpg')
    .url()
}
