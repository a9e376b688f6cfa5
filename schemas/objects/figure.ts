import { defineField, defineType } from 'sanity'

/** An image as the newsroom publishes it: alt text is mandatory, caption and credit are printed under it. */
export const figure = defineType({
  name: 'figure',
  title: 'Изображение',
  type: 'image',
  // The crop tool's previews, named in Russian (Sanity's defaults are «Square» and «Panorama»).
  options: {
    hotspot: {
      previews: [
        { title: '3:4', aspectRatio: 3 / 4 },
        { title: 'Квадрат', aspectRatio: 1 },
        { title: '16:9', aspectRatio: 16 / 9 },
        { title: 'Панорама', aspectRatio: 4 },
      ],
    },
  },
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
