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
  // Optional wherever it is used; but a figure with a caption or alt text and no image is a mistake.
  validation: (rule) => rule.custom((value: { asset?: unknown } | undefined) => (value && !value.asset ? 'Загрузите изображение или удалите поле' : true)),
})
