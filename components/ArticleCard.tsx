import type { ArticleCard as Card } from '@/sanity/models'
import { formatCardDate } from '@/lib/format'
import { ArticleImage } from './ArticleImage'
import { articlePath } from '@/lib/paths'
import { CardMeta } from './CardMeta'
import type { Locale } from '@/lib/locale'

interface Props {
  article: Card
  variant?: 'lead' | 'default' | 'compact'
  /** The page's main image (preloaded, high priority). */
  priority?: boolean
  /** Above the fold: not lazy. */
  eager?: boolean
  locale: Locale
}

export function ArticleCard({ article, variant = 'default', priority = false, eager = false, locale }: Props) {
  const href = articlePath(article.slug, locale)
  const Heading = variant === 'lead' ? 'h2' : 'h3'
  return (
    <article className={`card card--${variant}`}>
      {article.image && variant !== 'compact' ? (
        <a href={href} className="card__media" tabIndex={-1} aria-hidden="true">
          <ArticleImage
            image={article.image}
            sizes={variant === 'lead' ? '(min-width: 1100px) 720px, 100vw' : '(min-width: 1100px) 340px, (min-width: 700px) 45vw, 100vw'}
            priority={priority}
            eager={eager}
          />
        </a>
      ) : null}
      <div className="card__body">
        <CardMeta article={article} date={formatCardDate(article.publishedAt, undefined, locale)} locale={locale} />
        <Heading className="card__title">
          <a href={href}>{article.title}</a>
        </Heading>
        {variant !== 'compact' ? <p className="card__lead">{article.lead}</p> : null}
      </div>
    </article>
  )
}
