import Link from 'next/link'
import type { CountrySummary } from '@/sanity/models'
import { articlesCount, pluralize } from '@/lib/format'
import { archivePath } from '@/lib/paths'
import { CountryFlag } from './CountryFlag'
import { IndexPage } from './IndexPage'

const TITLE = 'Страны'
const INTRO = 'Страны в новостях: чаще упоминаемые — выше.'
const PEOPLE_FORMS = ['персона', 'персоны', 'персон'] as const

export function CountriesIndex({ countries }: { countries: CountrySummary[] }) {
  return (
    <IndexPage title={TITLE} intro={INTRO}>
      <ul className="topic-index" data-testid="countries-list">
        {countries.map((country) => (
          <li key={country._id} className="topic-index__item">
            <CountryFlag code={country.code} />{' '}
            <Link href={archivePath('countries', country.slug)} className="topic-index__title">
              {country.title}
            </Link>
            <span className="topic-index__count">
              {articlesCount(country.count)}
              {country.people > 0 ? ` · ${pluralize(country.people, PEOPLE_FORMS)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </IndexPage>
  )
}
