import 'server-only'
import { draftMode } from 'next/headers'
import type { HeadContext } from '@/formats/metadata'
import type { StructuredDataContext } from '@/formats/structured-data'
import type { Locale } from '@/lib/locale'
import { config } from '@/config/env'
import { getSiteSettings } from '@/sanity/fetch'
import { fixedImageUrl } from '@/sanity/image'

/** What the head metadata and structured data of a page of the `locale` edition need: settings, the site URL, image URLs. */
export async function headContext(locale: Locale): Promise<HeadContext & StructuredDataContext> {
  const { siteUrl } = config()
  const absolute = (path: string) => new URL(path, `${siteUrl}/`).toString()
  return {
    settings: await getSiteSettings(locale),
    locale,
    siteUrl,
    previewing: (await draftMode()).isEnabled,
    imageUrl: (image, aspectRatio) => absolute(fixedImageUrl(image, aspectRatio)),
    fallbackLogoUrl: absolute('/logo.png'),
  }
}
