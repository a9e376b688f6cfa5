import type { ArticleCard as Card } from '@/sanity/models'
import { ArticleCard } from './ArticleCard'

/** The first card's image is the list's largest paint; the rest of the first row is above the fold too. */
const EAGER_CARDS = 3

export function ArticleList({ articles, emptyText = 'Пока здесь нет публикаций.' }: { articles: Card[]; emptyText?: string }) {
  if (articles.length === 0) return <p className="empty">{emptyText}</p>
  return (
    <div className="grid grid--3" data-testid="article-list">
      {articles.map((article, index) => (
        <ArticleCard key={article._id} article={article} priority={index === 0} eager={index < EAGER_CARDS} />
      ))}
    </div>
  )
}
