import type { Metadata, ResolvingMetadata } from 'next'
import { JsonLd } from '@/components/JsonLd'
import { SiteShell } from '@/components/SiteChrome'
import { TopicsIndex } from '@/components/TopicsIndex'
import { editionOf } from '@/lib/locale-param'
import { topicsIndexMetadata, withParentCard } from '@/formats/metadata'
import { inEveryEdition, topicsIndexPath } from '@/lib/paths'
import { breadcrumbs } from '@/formats/structured-data'
import { getTopics } from '@/sanity/fetch'
import { headContext } from '@/formats/head-context'
import { messagesFor } from '@/messages'

export const revalidate = 60

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props, parent: ResolvingMetadata): Promise<Metadata> {
  return withParentCard(topicsIndexMetadata(await headContext(await editionOf(params))), await parent)
}

export default async function TopicsPage({ params }: Props) {
  const locale = await editionOf(params)
  const [topics, head] = await Promise.all([getTopics(locale), headContext(locale)])
  return (
    <SiteShell settings={head.settings} locale={locale} editions={inEveryEdition(topicsIndexPath)}>
      <JsonLd data={breadcrumbs(head, [{ name: messagesFor(locale).topicsIndex.heading, path: topicsIndexPath(locale) }])} />
      <TopicsIndex topics={topics} locale={locale} />
    </SiteShell>
  )
}
