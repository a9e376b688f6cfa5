import type { Metadata, ResolvingMetadata } from 'next'
import { CountriesIndex } from '@/components/CountriesIndex'
import { JsonLd } from '@/components/JsonLd'
import { countriesIndexMetadata, withParentCard } from '@/lib/metadata'
import { ARCHIVE_INDEX_NAMES, archiveIndexPath } from '@/lib/paths'
import { breadcrumbs } from '@/lib/structured-data'
import { getCountries } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'

export const revalidate = 60

export async function generateMetadata(_props: unknown, parent: ResolvingMetadata): Promise<Metadata> {
  return withParentCard(countriesIndexMetadata(await headContext()), await parent)
}

export default async function CountriesPage() {
  const [countries, head] = await Promise.all([getCountries(), headContext()])
  return (
    <>
      <JsonLd data={breadcrumbs(head, [{ name: ARCHIVE_INDEX_NAMES.countries, path: archiveIndexPath('countries') }])} />
      <CountriesIndex countries={countries} />
    </>
  )
}
