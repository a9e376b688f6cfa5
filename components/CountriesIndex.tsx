import type { CountrySummary } from '@/sanity/models'
import { countOf } from '@/lib/format'
import type { Locale } from '@/lib/locale'
import { archivePath } from '@/lib/paths'
import { messagesFor } from '@/messages'
import { CountryFlag } from './CountryFlag'
import { IndexPage } from './IndexPage'

export function CountriesIndex({ countries, locale }: { countries: CountrySummary[]; locale: Locale }) {
  const t = messagesFor(locale)
  return (
    <IndexPage title={t.directories.countriesTitle} intro={t.directories.countriesIntro}>
      <ul className="topic-index" data-testid="countries-list">
        {countries.map((country) => (
          <li key={country._id} className="topic-index__item">
            <CountryFlag code={country.code} />{' '}
            <a href={archivePath('countries', country.slug, 1, locale)} className="topic-index__title">
              {country.title}
            </a>
            <span className="topic-index__count">
              {countOf(locale, country.count, t.plural.articles)}
              {country.people > 0 ? ` · ${countOf(locale, country.people, t.plural.people)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </IndexPage>
  )
}
