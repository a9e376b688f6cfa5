import type { Metadata, ResolvingMetadata } from 'next'
import { CountriesIndex } from '@/components/CountriesIndex'
import { JsonLd } from '@/components/JsonLd'
import { SiteShell } from '@/components/SiteChrome'
import { editionOf } from '@/lib/locale-param'
import { countriesIndexMetadata, withParentCard } from '@/formats/metadata'
import { archiveIndexPath, inEveryEdition } from '@/lib/paths'
import { breadcrumbs } from '@/formats/structured-data'
import { getCountries } from '@/sanity/fetch'
import { headContext } from '@/formats/head-context'
import { messagesFor } from '@/messages'

export const revalidate = 60

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props, parent: ResolvingMetadata): Promise<Metadata> {
  return withParentCard(countriesIndexMetadata(await headContext(await editionOf(params))), await parent)
}

export default async function CountriesPage({ params }: Props) {
  const locale = await editionOf(params)
  const [countries, head] = await Promise.all([getCountries(locale), headContext(locale)])
  return (
    <SiteShell settings={head.settings} locale={locale} editions={inEveryEdition((l) => archiveIndexPath('countries', l))}>
      <JsonLd data={breadcrumbs(head, [{ name: messagesFor(locale).directories.names.countries, path: archiveIndexPath('countries', locale) }])} />
      <CountriesIndex countries={countries} locale={locale} />
    </SiteShell>
  )
}
