import type { Metadata } from 'next'
import { JsonLd } from '@/components/JsonLd'
import { TopicsIndex } from '@/components/TopicsIndex'
import { topicsIndexMetadata } from '@/lib/metadata'
import { breadcrumbs } from '@/lib/structured-data'
import { getTopics } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'

export const revalidate = 60

export async function generateMetadata(): Promise<Metadata> {
  return topicsIndexMetadata(await headContext())
}

export default async function TopicsPage() {
  const [topics, head] = await Promise.all([getTopics(), headContext()])
  return (
    <>
      <JsonLd data={breadcrumbs(head, [{ name: 'Темы', path: '/topics' }])} />
      <TopicsIndex topics={topics} />
    </>
  )
}
