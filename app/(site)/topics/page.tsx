import type { Metadata } from 'next'
import { TopicsIndex } from '@/components/TopicsIndex'
import { getTopics } from '@/sanity/fetch'

export const revalidate = 60

export const metadata: Metadata = { title: 'Все темы', alternates: { canonical: '/topics' } }

export default async function TopicsPage() {
  return <TopicsIndex topics={await getTopics()} />
}
