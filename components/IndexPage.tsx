/** The frame of an index page (people, countries): its one h1, a line of introduction, the list. */
export function IndexPage({ title, intro, children }: { title: string; intro: string; children: React.ReactNode }) {
  return (
    <section className="section-page">
      <header className="section-page__header">
        <h1>{title}</h1>
        <p className="section-page__description">{intro}</p>
      </header>
      {children}
    </section>
  )
}
