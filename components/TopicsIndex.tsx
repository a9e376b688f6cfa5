import Link from 'next/link'
import type { TopicSummary } from '@/sanity/models'
import { articlesCount } from '@/lib/format'

export function TopicsIndex({ topics }: { topics: TopicSummary[] }) {
  return (
    <section className="section-page">
      <header className="section-page__header">
        <h1>Темы</h1>
      </header>
      <ul className="topic-index">
        {topics.map((topic) => (
          <li key={topic._id} className="topic-index__item">
            <Link href={`/topics/${topic.slug}`} className="topic-index__title">
              {topic.title}
            </Link>
            <span className="topic-index__count">{articlesCount(topic.count)}</span>
            {topic.description ? <p className="topic-index__description">{topic.description}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
