import type { ArticleCard as Card } from '@/sanity/models'
import { ArticleCard } from './ArticleCard'
import type { Locale } from '@/lib/locale'
import { messagesFor } from '@/messages'

export function ArticleList({ articles, locale }: { articles: Card[]; locale: Locale }) {
  if (articles.length === 0) return <p className="empty">{messagesFor(locale).archive.empty}</p>
  return (
    <div className="grid grid--3" data-testid="article-list">
      {articles.map((article, index) => (
        <ArticleCard key={article._id} article={article} priority={index < 3} locale={locale} />
      ))}
    </div>
  )
}
