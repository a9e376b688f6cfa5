import { Fragment } from 'react'
import { countOf, formatDate } from '@/lib/format'
import type { Locale } from '@/lib/locale'
import { articlePath } from '@/lib/paths'
import { MAX_QUERY_LENGTH, searchHref, type SearchNotice } from '@/search/params'
import type { Facet, SearchHit, SearchOutcome, SearchRequest } from '@/search/search-index'
import type { Segment } from '@/search/snippet'
import { MAX_QUERY_WORDS } from '@/search/text'
import { messagesFor, type Messages } from '@/messages'
import { ArticleImage } from './ArticleImage'
import { CardMeta } from './CardMeta'
import { Pagination } from './Pagination'

interface Props {
  request: SearchRequest
  notices: SearchNotice[]
  outcome: SearchOutcome
  facets: { topics: Facet[]; countries: Facet[] }
  locale: Locale
}

/** The search page: a plain GET form (works without JavaScript), what was understood, the results. */
export function SearchView({ request, notices, outcome, facets, locale }: Props) {
  const t = messagesFor(locale)
  const topic = facets.topics.find((t) => t.slug === request.topic)
  const country = facets.countries.find((c) => c.slug === request.country)
  const filtered = Boolean(topic || country || request.from || request.to)
  return (
    <section className="search-page">
      <header className="section-page__header">
        <h1>{t.search.title}</h1>
        <SearchForm key={searchHref(request)} request={request} facets={facets} t={t} />
      </header>
      <Notices notices={notices} outcome={outcome} t={t} />
      <Summary request={request} outcome={outcome} filters={describeFilters(request, t, topic, country)} filtered={filtered} t={t} />
      {outcome.hits.length > 0 ? (
        <ol className="search-results" data-testid="search-results">
          {outcome.hits.map((hit) => (
            <li key={hit.article._id}>
              <SearchResult hit={hit} locale={locale} />
            </li>
          ))}
        </ol>
      ) : null}
      <Pagination page={outcome.page} pageCount={outcome.pageCount} hrefFor={(page) => searchHref(request, page)} locale={locale} />
    </section>
  )
}

/** What every part of the page gets: the edition's messages. */
type Strings = { t: Messages }

function SearchForm({ request, facets, t }: Pick<Props, 'request' | 'facets'> & Strings) {
  const s = t.search
  return (
    <form className="search-form" action={searchHref({ language: request.language })} method="get" role="search" aria-label={s.formLabel}>
      <div className="search-form__query">
        <label htmlFor="search-q">{s.queryLabel}</label>
        <div className="search-form__row">
          <input
            id="search-q"
            type="search"
            name="q"
            defaultValue={request.q}
            placeholder={s.placeholder(s.examples[0] ?? '')}
            autoComplete="off"
            enterKeyHint="search"
          />
          <button className="button" type="submit">
            {t.chrome.find}
          </button>
        </div>
      </div>
      <div className="search-form__filters">
        <label>
          {s.topic}
          <select name="topic" defaultValue={request.topic ?? ''}>
            <option value="">{s.anyTopic}</option>
            {facets.topics.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.country}
          <select name="country" defaultValue={request.country ?? ''}>
            <option value="">{s.anyCountry}</option>
            {facets.countries.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.from}
          <input type="date" name="from" defaultValue={request.from ?? ''} />
        </label>
        <label>
          {s.to}
          <input type="date" name="to" defaultValue={request.to ?? ''} />
        </label>
      </div>
    </form>
  )
}

function Notices({ notices, outcome, t }: { notices: SearchNotice[]; outcome: SearchOutcome } & Strings) {
  const { notices: say, fieldNames } = t.search
  const items: string[] = notices.map((notice) => {
    switch (notice.kind) {
      case 'truncated':
        return say.truncated(MAX_QUERY_LENGTH)
      case 'bad-date':
        return say.badDate(fieldNames[notice.field], notice.value)
      case 'dates-swapped':
        return say.datesSwapped
      case 'bad-filter':
        return say.badFilter(fieldNames[notice.field], notice.value)
    }
  })
  if (outcome.ignored.topic) items.push(say.unknownTopic(outcome.ignored.topic))
  if (outcome.ignored.country) items.push(say.unknownCountry(outcome.ignored.country))
  if (outcome.tooManyWords) items.push(say.tooManyWords(MAX_QUERY_WORDS))
  if (outcome.total > 0 && outcome.mode === 'any') items.push(say.anyWords)
  if (outcome.total > 0 && outcome.mode === 'similar') items.push(say.similar)
  if (items.length === 0) return null
  return (
    <ul className="search-notices" data-testid="search-notices">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  )
}

