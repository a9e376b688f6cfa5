import Link from 'next/link'
import { Fragment } from 'react'
import { formatDate, pluralize } from '@/lib/format'
import { archivePath, articlePath } from '@/lib/paths'
import { MAX_QUERY_LENGTH, searchHref, type SearchNotice } from '@/lib/search/params'
import type { Facet, SearchHit, SearchOutcome, SearchRequest } from '@/lib/search/search-index'
import type { Segment } from '@/lib/search/snippet'
import { MAX_QUERY_WORDS } from '@/lib/search/text'
import { ArticleImage } from './ArticleImage'
import { Pagination } from './Pagination'

interface Props {
  request: SearchRequest
  notices: SearchNotice[]
  outcome: SearchOutcome
  facets: { topics: Facet[]; countries: Facet[] }
}

const EXAMPLES = ['переговоры Токаева', 'инфляция', 'Средний коридор', 'Astana Hub']

/** The search page: a plain GET form (works without JavaScript), what was understood, the results. */
export function SearchView({ request, notices, outcome, facets }: Props) {
  const topic = facets.topics.find((t) => t.slug === request.topic)
  const country = facets.countries.find((c) => c.slug === request.country)
  const filtered = Boolean(topic || country || request.from || request.to)
  return (
    <section className="search-page">
      <header className="section-page__header">
        <h1>Поиск</h1>
        <SearchForm key={searchHref(request)} request={request} facets={facets} />
      </header>
      <Notices notices={notices} outcome={outcome} />
      <Summary request={request} outcome={outcome} filters={describeFilters(request, topic, country)} filtered={filtered} />
      {outcome.hits.length > 0 ? (
        <ol className="search-results" data-testid="search-results">
          {outcome.hits.map((hit) => (
            <li key={hit.article._id}>
              <SearchResult hit={hit} />
            </li>
          ))}
        </ol>
      ) : null}
      <Pagination page={outcome.page} pageCount={outcome.pageCount} hrefFor={(page) => searchHref(request, page)} />
    </section>
  )
}

