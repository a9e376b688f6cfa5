import type { HomePage } from '@/sanity/content'
import { countOf } from '@/lib/format'
import { ArticleCard } from './ArticleCard'
import type { Locale } from '@/lib/locale'
import { archivePath } from '@/lib/paths'
import { messagesFor } from '@/messages'

export function HomeView({ home, locale }: { home: HomePage; locale: Locale }) {
  const messages = messagesFor(locale)
  const t = messages.home
  return (
    <>
      <h1 className="visually-hidden">{t.heading}</h1>
      <section className="home-top" aria-label={t.top}>
        {home.leadStory ? (
          <div className="home-top__lead" data-testid="lead-story">
            <ArticleCard article={home.leadStory} variant="lead" priority locale={locale} />
          </div>
        ) : null}
        <div className="home-top__latest">
          <h2 className="section-title">{t.latest}</h2>
          <div className="stack" data-testid="latest-news">
            {home.latest.slice(0, 6).map((article) => (
              <ArticleCard key={article._id} article={article} variant="compact" locale={locale} />
            ))}
          </div>
        </div>
      </section>

      <section aria-label={t.more} className="home-more">
        <div className="grid grid--3">
          {home.latest.slice(6, 12).map((article) => (
            <ArticleCard key={article._id} article={article} locale={locale} />
          ))}
        </div>
      </section>

      {home.sections
        .filter((section) => section.articles.length > 0)
        .map((section) => (
          <section key={section._id} className="home-section" aria-labelledby={`section-${section.slug}`}>
            <h2 id={`section-${section.slug}`} className="section-title">
              <a href={archivePath('topics', section.slug, 1, locale)}>{section.title}</a>{' '}
              <span className="section-title__count" data-testid="section-count">
                {countOf(locale, section.count, messages.plural.articles)}
              </span>
            </h2>
            <div className="grid grid--4">
              {section.articles.map((article) => (
                <ArticleCard key={article._id} article={article} locale={locale} />
              ))}
            </div>
            {section.count > section.articles.length ? (
              <p className="home-section__more">
                <a href={archivePath('topics', section.slug, 1, locale)}>{messages.directories.allInTopic(section.title)}</a>
              </p>
            ) : null}
          </section>
        ))}
    </>
  )
}
