import { defineField, defineType } from 'sanity'

/** Overrides for search engines and social cards; empty fields fall back to the document's own. */
export const seo = defineType({
  name: 'seo',
  title: 'SEO',
  type: 'object',
  options: { collapsible: true, collapsed: true },
  fields: [
    defineField({ name: 'title', title: 'Заголовок для поисковиков', type: 'string', validation: (rule) => rule.max(70) }),
    defineField({ name: 'description', title: 'Описание для поисковиков', type: 'text', rows: 2, validation: (rule) => rule.max(160) }),
    defineField({ name: 'noindex', title: 'Не индексировать', type: 'boolean', initialValue: false }),
  ],
})
