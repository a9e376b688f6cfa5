import type { TopicPage } from '@/sanity/models'
import { articlesCount } from '@/lib/format'
import { ArticleList } from './ArticleList'
import { Pagination } from './Pagination'

export const topicPageHref = (slug: string, page: number) => (page <= 1 ? `/topics/${slug}` : `/topics/${slug}/page/${page}`)

export function TopicView({ topic }: { topic: TopicPage }) {
  return (
    <section className="section-page">
      <header className="section-page__header">
        <p className="section-page__kind">Тема</p>
        <h1>{topic.title}</h1>
        {topic.description ? <p className="section-page__description">{topic.description}</p> : null}
        <p className="section-page__count">
          {articlesCount(topic.total)}
          {topic.pageCount > 1 ? ` · страница ${topic.page} из ${topic.pageCount}` : ''}
        </p>
      </header>
      <ArticleList articles={topic.articles} />
      <Pagination page={topic.page} pageCount={topic.pageCount} hrefFor={(page) => topicPageHref(topic.slug, page)} />
    </section>
  )
}
