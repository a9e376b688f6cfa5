import { NotFoundView } from '@/components/NotFoundView'
import { SiteShell } from '@/components/SiteChrome'
import { getSiteSettings } from '@/sanity/fetch'

/** URLs that match no route render outside the (site) layout, so this one draws the chrome itself. */
export default async function NotFound() {
  return (
    <SiteShell settings={await getSiteSettings()}>
      <NotFoundView />
    </SiteShell>
  )
}
