import Link from 'next/link'
import type { ArchivePage } from '@/sanity/models'
import { countOf } from '@/lib/format'
import type { Locale } from '@/lib/locale'
import { messagesFor } from '@/messages'
import { archivePath } from '@/lib/paths'
import { ArticleList } from './ArticleList'
import { Pagination } from './Pagination'

export function ArchiveView({ archive, locale }: { archive: ArchivePage; locale: Locale }) {
  const t = messagesFor(locale)
  return (
    <section className="section-page">
      <header className="section-page__header">
        <p className="section-page__kind">{t.archive.kinds[archive.kind]}</p>
        <h1>{archive.title}</h1>
        {archive.description ? <p className="section-page__description">{archive.description}</p> : null}
        {archive.country ? (
          <p className="section-page__description">
            <Link href={archivePath('countries', archive.country.slug, 1, locale)}>{archive.country.title}</Link>
          </p>
        ) : null}
        <p className="section-page__count">
          {countOf(locale, archive.total, t.plural.articles)}
          {archive.pageCount > 1 ? ` · ${t.pagination.pageNote(archive.page, archive.pageCount)}` : ''}
        </p>
      </header>
      <ArticleList articles={archive.articles} locale={locale} />
      <Pagination page={archive.page} pageCount={archive.pageCount} hrefFor={(page) => archivePath(archive.kind, archive.slug, page, locale)} locale={locale} />
    </section>
  )
}
