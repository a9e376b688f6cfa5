import { defineArrayMember, defineField, defineType } from 'sanity'

/** One document (id `siteSettings`) with what the whole site shares. */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Настройки сайта',
  type: 'document',
  fields: [
    defineField({ name: 'title', title: 'Название сайта', type: 'string', validation: (rule) => rule.required() }),
    defineField({ name: 'description', title: 'Описание сайта', type: 'text', rows: 2 }),
    defineField({
      name: 'logo',
      title: 'Логотип',
      description: 'PNG или SVG на прозрачном фоне, по высоте шапки. Без логотипа в шапке стоит название сайта.',
      type: 'image',
      fields: [defineField({ name: 'alt', title: 'Альтернативный текст', description: 'По умолчанию — название сайта.', type: 'string' })],
    }),
    defineField({
      name: 'mainNavigation',
      title: 'Темы в главном меню',
      type: 'array',
      of: [defineArrayMember({ type: 'reference', title: 'Тема', to: [{ type: 'topic' }] })],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'leadStory',
      title: 'Главная новость',
      description: 'Открывает главную страницу. Пока она не выбрана — самая свежая статья.',
      type: 'reference',
      to: [{ type: 'article' }],
    }),
  ],
  preview: { prepare: () => ({ title: 'Настройки сайта' }) },
})
