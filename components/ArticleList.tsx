import type { ArticleCard as Card } from '@/sanity/models'
import { ArticleCard } from './ArticleCard'

export function ArticleList({ articles, emptyText = 'Пока здесь нет публикаций.' }: { articles: Card[]; emptyText?: string }) {
  if (articles.length === 0) return <p className="empty">{emptyText}</p>
  return (
    <div className="grid grid--3" data-testid="article-list">
      {articles.map((article, index) => (
        <ArticleCard key={article._id} article={article} priority={index < 3} />
      ))}
    </div>
  )
}