function SearchForm({ request, facets }: Pick<Props, 'request' | 'facets'>) {
  return (
    <form className="search-form" action="/search" method="get" role="search" aria-label="Параметры поиска">
      <div className="search-form__query">
        <label htmlFor="search-q">Что искать</label>
        <div className="search-form__row">
          <input id="search-q" type="search" name="q" defaultValue={request.q} placeholder={`Например, ${EXAMPLES[0]}`} autoComplete="off" enterKeyHint="search" />
          <button className="button" type="submit">
            Найти
          </button>
        </div>
      </div>
      <div className="search-form__filters">
        <label>
          Тема
          <select name="topic" defaultValue={request.topic ?? ''}>
            <option value="">Все темы</option>
            {facets.topics.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Страна
          <select name="country" defaultValue={request.country ?? ''}>
            <option value="">Все страны</option>
            {facets.countries.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          С даты
          <input type="date" name="from" defaultValue={request.from ?? ''} />
        </label>
        <label>
          По дату
          <input type="date" name="to" defaultValue={request.to ?? ''} />
        </label>
      </div>
    </form>
  )
}

const FIELD_NAMES = { from: 'Дата «с»', to: 'Дата «по»', topic: 'Тема', country: 'Страна' } as const

function Notices({ notices, outcome }: { notices: SearchNotice[]; outcome: SearchOutcome }) {
  const items: string[] = notices.map((notice) => {
    switch (notice.kind) {
      case 'truncated':
        return `Запрос длиннее ${MAX_QUERY_LENGTH} знаков: искали по его началу.`
      case 'bad-date':
        return `${FIELD_NAMES[notice.field]} «${notice.value}» не распознана (нужен формат ГГГГ-ММ-ДД) и не учтена.`
      case 'dates-swapped':
        return 'Начальная дата была позже конечной — мы поменяли их местами.'
      case 'bad-filter':
        return `${FIELD_NAMES[notice.field]} «${notice.value}» не найдена, фильтр не применён.`
    }
  })
  if (outcome.ignored.topic) items.push(`Темы «${outcome.ignored.topic}» нет среди опубликованных материалов, фильтр по теме не применён.`)
  if (outcome.ignored.country) items.push(`Страны «${outcome.ignored.country}» нет среди опубликованных материалов, фильтр по стране не применён.`)
  if (outcome.tooManyWords) items.push(`В запросе слишком много слов: учтены первые ${MAX_QUERY_WORDS}.`)
  if (outcome.total > 0 && outcome.mode === 'any') items.push('Материалов со всеми словами запроса нет — показаны те, где есть хотя бы одно из них.')
  if (outcome.total > 0 && outcome.mode === 'similar') items.push('Точных совпадений нет — показаны материалы с похожими словами.')
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
function describeFilters(request: SearchRequest, topic?: Facet, country?: Facet): string {
  const day = (value: string) => formatDate(`${value}T12:00:00+05:00`)
  return [
    topic ? `в теме «${topic.title}»` : '',
    country ? `страна: ${country.title}` : '',
    request.from ? `с ${day(request.from)}` : '',
    request.to ? `по ${day(request.to)}` : '',
  ]
    .filter(Boolean)
    .join(', ')
}

function found(count: number): string {
  const verb = new Intl.PluralRules('ru-RU').select(count) === 'one' ? 'найден' : 'найдено'
  return `${verb} ${pluralize(count, ['материал', 'материала', 'материалов'])}`
}

function Summary({ request, outcome, filters, filtered }: { request: SearchRequest; outcome: SearchOutcome; filters: string; filtered: boolean }) {
  const pageNote = outcome.pageCount > 1 ? ` · страница ${outcome.page} из ${outcome.pageCount}` : ''
  const withFilters = filters ? ` (${filters})` : ''
  switch (outcome.mode) {
    case 'empty':
      return (
        <div className="search-intro" data-testid="search-summary">
          <p>Введите слово или фразу: поиск учитывает формы слов — по запросу «переговоры» найдутся и «переговорах», и «переговоров».</p>
          <p>
            Например:{' '}
            {EXAMPLES.map((example, index) => (
              <Fragment key={example}>
                {index > 0 ? ', ' : null}
                <Link href={searchHref({ q: example })}>{example}</Link>
              </Fragment>
            ))}
            .
          </p>
        </div>
      )
    case 'no-words':
      return (
        <div className="search-intro" data-testid="search-summary">
          <p role="status">
            В запросе «{request.q}» нет слов для поиска: только знаки, разметка или служебные слова вроде «и», «в», «на».
          </p>
          <p>Попробуйте написать, о чём материал: имя, место, событие.</p>
        </div>
      )
    case 'browse':
      return (
        <p className="search-summary" role="status" data-testid="search-summary">
          {pluralize(outcome.total, ['материал', 'материала', 'материалов'])}
          {withFilters}, сначала новые{pageNote}
        </p>
      )
    default:
      if (outcome.total === 0) {
        return (
          <div className="search-intro" data-testid="search-summary">
            <p role="status" className="search-summary">
              По запросу «{request.q}»{withFilters} ничего не найдено.
            </p>
            <ul className="search-tips">
              <li>Проверьте, нет ли в словах опечаток.</li>
              <li>Попробуйте другие или более общие слова, или меньше слов.</li>
              {filtered ? (
                <li>
                  <Link href={searchHref({ q: request.q })}>Искать без фильтров</Link>
                </li>
              ) : null}
            </ul>
          </div>
        )
      }
      return (
        <p className="search-summary" role="status" data-testid="search-summary">
          По запросу «{request.q}»{withFilters} {found(outcome.total)}
          {pageNote}
        </p>
      )
  }
}

function Highlighted({ segments }: { segments: Segment[] }) {
  return segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <Fragment key={index}>{segment.text}</Fragment>))
}

function SearchResult({ hit }: { hit: SearchHit }) {
  const { article } = hit
  const href = articlePath(article.slug)
  return (
    <article className="search-hit">
      {article.image ? (
        <Link href={href} className="search-hit__media" tabIndex={-1} aria-hidden="true">
          <ArticleImage image={article.image} aspectRatio={4 / 3} sizes="160px" />
        </Link>
      ) : null}
      <div className="search-hit__body">
        <p className="card__meta">
          {article.topic ? (
            <Link href={archivePath('topics', article.topic.slug)} className="card__topic">
              {article.topic.title}
            </Link>
          ) : null}
          <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
        </p>
        <h2 className="search-hit__title">
          <Link href={href}>
            <Highlighted segments={hit.title} />
          </Link>
        </h2>
        <p className="search-hit__snippet">
          <Highlighted segments={hit.snippet} />
        </p>
      </div>
    </article>
  )
}
