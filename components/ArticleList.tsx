import type { ArticleCard as Card } from '@/sanity/models'
import { ArticleCard } from './ArticleCard'
import type { Locale } from '@/lib/locale'
import { messagesFor } from '@/messages'

/** The first card's image is the list's largest paint; the rest of the first row is above the fold too. */
const EAGER_CARDS = 3

export function ArticleList({ articles, locale, emptyText }: { articles: Card[]; locale: Locale; emptyText?: string }) {
  if (articles.length === 0) return <p className="empty">{emptyText ?? messagesFor(locale).archive.empty}</p>
  return (
    <div className="grid grid--3" data-testid="article-list">
      {articles.map((article, index) => (
        <ArticleCard key={article._id} article={article} priority={index === 0} eager={index < EAGER_CARDS} locale={locale} />
      ))}
    </div>
  )
}
