import type { Metadata } from 'next'
import { SearchView } from '@/components/SearchView'
import { SiteShell } from '@/components/SiteChrome'
import { editionOf } from '@/lib/locale-param'
import { searchMetadata } from '@/formats/metadata'
import { inEveryEdition, searchPath } from '@/lib/paths'
import { parseSearchParams } from '@/search/params'
import { searchSite } from '@/search/site-index'
import { headContext } from '@/formats/head-context'

/**
 * `/search?q=&topic=&country=&from=&to=&page=` (and `/kk/search`, `/en/search`): rendered per request
 * (it reads searchParams) from the search index of the published articles (search/site-index.ts);
 * each edition searches the articles in its own language. Any address gives a page (never a 404 or
 * 500 for odd input): search/params.ts says what was ignored.
 */
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { request } = parseSearchParams(await searchParams)
  return searchMetadata(request, await headContext(await editionOf(params)))
}

export default async function SearchPage({ params, searchParams }: Props) {
  const locale = await editionOf(params)
  const parsed = parseSearchParams(await searchParams)
  const request = { ...parsed.request, language: locale }
  const [{ outcome, facets }, head] = await Promise.all([searchSite(request), headContext(locale)])
  return (
    <SiteShell settings={head.settings} locale={locale} editions={inEveryEdition(searchPath)}>
      <SearchView request={request} notices={parsed.notices} outcome={outcome} facets={facets} locale={locale} />
    </SiteShell>
  )
}
