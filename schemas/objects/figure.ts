import { defineField, defineType } from 'sanity'

/** An image as the newsroom publishes it: alt text is mandatory, caption and credit are printed under it. */
export const figure = defineType({
  name: 'figure',
  title: 'Изображение',
  type: 'image',
  options: { hotspot: true },
  fields: [
    defineField({
      name: 'alt',
      title: 'Альтернативный текст',
      description: 'Что изображено — для незрячих читателей и поисковиков.',
      type: 'string',
      validation: (rule) => rule.required().error('Добавьте альтернативный текст').max(200),
    }),
    defineField({ name: 'caption', title: 'Подпись', type: 'string', validation: (rule) => rule.max(300) }),
    defineField({ name: 'credit', title: 'Автор / источник', type: 'string', validation: (rule) => rule.max(120) }),
  ],
  validation: (rule) => rule.required().assetRequired().error('Загрузите изображение'),
})
