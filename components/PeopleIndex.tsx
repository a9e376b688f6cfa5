import type { PersonSummary } from '@/sanity/models'
import { PeopleList } from './PeopleList'

const TITLE = 'Персоны'
const INTRO = 'Люди в новостях: чаще упоминаемые — выше.'
const EMPTY = 'Пока здесь никого нет.'

export function PeopleIndex({ people }: { people: PersonSummary[] }) {
  return (
    <section className="section-page">
      <header className="section-page__header">
        <h1>{TITLE}</h1>
        <p className="section-page__description">{INTRO}</p>
      </header>
      {people.length > 0 ? <PeopleList people={people} /> : <p className="empty">{EMPTY}</p>}
    </section>
  )
}
