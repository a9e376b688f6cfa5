import type { Metadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import { ArchiveView, archiveHref } from '@/components/ArchiveView'
import { archiveMetadata } from '@/lib/metadata'
import { getArchivePage, getArchiveSlugs } from '@/sanity/fetch'
import type { ArchiveKind } from '@/sanity/models'
import { parsePageNumber } from '@/sanity/pagination'

/**
 * Topic, person and country pages differ only in their query; their route files delegate here so
 * that each stays a two-line declaration. (A private `_archive` folder is not a route.)
 */
type FirstPageProps = { params: Promise<{ slug: string }> }
type NthPageProps = { params: Promise<{ slug: string; page: string }> }

export function firstPageRoute(kind: ArchiveKind) {
  const load = async (params: FirstPageProps['params']) => (await getArchivePage(kind, (await params).slug, 1)) ?? notFound()
  return {
    generateStaticParams: async () => (await getArchiveSlugs(kind)).map((slug) => ({ slug })),
    generateMetadata: async ({ params }: FirstPageProps): Promise<Metadata> => archiveMetadata(await load(params)),
    Page: async function ArchiveFirstPage({ params }: FirstPageProps) {
      return <ArchiveView archive={await load(params)} />
    },
  }
}

export function nthPageRoute(kind: ArchiveKind) {
  const load = async (params: NthPageProps['params']) => {
    const { slug, page: segment } = await params
    const page = parsePageNumber(segment) ?? notFound()
    if (page === 1) permanentRedirect(archiveHref(kind, slug))
    return (await getArchivePage(kind, slug, page)) ?? notFound()
  }
  return {
    generateMetadata: async ({ params }: NthPageProps): Promise<Metadata> => archiveMetadata(await load(params)),
    Page: async function ArchiveNthPage({ params }: NthPageProps) {
      return <ArchiveView archive={await load(params)} />
    },
  }
}
