import { defineField, defineType } from 'sanity'

/** The languages readers see names in; Russian is the newsroom's default and always required. */
export const LOCALES = [
  { id: 'ru', title: 'Русский' },
  { id: 'kk', title: 'Қазақша' },
  { id: 'en', title: 'English' },
] as const

export const localeString = defineType({
  name: 'localeString',
  title: 'Название на трёх языках',
  type: 'object',
  fields: LOCALES.map((locale) =>
    defineField({
      name: locale.id,
      title: locale.title,
      type: 'string',
      validation: locale.id === 'ru' ? (rule) => rule.required().error('Название на русском обязательно') : undefined,
    }),
  ),
})

export const localeText = defineType({
  name: 'localeText',
  title: 'Текст на трёх языках',
  type: 'object',
  fields: LOCALES.map((locale) => defineField({ name: locale.id, title: locale.title, type: 'text', rows: 3 })),
})
