import type { Metadata, ResolvingMetadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import { ArchiveView, type ArchiveExtras } from '@/components/ArchiveView'
import { JsonLd } from '@/components/JsonLd'
import { SiteShell } from '@/components/SiteChrome'
import type { Locale } from '@/lib/locale'
import { editionOf } from '@/lib/locale-param'
import { archiveMetadata, paginationLinks, withParentCard } from '@/formats/metadata'
import { archivePath, inEveryEdition } from '@/lib/paths'
import { archiveStructuredData } from '@/formats/structured-data'
import { getArchivePage, getArchiveSlugs, getCountryPeople, getTopics } from '@/sanity/fetch'
import { headContext } from '@/formats/head-context'
import type { ArchiveKind } from '@/lib/archive-kinds'
import type { ArchivePage } from '@/sanity/models'
import { parsePageNumber } from '@/sanity/pagination'

/**
 * Topic, person, country and author pages differ only in their query; their route files delegate
 * here so that each stays a two-line declaration. (A private `_archive` folder is not a route.)
 * Every archive exists in every edition, listing that edition's articles.
 */
type FirstPageProps = { params: Promise<{ locale: string; slug: string }> }
type NthPageProps = { params: Promise<{ locale: string; slug: string; page: string }> }

/** How many of a topic's newest articles its later pages recall. */
const LATEST_IN_TOPIC = 3

/** What a page shows besides its articles: a country's people; a topic's counts and, after page 1, its newest articles. */
async function loadExtras(archive: ArchivePage, locale: Locale): Promise<ArchiveExtras> {
  if (archive.kind === 'countries') return { people: await getCountryPeople(archive.slug, locale) }
  if (archive.kind !== 'topics') return {}
  const [topics, first] = await Promise.all([getTopics(locale), archive.page > 1 ? getArchivePage('topics', archive.slug, 1, locale) : null])
  return { topics, latest: first?.articles.slice(0, LATEST_IN_TOPIC) }
}

async function ArchiveRoute({ archive, locale }: { archive: ArchivePage; locale: Locale }) {
  const [head, extras] = await Promise.all([headContext(locale), loadExtras(archive, locale)])
  const { prev, next } = paginationLinks(archive, head.siteUrl, locale)
  return (
    <SiteShell settings={head.settings} locale={locale} editions={inEveryEdition((l) => archivePath(archive.kind, archive.slug, archive.page, l))}>
      {/* React hoists these into <head>; the Metadata API has no rel=prev/next. */}
      {prev ? <link rel="prev" href={prev} /> : null}
      {next ? <link rel="next" href={next} /> : null}
      {archiveStructuredData(archive, head).map((data, index) => (
        <JsonLd key={index} data={data} />
      ))}
      <ArchiveView archive={archive} extras={extras} locale={locale} />
    </SiteShell>
  )
}

/**
 * No later page is rendered at build time, each on its first request, then cached like page 1
 * (ISR). Without a generateStaticParams, Next renders such a page on every request and sends it
 * `private, no-store`, so that neither the HTML cache nor Varnish nor a CDN keeps it: a crawler
 * walking page 40 of every topic rendered them all.
 */
export const renderedOnFirstRequest = async (): Promise<{ page: string }[]> => []

export function firstPageRoute(kind: ArchiveKind) {
  const load = async (params: FirstPageProps['params']) => {
    const [locale, { slug }] = await Promise.all([editionOf(params), params])
    return { locale, archive: (await getArchivePage(kind, slug, 1, locale)) ?? notFound() }
  }
  return {
    generateStaticParams: async () => (await getArchiveSlugs(kind)).map((slug) => ({ slug })),
    generateMetadata: async ({ params }: FirstPageProps, parent: ResolvingMetadata): Promise<Metadata> => {
      const { locale, archive } = await load(params)
      const metadata = archiveMetadata(archive, await headContext(locale))
      // Topics have a card of their own (topics/[slug]/opengraph-image.tsx); the others show the site's.
      return kind === 'topics' ? metadata : withParentCard(metadata, await parent)
    },
    Page: async function ArchiveFirstPage({ params }: FirstPageProps) {
      return <ArchiveRoute {...await load(params)} />
    },
  }
}

export function nthPageRoute(kind: ArchiveKind) {
  const load = async (params: NthPageProps['params']) => {
    const [locale, { slug, page: segment }] = await Promise.all([editionOf(params), params])
    const page = parsePageNumber(segment) ?? notFound()
    if (page === 1) permanentRedirect(archivePath(kind, slug, 1, locale))
    return { locale, archive: (await getArchivePage(kind, slug, page, locale)) ?? notFound() }
  }
  return {
    generateStaticParams: renderedOnFirstRequest,
    generateMetadata: async ({ params }: NthPageProps, parent: ResolvingMetadata): Promise<Metadata> => {
      const { locale, archive } = await load(params)
      return withParentCard(archiveMetadata(archive, await headContext(locale)), await parent)
    },
    Page: async function ArchiveNthPage({ params }: NthPageProps) {
      return <ArchiveRoute {...await load(params)} />
    },
  }
}
