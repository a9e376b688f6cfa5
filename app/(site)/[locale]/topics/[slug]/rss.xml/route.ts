import { notFound } from 'next/navigation'
import { feedResponse } from '@/app/_feeds/feed-response'
import { topicFeedPath } from '@/formats/feed'
import { getTopicFeed } from '@/sanity/fetch'

export const revalidate = 60

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const feed = (await getTopicFeed(slug)) ?? notFound()
  return feedResponse('rss', topicFeedPath(feed.slug), feed.items, feed)
}
