import type { SanityClient } from '@sanity/client'
import { defineEnableDraftMode } from 'next-sanity/draft-mode'
import { previewSecretClient } from '@/sanity/preview'

/**
 * Turns on draft mode for an editor who comes with a valid preview secret (the Studio's
 * Presentation tool makes one per session; it expires after an hour): 401 otherwise.
 */
export async function GET(request: Request) {
  // defineEnableDraftMode only calls config/withConfig/fetch, which previewSecretClient implements.
  const { GET: enable } = defineEnableDraftMode({ client: previewSecretClient() as unknown as SanityClient })
  return enable(request)
}
