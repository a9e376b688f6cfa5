import type { MetadataRoute } from 'next'
import { robotsRules } from '@/lib/sitemap'
import { config } from '@/config/env'

// Regenerated like the pages, so that robots.txt names the running server's SITE_URL, not the build's.
export const revalidate = 60

export default function robots(): MetadataRoute.Robots {
  return robotsRules(config().siteUrl)
}
