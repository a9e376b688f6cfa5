import type { Metadata } from 'next'
import { SearchView } from '@/components/SearchView'
import { searchMetadata } from '@/lib/metadata'
import { parseSearchParams } from '@/lib/search/params'
import { getSearchIndex } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'

/**
 * `/search?q=&topic=&country=&from=&to=&page=`: rendered per request (it reads searchParams) from
 * the in-memory index of the published articles. Any address gives a page (never a 404 or 500 for
 * odd input): lib/search/params.ts says what was ignored.
 */
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { request } = parseSearchParams(await searchParams)
  return searchMetadata(request, await headContext())
}

export default async function SearchPage({ searchParams }: Props) {
  const { request, notices } = parseSearchParams(await searchParams)
  const index = await getSearchIndex()
  return <SearchView request={request} notices={notices} outcome={index.search(request)} facets={index.facets()} />
}
