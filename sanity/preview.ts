import 'server-only'
import type { SanityClientLike } from '@sanity/preview-url-secret'
import { contentClient } from './client'

/**
 * What @sanity/preview-url-secret needs to check a preview secret: one GROQ fetch that can see the
 * secret documents the Studio's Presentation tool writes (`drafts.*` of type sanity.previewUrlSecret).
 * The drafts perspective of our content client sees them in both modes (hosted needs the read token),
 * so the local lake needs no network client for it.
 */
export function previewSecretClient(): SanityClientLike {
  const content = contentClient()
  const client: SanityClientLike = {
    config: () => ({ token: 'server-side' }),
    withConfig: () => client,
    fetch: async <R>(query: string, params: unknown) => (await content.fetch(query, (params ?? {}) as Record<string, unknown>, 'drafts')) as R,
  }
  return client
}
