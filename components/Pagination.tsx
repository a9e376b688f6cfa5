import type { Locale } from '@/lib/locale'
import { messagesFor } from '@/messages'

interface Props {
  page: number
  pageCount: number
  /** URL of page N (page 1 is the section's own URL). */
  hrefFor: (page: number) => string
  locale: Locale
}

export function Pagination({ page, pageCount, hrefFor, locale }: Props) {
  if (pageCount <= 1) return null
  const t = messagesFor(locale).pagination
  const links = [
    { rel: 'first', label: t.first, target: 1, show: page > 1 },
    { rel: 'prev', label: t.prev, target: page - 1, show: page > 1 },
    { rel: 'next', label: t.next, target: page + 1, show: page < pageCount },
    { rel: 'last', label: t.last, target: pageCount, show: page < pageCount },
  ]
  return (
    <nav className="pagination" aria-label={t.label}>
      {links.slice(0, 2).map((link) => (
        <PageLink key={link.rel} {...link} href={hrefFor(link.target)} />
      ))}
      <span className="pagination__current" aria-current="page">
        {t.pageOf(page, pageCount)}
      </span>
      {links.slice(2).map((link) => (
        <PageLink key={link.rel} {...link} href={hrefFor(link.target)} />
      ))}
    </nav>
  )
}

function PageLink({ rel, label, href, show }: { rel: string; label: string; href: string; show: boolean }) {
  if (!show)
    return (
      <span className="pagination__link pagination__link--disabled" aria-hidden="true">
        {label}
      </span>
    )
  return (
    <a className="pagination__link" href={href} rel={rel === 'prev' || rel === 'next' ? rel : undefined} data-rel={rel}>
      {label}
    </a>
  )
}
