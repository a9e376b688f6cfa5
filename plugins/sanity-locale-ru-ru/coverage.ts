import type { ImplicitLocaleResourceBundle, LocaleResourceBundle, LocaleResourceRecord } from 'sanity'

type Bundle = LocaleResourceBundle | ImplicitLocaleResourceBundle

/** How completely one locale's namespace translates the English one. */
export interface NamespaceCoverage {
  namespace: string
  english: number
  translated: number
  /** English keys with no translation (or an empty one). */
  missing: string[]
  /** Keys whose `{{variables}}` or `<Tags>` differ from the English string: the interface would lose a value. */
  mismatched: string[]
  /** English `…_other` plurals without the `_few` and `_many` forms Russian needs (i18next would fall back to English). */
  missingPlurals: string[]
}

/** `{{name}}` and `{{name, format}}` placeholders, and `<Tag>`/`<Tag/>` components: what a translation must keep. */
const tokens = (text: string) =>
  [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}|<\/?([A-Za-z][\w-]*)\s*\/?>/g)].map((match) => (match[1] ? `{{${match[1]}}}` : `<${match[2]}>`)))]
    .sort()
    .join(' ')
/** A plural form may name the number where English spells it («1 document», «One document»): Russian `_one` also covers 21, 31… */
const PLURAL_FORM = /_(zero|one|two|few|many|other)$/
const comparable = (key: string, text: string) => (PLURAL_FORM.test(key) ? tokens(text).replace('{{count}}', '').trim() : tokens(text))

async function loadResources(bundle: Bundle): Promise<LocaleResourceRecord> {
  const loaded = typeof bundle.resources === 'function' ? await bundle.resources() : bundle.resources
  return ('default' in loaded && typeof loaded.default === 'object' ? loaded.default : loaded) as LocaleResourceRecord
}

export function namespaceCoverage(
  namespace: string,
  english: LocaleResourceRecord,
  translated: LocaleResourceRecord,
  pluralForms: string[],
): NamespaceCoverage {
  const keys = Object.keys(english)
  const missing = keys.filter((key) => typeof translated[key] !== 'string' || translated[key] === '')
  const mismatched = keys.filter(
    (key) =>
      !missing.includes(key) && comparable(key, String(english[key])).replace(/\s+/g, ' ') !== comparable(key, String(translated[key])).replace(/\s+/g, ' '),
  )
  const missingPlurals = keys
    .filter((key) => key.endsWith('_other'))
    .flatMap((key) => pluralForms.map((form) => key.replace(/_other$/, `_${form}`)))
    .filter((key) => typeof translated[key] !== 'string')
  return { namespace, english: keys.length, translated: keys.length - missing.length, missing, mismatched, missingPlurals }
}

/** Coverage of every English namespace by the locale's bundles (a namespace without a bundle counts as untranslated). */
export async function localeCoverage(englishBundles: Bundle[], localeBundles: Bundle[], pluralForms: string[]) {
  const namespaces = [...new Set(englishBundles.map((bundle) => bundle.namespace))].sort()
  return Promise.all(
    namespaces.map(async (namespace) => {
      const english = Object.assign(
        {},
        ...(await Promise.all(englishBundles.filter((b) => b.namespace === namespace).map(loadResources))),
      ) as LocaleResourceRecord
      const own = localeBundles.filter((b) => b.namespace === namespace)
      const translated = Object.assign({}, ...(await Promise.all(own.map(loadResources)))) as LocaleResourceRecord
      return namespaceCoverage(namespace, english, translated, pluralForms)
    }),
  )
}

export const percent = (translated: number, total: number) => (total === 0 ? 100 : Math.floor((translated / total) * 1000) / 10)

interface PluginLike {
  i18n?: { bundles?: Bundle[] }
  plugins?: PluginLike[]
}

/** The English bundles a workspace loads: the Studio core's and those of its plugins (tools such as structure, presentation). */
export function englishBundles(core: Bundle[], plugins: PluginLike[]): Bundle[] {
  const fromPlugins = (list: PluginLike[]): Bundle[] => list.flatMap((plugin) => [...(plugin.i18n?.bundles ?? []), ...fromPlugins(plugin.plugins ?? [])])
  return [...core, ...fromPlugins(plugins)].filter((bundle) => !('locale' in bundle) || !bundle.locale || bundle.locale === 'en-US')
}