/** «в теме «Торговля», страна: Китай, с 1 ноября 2026 г. по 30 ноября 2026 г.» */
function describeFilters(request: SearchRequest, t: Messages, topic?: Facet, country?: Facet): string {
  const day = (value: string) => formatDate(`${value}T12:00:00+05:00`, request.language)
  const say = t.search.filters
  return [
    topic ? say.topic(topic.title) : '',
    country ? say.country(country.title) : '',
    request.from ? say.from(day(request.from)) : '',
    request.to ? say.to(day(request.to)) : '',
  ]
    .filter(Boolean)
    .join(', ')
}

function Summary({ request, outcome, filters, filtered, t }: { request: SearchRequest; outcome: SearchOutcome; filters: string; filtered: boolean } & Strings) {
  const s = t.search
  const pageNote = outcome.pageCount > 1 ? ` · ${t.pagination.pageNote(outcome.page, outcome.pageCount)}` : ''
  const withFilters = filters ? ` (${filters})` : ''
  switch (outcome.mode) {
    case 'empty':
      return (
        <div className="search-intro" data-testid="search-summary">
          <p>{s.intro}</p>
          <p>
            {s.forExample}{' '}
            {s.examples.map((example, index) => (
              <Fragment key={example}>
                {index > 0 ? ', ' : null}
                <a href={searchHref({ q: example, language: request.language })}>{example}</a>
              </Fragment>
            ))}
            .
          </p>
        </div>
      )
    case 'no-words':
      return (
        <div className="search-intro" data-testid="search-summary">
          <p role="status">{s.noWords(request.q)}</p>
          <p>{s.noWordsHint}</p>
        </div>
      )
    case 'browse':
      return (
        <p className="search-summary" role="status" data-testid="search-summary">
          {countOf(request.language ?? 'ru', outcome.total, t.plural.materials)}
          {withFilters}, {s.newestFirst}
          {pageNote}
        </p>
      )
    default:
      if (outcome.total === 0) {
        return (
          <div className="search-intro" data-testid="search-summary">
            <p role="status" className="search-summary">
              {s.nothingFound(request.q, withFilters)}
            </p>
            <ul className="search-tips">
              <li>{s.tipSpelling}</li>
              <li>{s.tipWords}</li>
              {filtered ? (
                <li>
                  <a href={searchHref({ q: request.q, language: request.language })}>{s.withoutFilters}</a>
                </li>
              ) : null}
            </ul>
          </div>
        )
      }
      return (
        <p className="search-summary" role="status" data-testid="search-summary">
          {s.found(request.q, withFilters, outcome.total)}
          {pageNote}
        </p>
      )
  }
}

function Highlighted({ segments }: { segments: Segment[] }) {
  return segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <Fragment key={index}>{segment.text}</Fragment>))
}

function SearchResult({ hit, locale }: { hit: SearchHit; locale: Locale }) {
  const { article } = hit
  const href = articlePath(article.slug, locale)
  return (
    <article className="search-hit">
      {article.image ? (
        <a href={href} className="search-hit__media" tabIndex={-1} aria-hidden="true">
          <ArticleImage image={article.image} aspectRatio={4 / 3} sizes="160px" />
        </a>
      ) : null}
      <div className="search-hit__body">
        <CardMeta article={article} date={formatDate(article.publishedAt, locale)} locale={locale} />
        <h2 className="search-hit__title">
          <a href={href}>
            <Highlighted segments={hit.title} />
          </a>
        </h2>
        <p className="search-hit__snippet">
          <Highlighted segments={hit.snippet} />
        </p>
      </div>
    </article>
  )
}
