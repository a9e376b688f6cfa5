import Link from 'next/link'
import type { Article, ArticleCard as ArticleCardData } from '@/sanity/models'
import { formatDateTime } from '@/lib/format'
import { ArticleBody } from './ArticleBody'
import { ArticleCard } from './ArticleCard'
import { Figure } from './Figure'
import { archivePath } from '@/lib/paths'

export function ArticleView({ article, related }: { article: Article; related: ArticleCardData[] }) {
  const mainTopic = article.topics[0]
  return (
    <article className="article">
      <header className="article__header">
        {mainTopic ? (
          <p className="article__kicker">
            <Link href={archivePath('topics', mainTopic.slug)}>{mainTopic.title}</Link>
          </p>
        ) : null}
        <h1 className="article__title">{article.title}</h1>
        <p className="article__lead">{article.lead}</p>
        <div className="article__byline">
          {article.authors.length > 0 ? (
            <p className="article__authors">
              {article.authors.map((author, i) => (
                <span key={author._id}>
                  {i > 0 ? ', ' : ''}
                  <Link className="article__author" href={archivePath('authors', author.slug)} rel="author">
                    {author.name}
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
          <p className="article__dates">
            <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt)}</time>
            {article.updatedAt && article.updatedAt > article.publishedAt ? (
              <>
                {' · обновлено '}
                <time dateTime={article.updatedAt}>{formatDateTime(article.updatedAt)}</time>
              </>
            ) : null}
          </p>
        </div>
      </header>

      {article.image ? (
        <Figure image={article.image} className="article__figure article__figure--main" sizes="(min-width: 1100px) 960px, 100vw" priority />
      ) : null}

      <ArticleBody body={article.body} />

      <footer className="article__footer">
        <TagList label="Темы" testId="article-topics" items={article.topics.map((t) => ({ key: t._id, href: archivePath('topics', t.slug), text: t.title }))} />
        <TagList label="Персоны" testId="article-people" items={article.people.map((p) => ({ key: p._id, href: archivePath('people', p.slug), text: p.name, title: p.role }))} />
        <TagList label="Страны" testId="article-countries" items={article.countries.map((c) => ({ key: c._id, href: archivePath('countries', c.slug), text: c.name }))} />
      </footer>

      {related.length > 0 ? (
        <aside className="related" aria-labelledby="related-heading">
          <h2 id="related-heading" className="section-title">
            Читайте также
          </h2>
          <div className="grid grid--3">
            {related.map((card) => (
              <ArticleCard key={card._id} article={card} />
            ))}
          </div>
        </aside>
      ) : null}
    </article>
  )
}

interface Tag {
  key: string
  href: string
  text: string
  title?: string
}

function TagList({ label, items, testId }: { label: string; items: Tag[]; testId: string }) {
  if (items.length === 0) return null
  return (
    <nav className="tags" aria-label={label} data-testid={testId}>
      <span className="tags__label">{label}:</span>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <Link href={item.href} title={item.title}>
              {item.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
