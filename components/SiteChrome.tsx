import Image from 'next/image'
import Link from 'next/link'
import { imageUrl } from '@/sanity/image'
import type { SiteSettings } from '@/sanity/models'
import { archiveIndexPath } from '@/lib/paths'

const LOGO_HEIGHT = 36
const SECTIONS_LABEL = 'Разделы'
/** The site's indexes, linked from every page's footer. */
const INDEX_LINKS = [
  { href: '/topics', text: 'Темы' },
  { href: archiveIndexPath('people'), text: 'Персоны' },
  { href: archiveIndexPath('countries'), text: 'Страны' },
  { href: '/search', text: 'Поиск' },
]

export function SiteHeader({ settings }: { settings: SiteSettings }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__logo" aria-label={`${settings.title} — на главную`}>
          {settings.logo ? (
            <Image
              src={imageUrl(settings.logo)}
              alt={settings.logo.alt}
              height={LOGO_HEIGHT}
              width={Math.round((settings.logo.width / settings.logo.height) * LOGO_HEIGHT)}
              priority
            />
          ) : (
            settings.title
          )}
        </Link>
        <nav aria-label="Рубрики" className="site-nav">
          <ul>
            {settings.navigation.map((topic) => (
              <li key={topic._id}>
                <Link href={`/topics/${topic.slug}`}>{topic.title}</Link>
              </li>
            ))}
            <li>
              <Link href="/topics">Все темы</Link>
            </li>
          </ul>
        </nav>
        <SiteSearch />
      </div>
    </header>
  )
}

/** The header's search box: a plain GET form to /search, so it works without JavaScript. */
function SiteSearch() {
  return (
    <form className="site-search" action="/search" method="get" role="search" aria-label="Поиск по сайту">
      <label htmlFor="site-search-q" className="visually-hidden">
        Поиск
      </label>
      <input id="site-search-q" className="site-search__input" type="search" name="q" placeholder="Поиск" autoComplete="off" enterKeyHint="search" />
      <button className="site-search__button" type="submit">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
          <circle cx="10.5" cy="10.5" r="6.5" />
          <path d="M15.5 15.5 21 21" />
        </svg>
        <span className="visually-hidden">Найти</span>
      </button>
    </form>
  )
}

export function SiteFooter({ settings }: { settings: SiteSettings }) {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <nav aria-label={SECTIONS_LABEL} className="site-footer__nav">
          <ul>
            {INDEX_LINKS.map((link) => (
              <li key={link.href}>
                <Link href={link.href}>{link.text}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>
          <strong>{settings.title}</strong>
          {settings.description ? ` — ${settings.description}` : null}
        </p>
        <p className="site-footer__note">Демонстрационные материалы сгенерированы для показа возможностей портала.</p>
      </div>
    </footer>
  )
}

/** Header, main landmark and footer around a page of the reader site. */
export function SiteShell({ settings, children }: { settings: SiteSettings; children: React.ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Перейти к содержанию
      </a>
      <SiteHeader settings={settings} />
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter settings={settings} />
    </>
  )
}
