/** Shown on every page while an editor previews unpublished changes, with the way out. */
export function DraftModeBanner() {
  return (
    <div className="draft-banner" role="status" data-testid="draft-mode-banner">
      <strong>Предпросмотр.</strong> Вы видите неопубликованные правки — читатели их не видят.{' '}
      {/* A route handler, not a page (the lint rule takes it for [locale]/[...unknown]): a full request clears the cookie. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
      <a href="/api/draft-mode/disable" className="draft-banner__exit">
        Выйти из предпросмотра
      </a>
    </div>
  )
}
