import type { PersonSummary } from '@/sanity/models'
import type { Locale } from '@/lib/locale'
import { messagesFor } from '@/messages'
import { IndexPage } from './IndexPage'
import { PeopleList } from './PeopleList'

export function PeopleIndex({ people, locale }: { people: PersonSummary[]; locale: Locale }) {
  const t = messagesFor(locale).directories
  return (
    <IndexPage title={t.peopleTitle} intro={t.peopleIntro}>
      {people.length > 0 ? <PeopleList people={people} locale={locale} /> : <p className="empty">{t.peopleEmpty}</p>}
    </IndexPage>
  )
}
