import { HomeView } from '@/components/HomeView'
import { getHomePage } from '@/sanity/fetch'

export const revalidate = 60

export default async function HomePage() {
  return <HomeView home={await getHomePage()} />
}
