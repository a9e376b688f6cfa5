import type { Locale } from '@/lib/locale'
import { homePath, topicsIndexPath } from '@/lib/paths'
import { messagesFor } from '@/messages'

export function NotFoundView({ locale }: { locale: Locale }) {
  const t = messagesFor(locale).notFound
  return (
    <section className="not-found" data-testid="not-found">
      <p className="not-found__code">404</p>
      <h1>{t.title}</h1>
      <p>{t.text}</p>
      <p>
        <a href={homePath(locale)}>{t.home}</a> {t.or} <a href={topicsIndexPath(locale)}>{t.topics}</a>.
      </p>
    </section>
  )
}
