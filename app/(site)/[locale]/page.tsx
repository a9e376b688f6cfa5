import type { Metadata, ResolvingMetadata } from 'next'
import { HomeView } from '@/components/HomeView'
import { JsonLd } from '@/components/JsonLd'
import { SiteShell } from '@/components/SiteChrome'
import { editionOf } from '@/lib/locale-param'
import { homeMetadata, withParentCard } from '@/formats/metadata'
import { homePath, inEveryEdition } from '@/lib/paths'
import { homeStructuredData } from '@/formats/structured-data'
import { getHomePage } from '@/sanity/fetch'
import { headContext } from '@/formats/head-context'

export const revalidate = 60

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props, parent: ResolvingMetadata): Promise<Metadata> {
  return withParentCard(homeMetadata(await headContext(await editionOf(params))), await parent)
}

export default async function HomePage({ params }: Props) {
  const locale = await editionOf(params)
  const [home, head] = await Promise.all([getHomePage(locale), headContext(locale)])
  return (
    <SiteShell settings={head.settings} locale={locale} editions={inEveryEdition(homePath)}>
      {homeStructuredData(head).map((data, index) => (
        <JsonLd key={index} data={data} />
      ))}
      <HomeView home={home} locale={locale} />
    </SiteShell>
  )
}
