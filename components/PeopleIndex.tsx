import type { PeopleIndexPage } from '@/sanity/models'
import type { Locale } from '@/lib/locale'
import { messagesFor } from '@/messages'
import { IndexPage } from './IndexPage'
import { Pagination } from './Pagination'
import { PeopleList } from './PeopleList'

export function PeopleIndex({ index, pathOf, locale }: { index: PeopleIndexPage; pathOf: (page: number) => string; locale: Locale }) {
  const t = messagesFor(locale).directories
  return (
    <IndexPage title={t.peopleTitle} intro={t.peopleIntro}>
      {index.people.length > 0 ? <PeopleList people={index.people} locale={locale} /> : <p className="empty">{t.peopleEmpty}</p>}
      <Pagination page={index.page} pageCount={index.pageCount} hrefFor={pathOf} locale={locale} />
    </IndexPage>
  )
}
