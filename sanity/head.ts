import 'server-only'
import { draftMode } from 'next/headers'
import type { HeadContext } from '@/lib/metadata'
import type { StructuredDataContext } from '@/lib/structured-data'
import { env } from './env'
import { getSiteSettings } from './fetch'
import { fixedImageUrl } from './image'

/** What the head metadata and structured data of any page need: settings, the site URL, image URLs. */
export async function headContext(): Promise<HeadContext & StructuredDataContext> {
  const { siteUrl } = env()
  const absolute = (path: string) => new URL(path, `${siteUrl}/`).toString()
  return {
    settings: await getSiteSettings(),
    siteUrl,
    previewing: (await draftMode()).isEnabled,
    imageUrl: (image, aspectRatio) => absolute(fixedImageUrl(image, aspectRatio)),
    fallbackLogoUrl: absolute('/logo.png'),
  }
}
