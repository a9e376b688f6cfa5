import { defineField, defineType } from 'sanity'
import { slugField } from '../slug-field'

export const topic = defineType({
  name: 'topic',
  title: 'Тема',
  type: 'document',
  fields: [
    defineField({ name: 'title', title: 'Название', type: 'localeString', validation: (rule) => rule.required() }),
    slugField('title.ru', 'topic'),
    defineField({ name: 'description', title: 'Описание', type: 'localeText' }),
  ],
  preview: { select: { title: 'title.ru', subtitle: 'description.ru' } },
})

export const country = defineType({
  name: 'country',
  title: 'Страна',
  type: 'document',
  fields: [
    defineField({ name: 'name', title: 'Название', type: 'localeString', validation: (rule) => rule.required() }),
    slugField('name.ru', 'country'),
    defineField({
      name: 'code',
      title: 'Код ISO 3166-1 alpha-2',
      type: 'string',
      validation: (rule) =>
        rule
          .required()
          .regex(/^[A-Z]{2}$/, { name: 'ISO-код' })
          .error('Две заглавные латинские буквы, например KZ'),
    }),
  ],
  preview: { select: { title: 'name.ru', subtitle: 'code' } },
})

export const person = defineType({
  name: 'person',
  title: 'Персона',
  type: 'document',
  fields: [
    defineField({ name: 'name', title: 'Имя', type: 'localeString', validation: (rule) => rule.required() }),
    slugField('name.ru', 'person'),
    defineField({ name: 'role', title: 'Должность', type: 'localeString' }),
    defineField({ name: 'country', title: 'Страна', type: 'reference', to: [{ type: 'country' }] }),
    defineField({ name: 'photo', title: 'Фото', type: 'figure' }),
    defineField({ name: 'bio', title: 'Справка', type: 'localeText' }),
  ],
  preview: { select: { title: 'name.ru', subtitle: 'role.ru', media: 'photo' } },
})

export const author = defineType({
  name: 'author',
  title: 'Автор',
  type: 'document',
  fields: [
    defineField({ name: 'name', title: 'Имя', type: 'localeString', validation: (rule) => rule.required() }),
    slugField('name.ru', 'author'),
    defineField({ name: 'photo', title: 'Фото', type: 'figure' }),
    defineField({ name: 'bio', title: 'О себе', type: 'localeText' }),
  ],
  preview: { select: { title: 'name.ru', subtitle: 'bio.ru', media: 'photo' } },
})
