import type { Metadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import { TopicView, topicPageHref } from '@/components/TopicView'
import { topicMetadata } from '@/lib/metadata'
import { getTopicPage } from '@/sanity/fetch'
import { parsePageNumber } from '@/sanity/pagination'

export const revalidate = 60

interface Props {
  params: Promise<{ slug: string; page: string }>
}

async function load(params: Props['params']) {
  const { slug, page: segment } = await params
  const page = parsePageNumber(segment)
  if (page === null) notFound()
  if (page === 1) permanentRedirect(topicPageHref(slug, 1))
  const topic = await getTopicPage(slug, page)
  if (!topic) notFound()
  return topic
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return topicMetadata(await load(params))
}

export default async function TopicNthPage({ params }: Props) {
  return <TopicView topic={await load(params)} />
}
