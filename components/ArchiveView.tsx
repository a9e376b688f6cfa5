import Link from 'next/link'
import type { ArchiveKind, ArchivePage } from '@/sanity/models'
import { articlesCount } from '@/lib/format'
import { ArticleList } from './ArticleList'
import { Pagination } from './Pagination'

export const ARCHIVE_LABELS: Record<ArchiveKind, string> = { topics: 'Тема', people: 'Персона', countries: 'Страна' }

/** Page 1 of an archive lives at the section's own URL; page N at …/page/N. */
export const archiveHref = (kind: ArchiveKind, slug: string, page = 1) => (page <= 1 ? `/${kind}/${slug}` : `/${kind}/${slug}/page/${page}`)

export function ArchiveView({ archive }: { archive: ArchivePage }) {
  return (
    <section className="section-page">
      <header className="section-page__header">
        <p className="section-page__kind">{ARCHIVE_LABELS[archive.kind]}</p>
        <h1>{archive.title}</h1>
        {archive.description ? <p className="section-page__description">{archive.description}</p> : null}
        {archive.country ? (
          <p className="section-page__description">
            <Link href={archiveHref('countries', archive.country.slug)}>{archive.country.title}</Link>
          </p>
        ) : null}
        <p className="section-page__count">
          {articlesCount(archive.total)}
          {archive.pageCount > 1 ? ` · страница ${archive.page} из ${archive.pageCount}` : ''}
        </p>
      </header>
      <ArticleList articles={archive.articles} />
      <Pagination page={archive.page} pageCount={archive.pageCount} hrefFor={(page) => archiveHref(archive.kind, archive.slug, page)} />
    </section>
  )
}
