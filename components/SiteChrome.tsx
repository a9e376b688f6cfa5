import { getImageProps } from 'next/image'
import { imageUrl } from '@/sanity/image'
import type { SiteSettings } from '@/sanity/models'
import type { Locale } from '@/lib/locale'
import { archiveIndexPath, archivePath, homePath, searchPath, topicsIndexPath, type EditionPaths } from '@/lib/paths'
import { messagesFor } from '@/messages'
import { LanguageSwitcher } from './LanguageSwitcher'

const LOGO_HEIGHT = 36
/** The site's indexes, linked from every page's footer. */
function indexLinks(locale: Locale) {
  const t = messagesFor(locale)
  return [
    { href: archiveIndexPath('topics', locale), text: t.directories.names.topics },
    { href: archiveIndexPath('people', locale), text: t.directories.names.people },
    { href: archiveIndexPath('countries', locale), text: t.directories.names.countries },
    { href: searchPath(locale), text: t.chrome.search },
  ]
}

/** A plain `<img>` from next/image's props: the logo needs no client component (see ArticleImage). */
function SiteLogo({ logo }: { logo: NonNullable<SiteSettings['logo']> }) {
  const { props } = getImageProps({
    src: imageUrl(logo),
    alt: logo.alt,
    height: LOGO_HEIGHT,
    width: Math.round((logo.width / logo.height) * LOGO_HEIGHT),
    loading: 'eager',
  })
  // eslint-disable-next-line @next/next/no-img-element -- the props are next/image's own (above)
  return <img {...props} alt={logo.alt} />
}

function SiteHeader({ settings, locale, editions }: { settings: SiteSettings; locale: Locale; editions: EditionPaths }) {
  const t = messagesFor(locale).chrome
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a href={homePath(locale)} className="site-header__logo" aria-label={t.toHome(settings.title)}>
          {settings.logo ? <SiteLogo logo={settings.logo} /> : settings.title}
        </a>
        <nav aria-label={t.sections} className="site-nav">
          <ul>
            {settings.navigation.map((topic) => (
              <li key={topic._id}>
                <a href={archivePath('topics', topic.slug, 1, locale)}>{topic.title}</a>
              </li>
            ))}
            <li>
              <a href={topicsIndexPath(locale)}>{t.allTopics}</a>
            </li>
          </ul>
        </nav>
        <SiteSearch locale={locale} />
        <LanguageSwitcher locale={locale} editions={editions} />
      </div>
    </header>
  )
}

/** The header's search box: a plain GET form to the edition's search page, so it works without JavaScript. */
function SiteSearch({ locale }: { locale: Locale }) {
  const t = messagesFor(locale).chrome
  return (
    <form className="site-search" action={searchPath(locale)} method="get" role="search" aria-label={t.siteSearch}>
      <label htmlFor="site-search-q" className="visually-hidden">
        {t.search}
      </label>
      <input id="site-search-q" className="site-search__input" type="search" name="q" placeholder={t.search} autoComplete="off" enterKeyHint="search" />
      <button className="site-search__button" type="submit">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
          <circle cx="10.5" cy="10.5" r="6.5" />
          <path d="M15.5 15.5 21 21" />
        </svg>
        <span className="visually-hidden">{t.find}</span>
      </button>
    </form>
  )
}

function SiteFooter({ settings, locale }: { settings: SiteSettings; locale: Locale }) {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <nav aria-label={messagesFor(locale).directories.indexes} className="site-footer__nav">
          <ul>
            {indexLinks(locale).map((link) => (
              <li key={link.href}>
                <a href={link.href}>{link.text}</a>
              </li>
            ))}
          </ul>
        </nav>
        <p>
          <strong>{settings.title}</strong>
          {/* The settings' description is written in Russian: the other editions print their tagline. */}
          {settings.description && locale === 'ru' ? ` — ${settings.description}` : null}
        </p>
        <p className="site-footer__note">{messagesFor(locale).chrome.footerNote}</p>
      </div>
    </footer>
  )
}

/**
 * Header, main landmark and footer around a page of the reader site. Each page draws it (not the
 * layout), because the language switcher needs the page's own addresses in the other editions.
 */
export function SiteShell({
  settings,
  locale,
  editions,
  children,
}: {
  settings: SiteSettings
  locale: Locale
  editions: EditionPaths
  children: React.ReactNode
}) {
  return (
    <>
      <a href="#main" className="skip-link">
        {messagesFor(locale).chrome.skipLink}
      </a>
      <SiteHeader settings={settings} locale={locale} editions={editions} />
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter settings={settings} locale={locale} />
    </>
  )
}
