import type { Metadata, ResolvingMetadata } from 'next'
import { HomeView } from '@/components/HomeView'
import { JsonLd } from '@/components/JsonLd'
import { homeMetadata, withParentCard } from '@/lib/metadata'
import { homeStructuredData } from '@/lib/structured-data'
import { getHomePage } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'

export const revalidate = 60

export async function generateMetadata(_props: unknown, parent: ResolvingMetadata): Promise<Metadata> {
  return withParentCard(homeMetadata(await headContext()), await parent)
}

export default async function HomePage() {
  const [home, head] = await Promise.all([getHomePage(), headContext()])
  return (
    <>
      {homeStructuredData(head).map((data, index) => (
        <JsonLd key={index} data={data} />
      ))}
      <HomeView home={home} />
    </>
  )
}
