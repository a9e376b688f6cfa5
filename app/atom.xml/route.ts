import { feedResponse } from '@/app/_feeds/feed-response'
import { FEEDS } from '@/formats/feed'
import { getFeed } from '@/sanity/fetch'

// Cached like the pages; the revalidation webhook expires it (tag `feeds`) when an article changes.
export const revalidate = 60

export async function GET() {
  return feedResponse('atom', FEEDS.atom, await getFeed())
}
