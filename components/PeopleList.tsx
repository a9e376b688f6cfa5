import type { PersonSummary } from '@/sanity/models'
import { countOf } from '@/lib/format'
import type { Locale } from '@/lib/locale'
import { archivePath } from '@/lib/paths'
import { messagesFor } from '@/messages'
import { Portrait } from './Portrait'

const PORTRAIT_SIZE = 72

/** People as the index and a country's page list them: photo, name, role, country, number of articles. */
export function PeopleList({
  people,
  locale,
  showCountry = true,
  headingLevel = 'h2',
}: {
  people: PersonSummary[]
  locale: Locale
  showCountry?: boolean
  headingLevel?: 'h2' | 'h3'
}) {
  const articles = messagesFor(locale).plural.articles
  const Heading = headingLevel
  return (
    <ul className="people-list" data-testid="people-list">
      {people.map((person) => (
        <li key={person._id} className="person-card">
          <Portrait name={person.title} photo={person.photo} size={PORTRAIT_SIZE} />
          <div className="person-card__body">
            <Heading className="person-card__name">
              <a href={archivePath('people', person.slug, 1, locale)}>{person.title}</a>
            </Heading>
            {person.role ? <p className="person-card__role">{person.role}</p> : null}
            <p className="person-card__meta">
              {showCountry && person.country ? (
                <>
                  <a href={archivePath('countries', person.country.slug, 1, locale)}>{person.country.title}</a>
                  {' · '}
                </>
              ) : null}
              <span data-testid="person-count">{countOf(locale, person.count, articles)}</span>
            </p>
          </div>
        </li>
      ))}
    </ul>
  )
}
