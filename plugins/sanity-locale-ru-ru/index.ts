import { defineLocale, defineLocaleResourceBundle, definePlugin, type LocaleResourceBundle } from 'sanity'
import { BuiltinTitlesInRussian } from './builtin-titles'

/**
 * The Studio's own interface in Russian, as a Studio plugin in the shape of Sanity's published locales
 * (@sanity/locale-de-de and the others): one lazily loaded bundle per namespace. There is none for
 * Russian on npm. `npm run studio:locale-coverage` compares these bundles with the English ones of
 * the installed `sanity`; tests/unit/studio-locale.test.ts fails below 100 % for the namespaces the
 * newsroom's Studio loads.
 */
export const RU_LOCALE_ID = 'ru-RU'

const bundle = (namespace: string, resources: LocaleResourceBundle['resources']) => defineLocaleResourceBundle({ locale: RU_LOCALE_ID, namespace, resources })

export const ruBundles = [
  bundle('studio', () => import('./resources/studio')),
  bundle('structure', () => import('./resources/structure')),
  bundle('validation', () => import('./resources/validation')),
  bundle('presentation', () => import('./resources/presentation')),
  bundle('copy-paste', () => import('./resources/copy-paste')),
  bundle('feedback', () => import('./resources/feedback')),
]

const ruLocale = defineLocale({
  id: RU_LOCALE_ID,
  title: 'Русский',
  bundles: ruBundles,
  // ISO weeks: Monday first; the week holding 4 January is week 1; Saturday and Sunday off.
  weekInfo: { firstDay: 1, minimalDays: 4, weekend: [6, 7] },
})

/** Adds Russian to the Studio's languages. The Studio starts in the last locale configured (English comes first), so Russian is the default; an editor's own choice in the user menu is kept per browser. */
export const ruRULocale = definePlugin({
  name: 'baspa-locale-ru-ru',
  i18n: { locales: [ruLocale] },
  // Field titles of Sanity's built-in types (the slug's «Current slug»), which no locale string covers.
  studio: { components: { layout: BuiltinTitlesInRussian } },
})
