import Link from 'next/link'

export function NotFoundView() {
  return (
    <section className="not-found" data-testid="not-found">
      <p className="not-found__code">404</p>
      <h1>Страница не найдена</h1>
      <p>Возможно, материал был перенесён или адрес набран с ошибкой.</p>
      <p>
        <Link href="/">Вернуться на главную</Link> или посмотреть <Link href="/topics">все темы</Link>.
      </p>
    </section>
  )
}
