import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { TopicView } from '@/components/TopicView'
import { topicMetadata } from '@/lib/metadata'
import { getTopicPage, getTopicSlugs } from '@/sanity/fetch'

export const revalidate = 60

interface Props {
  params: Promise<{ slug: string }>
}

export async function generateStaticParams() {
  return (await getTopicSlugs()).map((slug) => ({ slug }))
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const topic = await getTopicPage((await params).slug, 1)
  return topic ? topicMetadata(topic) : {}
}

export default async function TopicFirstPage({ params }: Props) {
  const topic = await getTopicPage((await params).slug, 1)
  if (!topic) notFound()
  return <TopicView topic={topic} />
}
