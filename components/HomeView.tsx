import Link from 'next/link'
import type { HomePage } from '@/sanity/content'
import { ArticleCard } from './ArticleCard'

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
              <Link href={`/topics/${section.slug}`}>{section.title}</Link>
            </h2>
            <div className="grid grid--4">
              {section.articles.map((article) => (
                <ArticleCard key={article._id} article={article} />
              ))}
            </div>
          </section>
        ))}
    </>
  )
}
