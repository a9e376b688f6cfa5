import Link from 'next/link'
import type { HomePage } from '@/sanity/content'
import { articlesCount } from '@/lib/format'
import { archivePath } from '@/lib/paths'
import { ArticleCard } from './ArticleCard'

const ALL_IN_TOPIC = 'Все материалы темы'

export function HomeView({ home }: { home: HomePage }) {
  return (
    <>
      <h1 className="visually-hidden">Новости Казахстана и мира</h1>
      <section className="home-top" aria-label="Главное">
        {home.leadStory ? (
          <div className="home-top__lead" data-testid="lead-story">
            <ArticleCard article={home.leadStory} variant="lead" priority />
          </div>
        ) : null}
        <div className="home-top__latest">
          <h2 className="section-title">Последние новости</h2>
          <div className="stack" data-testid="latest-news">
            {home.latest.slice(0, 6).map((article) => (
              <ArticleCard key={article._id} article={article} variant="compact" />
            ))}
          </div>
        </div>
      </section>

      <section aria-label="Ещё новости" className="home-more">
        <div className="grid grid--3">
          {home.latest.slice(6, 12).map((article) => (
            <ArticleCard key={article._id} article={article} />
          ))}
        </div>
      </section>

      {home.sections
        .filter((section) => section.articles.length > 0)
        .map((section) => (
          <section key={section._id} className="home-section" aria-labelledby={`section-${section.slug}`}>
            <h2 id={`section-${section.slug}`} className="section-title">
              <Link href={archivePath('topics', section.slug)}>{section.title}</Link>{' '}
              <span className="section-title__count" data-testid="section-count">
                {articlesCount(section.count)}
              </span>
            </h2>
            <div className="grid grid--4">
              {section.articles.map((article) => (
                <ArticleCard key={article._id} article={article} />
              ))}
            </div>
            {section.count > section.articles.length ? (
              <p className="home-section__more">
                <Link href={archivePath('topics', section.slug)}>
                  {ALL_IN_TOPIC} «{section.title}» →
                </Link>
              </p>
            ) : null}
          </section>
        ))}
    </>
  )
}
