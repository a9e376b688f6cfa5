import type { Metadata, ResolvingMetadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import { ArchiveView, type ArchiveExtras } from '@/components/ArchiveView'
import { JsonLd } from '@/components/JsonLd'
import { archiveMetadata, paginationLinks, withParentCard } from '@/lib/metadata'
import { archivePath } from '@/lib/paths'
import { archiveStructuredData } from '@/lib/structured-data'
import { getArchivePage, getArchiveSlugs, getCountryPeople, getTopics } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'
import type { ArchiveKind, ArchivePage } from '@/sanity/models'
import { parsePageNumber } from '@/sanity/pagination'

/**
 * Topic, person, country and author pages differ only in their query; their route files delegate
 * here so that each stays a two-line declaration. (A private `_archive` folder is not a route.)
 */
type FirstPageProps = { params: Promise<{ slug: string }> }
type NthPageProps = { params: Promise<{ slug: string; page: string }> }

/** How many of a topic's newest articles its later pages recall. */
const LATEST_IN_TOPIC = 3

/** What a page shows besides its articles: a country's people; a topic's counts and, after page 1, its newest articles. */
async function loadExtras(archive: ArchivePage): Promise<ArchiveExtras> {
  if (archive.kind === 'countries') return { people: await getCountryPeople(archive.slug) }
  if (archive.kind !== 'topics') return {}
  const [topics, first] = await Promise.all([getTopics(), archive.page > 1 ? getArchivePage('topics', archive.slug, 1) : null])
  return { topics, latest: first?.articles.slice(0, LATEST_IN_TOPIC) }
}

async function ArchiveRoute({ archive }: { archive: ArchivePage }) {
  const [head, extras] = await Promise.all([headContext(), loadExtras(archive)])
  const { prev, next } = paginationLinks(archive, head.siteUrl)
  return (
    <>
      {/* React hoists these into <head>; the Metadata API has no rel=prev/next. */}
      {prev ? <link rel="prev" href={prev} /> : null}
      {next ? <link rel="next" href={next} /> : null}
      {archiveStructuredData(archive, head).map((data, index) => (
        <JsonLd key={index} data={data} />
      ))}
      <ArchiveView archive={archive} extras={extras} />
    </>
  )
}

export function firstPageRoute(kind: ArchiveKind) {
  const load = async (params: FirstPageProps['params']) => (await getArchivePage(kind, (await params).slug, 1)) ?? notFound()
  return {
    generateStaticParams: async () => (await getArchiveSlugs(kind)).map((slug) => ({ slug })),
    generateMetadata: async ({ params }: FirstPageProps, parent: ResolvingMetadata): Promise<Metadata> => {
      const metadata = archiveMetadata(await load(params), await headContext())
      // Topics have a card of their own (topics/[slug]/opengraph-image.tsx); the others show the site's.
      return kind === 'topics' ? metadata : withParentCard(metadata, await parent)
    },
    Page: async function ArchiveFirstPage({ params }: FirstPageProps) {
      return <ArchiveRoute archive={await load(params)} />
    },
  }
}

export function nthPageRoute(kind: ArchiveKind) {
  const load = async (params: NthPageProps['params']) => {
    const { slug, page: segment } = await params
    const page = parsePageNumber(segment) ?? notFound()
    if (page === 1) permanentRedirect(archivePath(kind, slug))
    return (await getArchivePage(kind, slug, page)) ?? notFound()
  }
  return {
    generateMetadata: async ({ params }: NthPageProps, parent: ResolvingMetadata): Promise<Metadata> =>
      withParentCard(archiveMetadata(await load(params), await headContext()), await parent),
    Page: async function ArchiveNthPage({ params }: NthPageProps) {
      return <ArchiveRoute archive={await load(params)} />
    },
  }
}
