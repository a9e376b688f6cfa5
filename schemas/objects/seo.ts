import { defineField, defineType } from 'sanity'
import { withCharacterCount } from '../character-count'

/** What search engines show before cutting: a title of about 70 characters, a description of about 160. */
const TITLE_MAX = 70
const DESCRIPTION_MAX = 160

/** Overrides for search engines and social cards; empty fields fall back to the document's own. */
export const seo = defineType({
  name: 'seo',
  title: 'SEO',
  type: 'object',
  options: { collapsible: true, collapsed: true },
  fields: [
    defineField({
      name: 'title',
      title: 'Заголовок для поисковиков',
      type: 'string',
      validation: (rule) => rule.max(TITLE_MAX),
      components: { input: withCharacterCount(TITLE_MAX, 'error') },
    }),
    defineField({
      name: 'description',
      title: 'Описание для поисковиков',
      type: 'text',
      rows: 2,
      validation: (rule) => rule.max(DESCRIPTION_MAX),
      components: { input: withCharacterCount(DESCRIPTION_MAX, 'error') },
    }),
    defineField({ name: 'noindex', title: 'Не индексировать', type: 'boolean', initialValue: false }),
  ],
})
