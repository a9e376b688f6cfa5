'use client'

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="not-found" role="alert">
      <h1>Что-то пошло не так</h1>
      <p>Страница временно недоступна. Попробуйте обновить её через минуту.</p>
      <button type="button" className="button" onClick={reset}>
        Повторить
      </button>
    </section>
  )
}
