import Link from 'next/link'
import type { PersonSummary } from '@/sanity/models'
import { articlesCount } from '@/lib/format'
import { archivePath } from '@/lib/paths'
import { Portrait } from './Portrait'

const PORTRAIT_SIZE = 72

/** People as the index and a country's page list them: photo, name, role, country, number of articles. */
export function PeopleList({ people, showCountry = true, headingLevel = 'h2' }: { people: PersonSummary[]; showCountry?: boolean; headingLevel?: 'h2' | 'h3' }) {
  const Heading = headingLevel
  return (
    <ul className="people-list" data-testid="people-list">
      {people.map((person) => (
        <li key={person._id} className="person-card">
          <Portrait name={person.title} photo={person.photo} size={PORTRAIT_SIZE} />
          <div className="person-card__body">
            <Heading className="person-card__name">
              <Link href={archivePath('people', person.slug)}>{person.title}</Link>
            </Heading>
            {person.role ? <p className="person-card__role">{person.role}</p> : null}
            <p className="person-card__meta">
              {showCountry && person.country ? (
                <>
                  <Link href={archivePath('countries', person.country.slug)}>{person.country.title}</Link>
                  {' · '}
                </>
              ) : null}
              <span data-testid="person-count">{articlesCount(person.count)}</span>
            </p>
          </div>
        </li>
      ))}
    </ul>
  )
}
