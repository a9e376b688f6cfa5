import type { ArchivePage, ArticleCard as Card, PersonSummary, TopicSummary } from '@/sanity/models'
import { countOf } from '@/lib/format'
import type { Locale } from '@/lib/locale'
import { messagesFor } from '@/messages'
import { archivePath } from '@/lib/paths'
import { ArticleCard } from './ArticleCard'
import { ArticleList } from './ArticleList'
import { CountryFlag } from './CountryFlag'
import { Pagination } from './Pagination'
import { PeopleList } from './PeopleList'
import { Portrait } from './Portrait'

const PROFILE_PHOTO_SIZE = 160

/** What some archives show besides their articles (loaded by app/(site)/[locale]/_archive/archive-routes.tsx). */
export interface ArchiveExtras {
  /** A country's people who appear in the news. */
  people?: PersonSummary[]
  /** Every topic with its count, for a topic page's navigation. */
  topics?: TopicSummary[]
  /** The topic's newest articles, on its pages after the first (page 1 starts with them). */
  latest?: Card[]
}

export function ArchiveView({ archive, extras = {}, locale }: { archive: ArchivePage; extras?: ArchiveExtras; locale: Locale }) {
  const t = messagesFor(locale)
  const hasPortrait = archive.kind === 'people' || archive.kind === 'authors'
  return (
    <section className={`section-page section-page--${archive.kind}`}>
      <header className={`section-page__header${hasPortrait ? ' section-page__header--profile' : ''}`}>
        {hasPortrait ? <Portrait name={archive.title} photo={archive.photo} size={PROFILE_PHOTO_SIZE} eager /> : null}
        <div>
          <p className="section-page__kind">
            {t.archive.kinds[archive.kind]}
            {archive.code ? (
              <>
                {' '}
                · <CountryFlag code={archive.code} />
              </>
            ) : null}
          </p>
          <h1>{archive.title}</h1>
          {archive.description ? <p className="section-page__description">{archive.description}</p> : null}
          {archive.country ? (
            <p className="section-page__description">
              {archive.country.code ? <CountryFlag code={archive.country.code} /> : null}{' '}
              <a href={archivePath('countries', archive.country.slug, 1, locale)}>{archive.country.title}</a>
            </p>
          ) : null}
          {archive.bio ? <p className="section-page__bio">{archive.bio}</p> : null}
          <p className="section-page__count">
            {countOf(locale, archive.total, t.plural.articles)}
            {archive.pageCount > 1 ? ` · ${t.pagination.pageNote(archive.page, archive.pageCount)}` : ''}
          </p>
        </div>
      </header>
      {extras.people && extras.people.length > 0 ? (
        <section className="section-page__block" aria-labelledby="country-people">
          <h2 id="country-people" className="section-title">
            {t.directories.countryPeople}
          </h2>
          <PeopleList people={extras.people} showCountry={false} headingLevel="h3" locale={locale} />
        </section>
      ) : null}
      {extras.latest && extras.latest.length > 0 ? (
        <section className="section-page__block" aria-labelledby="latest-in-topic" data-testid="latest-in-topic">
          <h2 id="latest-in-topic" className="section-title">
            {t.directories.latestInTopic}
          </h2>
          <div className="grid grid--3">
            {extras.latest.map((article) => (
              <ArticleCard key={article._id} article={article} variant="compact" locale={locale} />
            ))}
          </div>
        </section>
      ) : null}
      {/* Always there, so card titles (h3) never follow the h1 directly; seen only when other sections precede the list. */}
      <h2 className={extras.people?.length || extras.latest?.length ? 'section-title' : 'visually-hidden'}>{t.directories.articlesHeading}</h2>
      <ArticleList articles={archive.articles} locale={locale} />
      <Pagination page={archive.page} pageCount={archive.pageCount} hrefFor={(page) => archivePath(archive.kind, archive.slug, page, locale)} locale={locale} />
      {extras.topics ? <TopicCounts topics={extras.topics} current={archive.slug} locale={locale} /> : null}
    </section>
  )
}

/** Every topic with its number of articles; the current one is marked, not linked. */
function TopicCounts({ topics, current, locale }: { topics: TopicSummary[]; current: string; locale: Locale }) {
  const t = messagesFor(locale)
  return (
    <nav className="topic-counts" aria-labelledby="topic-counts-heading" data-testid="topic-counts">
      <h2 id="topic-counts-heading" className="section-title">
        {t.chrome.allTopics}
      </h2>
      <ul>
        {topics.map((topic) => (
          <li key={topic._id}>
            {topic.slug === current ? (
              <span aria-current="page" className="topic-counts__current">
                {topic.title}
              </span>
            ) : (
              <a href={archivePath('topics', topic.slug, 1, locale)}>{topic.title}</a>
            )}{' '}
            <span className="topic-counts__count">{countOf(locale, topic.count, t.plural.articles)}</span>
          </li>
        ))}
      </ul>
    </nav>
  )
}
