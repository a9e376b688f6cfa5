import { describe, expect, it } from 'vitest'
import { createSchema, usEnglishLocale, type ObjectSchemaType } from 'sanity'
import { schemaTypes } from '@/schemas'
import { translateBuiltinTitles } from '@/plugins/sanity-locale-ru-ru/builtin-titles'
import config from '@/sanity.config'
import { ruBundles, RU_LOCALE_ID } from '@/plugins/sanity-locale-ru-ru'
import { englishBundles, localeCoverage, namespaceCoverage } from '@/plugins/sanity-locale-ru-ru/coverage'

/**
 * The Russian Studio locale against the English bundles of the installed `sanity`: every namespace
 * the workspace loads (the core and its tools) is fully translated, keeps every placeholder and
 * component tag, and has the plural forms Russian needs. A `sanity` upgrade that adds strings fails
 * here until they are translated (`npm run studio:locale-coverage` lists them).
 */
describe('the Russian Studio locale', () => {
  const workspace = config as unknown as { plugins: Parameters<typeof englishBundles>[1]; i18n?: unknown }

  it('covers 100 % of every namespace the Studio loads, placeholders and plurals included', { timeout: 30_000 }, async () => {
    const rows = await localeCoverage(englishBundles(usEnglishLocale.bundles ?? [], workspace.plugins), ruBundles, ['few', 'many'])
    expect(rows.map((row) => row.namespace)).toEqual(expect.arrayContaining(['studio', 'structure', 'validation', 'presentation']))
    for (const row of rows) {
      expect({ namespace: row.namespace, missing: row.missing, mismatched: row.mismatched, plurals: row.missingPlurals }).toEqual({
        namespace: row.namespace,
        missing: [],
        mismatched: [],
        plurals: [],
      })
    }
  })

  it('adds Russian to the workspace (the last locale configured is the one the Studio starts in)', () => {
    const plugin = workspace.plugins.find((p) => (p as { name?: string }).name === 'baspa-locale-ru-ru') as { i18n?: { locales?: { id: string }[] } }
    expect(plugin?.i18n?.locales?.map((locale) => locale.id)).toEqual([RU_LOCALE_ID])
  })

  it('the check itself catches an untranslated string, a lost placeholder and a missing plural form', () => {
    const english = { a: 'Published {{time}}', b: 'Delete', c_one: 'One item', c_other: '{{count}} items' }
    const row = namespaceCoverage('x', english, { a: 'Опубликовано', c_one: '{{count}} элемент', c_other: '{{count}} элемента' }, ['few', 'many'])
    expect(row.missing).toEqual(['b'])
    expect(row.mismatched).toEqual(['a'])
    expect(row.missingPlurals).toEqual(['c_few', 'c_many'])
  })

  it('renames the English titles of built-in fields, such as the slug’s «Current slug», in the compiled schema', () => {
    const schema = createSchema({ name: 'test', types: schemaTypes })
    const slugOf = (type: string) => ((schema.get(type) as ObjectSchemaType).fields.find((f) => f.name === 'slug')!.type as ObjectSchemaType).fields
    expect(slugOf('article').find((f) => f.name === 'current')!.type.title).toBe('Current slug')
    translateBuiltinTitles(schema)
    expect(slugOf('article').find((f) => f.name === 'current')!.type.title).toBe('Текущий адрес')
    expect(slugOf('topic').find((f) => f.name === 'current')!.type.title).toBe('Текущий адрес')
  })
})
