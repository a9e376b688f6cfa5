import type { ArticleCard } from '@/sanity/models'
import type { Locale } from '@/lib/locale'
import { archivePath } from '@/lib/paths'

/** The line above a card's headline: the article's main topic, linked to the topic's archive, and its date as `date` reads. */
export function CardMeta({ article, date, locale }: { article: Pick<ArticleCard, 'topic' | 'publishedAt'>; date: string; locale: Locale }) {
  return (
    <p className="card__meta">
      {article.topic ? (
        <a href={archivePath('topics', article.topic.slug, 1, locale)} className="card__topic">
          {article.topic.title}
        </a>
      ) : null}
      <time dateTime={article.publishedAt}>{date}</time>
    </p>
  )
}
