import type { Article, ArticleCard as ArticleCardData } from '@/sanity/models'
import { formatDateTime } from '@/lib/format'
import { ArticleBody } from './ArticleBody'
import { ArticleCard } from './ArticleCard'
import { Figure } from './Figure'
import { archivePath } from '@/lib/paths'
import type { Locale } from '@/lib/locale'
import { messagesFor } from '@/messages'

export function ArticleView({ article, related, locale }: { article: Article; related: ArticleCardData[]; locale: Locale }) {
  const mainTopic = article.topics[0]
  const t = messagesFor(locale).article
  const link = (kind: 'topics' | 'people' | 'countries' | 'authors', slug: string) => archivePath(kind, slug, 1, locale)
  return (
    <article className="article">
      <header className="article__header">
        {mainTopic ? (
          <p className="article__kicker">
            <a href={link('topics', mainTopic.slug)}>{mainTopic.title}</a>
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
                  <a className="article__author" href={link('authors', author.slug)} rel="author">
                    {author.name}
                  </a>
                </span>
              ))}
            </p>
          ) : null}
          <p className="article__dates">
            <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt, locale)}</time>
            {article.updatedAt && article.updatedAt > article.publishedAt ? (
              <>
                {` · ${t.updated} `}
                <time dateTime={article.updatedAt}>{formatDateTime(article.updatedAt, locale)}</time>
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
        <TagList
          label={t.topics}
          testId="article-topics"
          items={article.topics.map((topic) => ({ key: topic._id, href: link('topics', topic.slug), text: topic.title }))}
        />
        <TagList
          label={t.people}
          testId="article-people"
          items={article.people.map((p) => ({ key: p._id, href: link('people', p.slug), text: p.name, title: p.role }))}
        />
        <TagList
          label={t.countries}
          testId="article-countries"
          items={article.countries.map((c) => ({ key: c._id, href: link('countries', c.slug), text: c.name }))}
        />
      </footer>

      {related.length > 0 ? (
        <aside className="related" aria-labelledby="related-heading">
          <h2 id="related-heading" className="section-title">
            {t.related}
          </h2>
          <div className="grid grid--3">
            {related.map((card) => (
              <ArticleCard key={card._id} article={card} locale={locale} />
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
            <a href={item.href} title={item.title}>
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
