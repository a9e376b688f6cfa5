import type { Metadata, ResolvingMetadata } from 'next'
import { PeopleIndex } from '@/components/PeopleIndex'
import { JsonLd } from '@/components/JsonLd'
import { SiteShell } from '@/components/SiteChrome'
import { editionOf } from '@/lib/locale-param'
import { peopleIndexMetadata, withParentCard } from '@/formats/metadata'
import { archiveIndexPath, inEveryEdition } from '@/lib/paths'
import { breadcrumbs } from '@/formats/structured-data'
import { getPeople } from '@/sanity/fetch'
import { headContext } from '@/formats/head-context'
import { messagesFor } from '@/messages'

export const revalidate = 60

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props, parent: ResolvingMetadata): Promise<Metadata> {
  return withParentCard(peopleIndexMetadata(await headContext(await editionOf(params))), await parent)
}

export default async function PeoplePage({ params }: Props) {
  const locale = await editionOf(params)
  const [people, head] = await Promise.all([getPeople(locale), headContext(locale)])
  return (
    <SiteShell settings={head.settings} locale={locale} editions={inEveryEdition((l) => archiveIndexPath('people', l))}>
      <JsonLd data={breadcrumbs(head, [{ name: messagesFor(locale).directories.names.people, path: archiveIndexPath('people', locale) }])} />
      <PeopleIndex people={people} locale={locale} />
    </SiteShell>
  )
}
