import Link from 'next/link'
import type { ArchiveKind, ArchivePage } from '@/sanity/models'
import { articlesCount } from '@/lib/format'
import { archivePath } from '@/lib/paths'
import { ArticleList } from './ArticleList'
import { Pagination } from './Pagination'

export const ARCHIVE_LABELS: Record<ArchiveKind, string> = { topics: 'Тема', people: 'Персона', countries: 'Страна', authors: 'Автор' }


export function ArchiveView({ archive }: { archive: ArchivePage }) {
  return (
    <section className="section-page">
      <header className="section-page__header">
        <p className="section-page__kind">{ARCHIVE_LABELS[archive.kind]}</p>
        <h1>{archive.title}</h1>
        {archive.description ? <p className="section-page__description">{archive.description}</p> : null}
        {archive.country ? (
          <p className="section-page__description">
            <Link href={archivePath('countries', archive.country.slug)}>{archive.country.title}</Link>
          </p>
        ) : null}
        <p className="section-page__count">
          {articlesCount(archive.total)}
          {archive.pageCount > 1 ? ` · страница ${archive.page} из ${archive.pageCount}` : ''}
        </p>
      </header>
      <ArticleList articles={archive.articles} />
      <Pagination page={archive.page} pageCount={archive.pageCount} hrefFor={(page) => archivePath(archive.kind, archive.slug, page)} />
    </section>
  )
}
