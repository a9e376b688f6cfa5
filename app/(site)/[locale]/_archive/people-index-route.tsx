import type { Metadata, ResolvingMetadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import { JsonLd } from '@/components/JsonLd'
import { PeopleIndex } from '@/components/PeopleIndex'
import { SiteShell } from '@/components/SiteChrome'
import { headContext } from '@/formats/head-context'
import { pageLinks, peopleIndexMetadata, withParentCard } from '@/formats/metadata'
import { breadcrumbs } from '@/formats/structured-data'
import { editionOf } from '@/lib/locale-param'
import { archiveIndexPath, inEveryEdition } from '@/lib/paths'
import { messagesFor } from '@/messages'
import { getPeople } from '@/sanity/fetch'
import { parsePageNumber } from '@/sanity/pagination'

/**
 * The people index, /people and its later pages /people/page/<n> (a person's own pages are
 * /people/<slug>/page/<n>, one segment deeper). Page 1 has one address: /people/page/1 redirects there.
 */
type Props = { params: Promise<{ locale: string; page?: string }> }

async function pageOf(params: Props['params']) {
  const [locale, { page: segment }] = await Promise.all([editionOf(params), params])
  if (segment === undefined) return { locale, page: 1 }
  const page = parsePageNumber(segment) ?? notFound()
  if (page === 1) permanentRedirect(archiveIndexPath('people', locale))
  return { locale, page }
}

export async function generateMetadata({ params }: Props, parent: ResolvingMetadata): Promise<Metadata> {
  const { locale, page } = await pageOf(params)
  return withParentCard(peopleIndexMetadata(await headContext(locale), page), await parent)
}

export async function PeopleIndexRoute({ params }: Props) {
  const { locale, page } = await pageOf(params)
  const [index, head] = await Promise.all([getPeople(locale, page), headContext(locale)])
  if (!index) notFound()
  const pathOf = (n: number) => archiveIndexPath('people', locale, n)
  const { prev, next } = pageLinks(index, pathOf, head.siteUrl)
  return (
    <SiteShell settings={head.settings} locale={locale} editions={inEveryEdition((l) => archiveIndexPath('people', l, page))}>
      {/* React hoists these into <head>; the Metadata API has no rel=prev/next. */}
      {prev ? <link rel="prev" href={prev} /> : null}
      {next ? <link rel="next" href={next} /> : null}
      <JsonLd data={breadcrumbs(head, [{ name: messagesFor(locale).directories.names.people, path: archiveIndexPath('people', locale) }])} />
      <PeopleIndex index={index} pathOf={pathOf} locale={locale} />
    </SiteShell>
  )
}
