import { LOCALES, LOCALE_TAGS, type Locale } from '@/lib/locale'
import { homePath, type EditionPaths } from '@/lib/paths'
import { MESSAGES } from '@/messages'

/**
 * The header's language links: plain links (no JavaScript) to this page in each edition that has it
 * (an article's translation), else to that edition's home page. Each name is in its own language.
 */
export function LanguageSwitcher({ locale, editions }: { locale: Locale; editions: EditionPaths }) {
  return (
    <nav className="language-switcher" aria-label={MESSAGES[locale].chrome.languages} data-testid="language-switcher">
      <ul>
        {LOCALES.map((target) => (
          <li key={target}>
            {target === locale ? (
              <span aria-current="true" lang={LOCALE_TAGS[target].bcp47}>
                {MESSAGES[target].languageName}
              </span>
            ) : (
              <a href={editions[target] ?? homePath(target)} hrefLang={target} lang={LOCALE_TAGS[target].bcp47} data-locale={target}>
                {MESSAGES[target].languageName}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  )
}
