import { NotFoundView } from '@/components/NotFoundView'

/** notFound() inside the site: the (site) layout already draws the header and footer. */
export default function SiteNotFound() {
  return <NotFoundView />
}
