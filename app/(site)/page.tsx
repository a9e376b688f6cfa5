import type { Metadata } from 'next'
import { HomeView } from '@/components/HomeView'
import { JsonLd } from '@/components/JsonLd'
import { homeMetadata } from '@/lib/metadata'
import { homeStructuredData } from '@/lib/structured-data'
import { getHomePage } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'

export const revalidate = 60

export async function generateMetadata(): Promise<Metadata> {
  return homeMetadata(await headContext())
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
