import { defineArrayMember, defineField, defineType } from 'sanity'
import { LOCALES } from '../objects/localeString'

/**
 * Links an article to its translations: one document per set, its `translations[]` each a reference
 * to the article in one language. The shape of `@sanity/document-internationalization`
 * (`translation.metadata`, `translations[].value`, `_key` = the language when the plugin writes it),
 * so a project can adopt that plugin later without migrating; the site reads the language from the
 * referenced article itself, so entries added here by hand work too.
 */
export const translationMetadata = defineType({
  name: 'translation.metadata',
  title: 'Переводы статьи',
  type: 'document',
  fields: [
    defineField({
      name: 'translations',
      title: 'Одна статья на разных языках',
      description: 'По одной статье на каждый язык: русская, казахская, английская версии одного материала.',
      type: 'array',
      of: [
        defineArrayMember({
          type: 'object',
          name: 'internationalizedArrayReferenceValue',
          title: 'Перевод',
          fields: [
            defineField({ name: 'value', title: 'Статья', type: 'reference', to: [{ type: 'article' }], weak: true, validation: (rule) => rule.required() }),
          ],
          preview: {
            select: { title: 'value.title', language: 'value.language' },
            prepare: ({ title, language }) => ({ title, subtitle: LOCALES.find((l) => l.id === language)?.title }),
          },
        }),
      ],
      validation: (rule) =>
        rule
          .min(2)
          .error('Нужны хотя бы две статьи: оригинал и перевод')
          .custom(async (items, context) => {
            const ids = (items ?? []).map((item) => (item as { value?: { _ref?: string } }).value?._ref).filter((id): id is string => Boolean(id))
            if (new Set(ids).size !== ids.length) return 'Одна и та же статья указана дважды'
            const client = context.getClient({ apiVersion: '2025-02-19' })
            const languages: (string | null)[] = await client.fetch('*[_id in $ids]{ "language": coalesce(language, "ru") }.language', { ids })
            return new Set(languages).size === languages.length ? true : 'На каждый язык — одна статья: два перевода на одном языке'
          }),
    }),
    defineField({ name: 'schemaTypes', title: 'Типы документов', type: 'array', of: [{ type: 'string' }], hidden: true, initialValue: ['article'] }),
  ],
  preview: {
    select: { ru: 'translations.0.value.title', count: 'translations' },
    prepare: ({ ru, count }) => ({ title: ru ?? 'Переводы', subtitle: `${Array.isArray(count) ? count.length : 0} языка` }),
  },
})
