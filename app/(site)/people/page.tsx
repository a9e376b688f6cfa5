import type { Metadata, ResolvingMetadata } from 'next'
import { JsonLd } from '@/components/JsonLd'
import { PeopleIndex } from '@/components/PeopleIndex'
import { peopleIndexMetadata, withParentCard } from '@/lib/metadata'
import { ARCHIVE_INDEX_NAMES, archiveIndexPath } from '@/lib/paths'
import { breadcrumbs } from '@/lib/structured-data'
import { getPeople } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'

export const revalidate = 60

export async function generateMetadata(_props: unknown, parent: ResolvingMetadata): Promise<Metadata> {
  return withParentCard(peopleIndexMetadata(await headContext()), await parent)
}

export default async function PeoplePage() {
  const [people, head] = await Promise.all([getPeople(), headContext()])
  return (
    <>
      <JsonLd data={breadcrumbs(head, [{ name: ARCHIVE_INDEX_NAMES.people, path: archiveIndexPath('people') }])} />
      <PeopleIndex people={people} />
    </>
  )
}
