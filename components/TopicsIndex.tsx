import type { TopicSummary } from '@/sanity/models'
import { countOf } from '@/lib/format'
import type { Locale } from '@/lib/locale'
import { archivePath } from '@/lib/paths'
import { messagesFor } from '@/messages'

export function TopicsIndex({ topics, locale }: { topics: TopicSummary[]; locale: Locale }) {
  const t = messagesFor(locale)
  return (
    <section className="section-page">
      <header className="section-page__header">
        <h1>{t.topicsIndex.heading}</h1>
      </header>
      <ul className="topic-index">
        {topics.map((topic) => (
          <li key={topic._id} className="topic-index__item">
            <a href={archivePath('topics', topic.slug, 1, locale)} className="topic-index__title">
              {topic.title}
            </a>
            <span className="topic-index__count">{countOf(locale, topic.count, t.plural.articles)}</span>
            {topic.description ? <p className="topic-index__description">{topic.description}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
