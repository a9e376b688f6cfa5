import { usEnglishLocale } from 'sanity'
import config from '../sanity.config'
import { ruBundles } from '../plugins/sanity-locale-ru-ru'
import { englishBundles, localeCoverage, percent } from '../plugins/sanity-locale-ru-ru/coverage'

/**
 * `npm run studio:locale-coverage`: how much of the English interface of the installed `sanity` (its
 * core and the tools sanity.config.ts adds) the Russian locale translates, per namespace; the last
 * line is `coverage: N %`.
 */
const plugins = (Array.isArray(config) ? config.flatMap((workspace) => workspace.plugins ?? []) : (config.plugins ?? [])) as Parameters<
  typeof englishBundles
>[1]
const rows = await localeCoverage(englishBundles(usEnglishLocale.bundles ?? [], plugins), ruBundles, ['few', 'many'])
let english = 0
let translated = 0
for (const row of rows) {
  english += row.english
  translated += row.translated
  const problems = [
    row.missing.length ? `${row.missing.length} missing` : '',
    row.mismatched.length ? `${row.mismatched.length} with other placeholders` : '',
    row.missingPlurals.length ? `${row.missingPlurals.length} plural forms missing` : '',
  ].filter(Boolean)
  console.log(
    `${row.namespace.padEnd(14)} ${String(row.translated).padStart(4)}/${String(row.english).padEnd(4)} ${percent(row.translated, row.english)} %${problems.length ? `  (${problems.join(', ')})` : ''}`,
  )
  for (const key of [...row.missing, ...row.mismatched, ...row.missingPlurals].slice(0, 10)) console.log(`  ${key}`)
}
console.log(`coverage: ${percent(translated, english)} %`)
