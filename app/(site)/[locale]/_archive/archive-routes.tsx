import type { Metadata, ResolvingMetadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import { ArchiveView } from '@/components/ArchiveView'
import { JsonLd } from '@/components/JsonLd'
import { archiveMetadata, paginationLinks, withParentCard } from '@/lib/metadata'
import { archivePath } from '@/lib/paths'
import { archiveStructuredData } from '@/lib/structured-data'
import { getArchivePage, getArchiveSlugs } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'
import type { ArchiveKind, ArchivePage } from '@/sanity/models'
import { parsePageNumber } from '@/sanity/pagination'

/**
 * Topic, person, country and author pages differ only in their query; their route files delegate
 * here so that each stays a two-line declaration. (A private `_archive` folder is not a route.)
 */
type FirstPageProps = { params: Promise<{ slug: string }> }
type NthPageProps = { params: Promise<{ slug: string; page: string }> }

async function ArchiveRoute({ archive }: { archive: ArchivePage }) {
  const head = await headContext()
  const { prev, next } = paginationLinks(archive, head.siteUrl)
  return (
    <>
      {/* React hoists these into <head>; the Metadata API has no rel=prev/next. */}
      {prev ? <link rel="prev" href={prev} /> : null}
      {next ? <link rel="next" href={next} /> : null}
      {archiveStructuredData(archive, head).map((data, index) => (
        <JsonLd key={index} data={data} />
      ))}
      <ArchiveView archive={archive} />
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
