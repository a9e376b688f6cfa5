import type { PersonSummary } from '@/sanity/models'
import { IndexPage } from './IndexPage'
import { PeopleList } from './PeopleList'

const TITLE = 'Персоны'
const INTRO = 'Люди в новостях: чаще упоминаемые — выше.'
const EMPTY = 'Пока здесь никого нет.'

export function PeopleIndex({ people }: { people: PersonSummary[] }) {
  return (
    <IndexPage title={TITLE} intro={INTRO}>
      {people.length > 0 ? <PeopleList people={people} /> : <p className="empty">{EMPTY}</p>}
    </IndexPage>
  )
}
