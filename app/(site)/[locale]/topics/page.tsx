import type { Metadata, ResolvingMetadata } from 'next'
import { JsonLd } from '@/components/JsonLd'
import { TopicsIndex } from '@/components/TopicsIndex'
import { topicsIndexMetadata, withParentCard } from '@/lib/metadata'
import { breadcrumbs } from '@/lib/structured-data'
import { getTopics } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'

export const revalidate = 60

export async function generateMetadata(_props: unknown, parent: ResolvingMetadata): Promise<Metadata> {
  return withParentCard(topicsIndexMetadata(await headContext()), await parent)
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
