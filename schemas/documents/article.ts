import { defineArrayMember, defineField, defineType } from 'sanity'
import { LOCALES } from '../objects/localeString'
import { slugField } from '../slug-field'
import { withCharacterCount } from '../character-count'

/** Limits editors see counted live (../character-count.tsx) and validation enforces. */
const TITLE_MAX = 140
const LEAD_MAX = 300

/** A list item referring to one document type; titled, or the Studio calls it «Reference». */
const reference = (to: string, title: string) => defineArrayMember({ type: 'reference', title, to: [{ type: to }] })

export const article = defineType({
  name: 'article',
  title: 'Статья',
  type: 'document',
  groups: [
    { name: 'content', title: 'Текст', default: true },
    { name: 'tags', title: 'Разметка' },
    { name: 'meta', title: 'Публикация' },
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Заголовок',
      type: 'string',
      group: 'content',
      validation: (rule) => [rule.required().error('Заголовок обязателен'), rule.max(TITLE_MAX).warning('Длинный заголовок обрежется в выдаче')],
      components: { input: withCharacterCount(TITLE_MAX, 'warning') },
    }),
    { ...slugField('title', 'article'), group: 'content' },
    defineField({
      name: 'previousSlugs',
      title: 'Прежние адреса',
      description:
        'Заполняется при публикации, когда адрес статьи меняется: по этим адресам читатели попадают на текущий (301). Удалите адрес, чтобы он перестал перенаправлять.',
      type: 'array',
      of: [defineArrayMember({ type: 'string' })],
      group: 'meta',
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'lead',
      title: 'Лид',
      description: `Одно-два предложения над текстом; до ${LEAD_MAX} знаков.`,
      type: 'text',
      rows: 3,
      group: 'content',
      validation: (rule) => [rule.required().error('Лид обязателен'), rule.max(LEAD_MAX).error(`Лид не длиннее ${LEAD_MAX} знаков`)],
      components: { input: withCharacterCount(LEAD_MAX, 'error') },
    }),
    defineField({ name: 'mainImage', title: 'Главное изображение', type: 'figure', group: 'content' }),
    defineField({ name: 'body', title: 'Текст', type: 'blockContent', group: 'content' }),
    defineField({
      name: 'topics',
      title: 'Темы',
      description: 'Первая тема — основная рубрика статьи.',
      type: 'array',
      group: 'tags',
      of: [reference('topic', 'Тема')],
      validation: (rule) => rule.required().min(1).error('Выберите хотя бы одну тему').unique(),
    }),
    defineField({ name: 'people', title: 'Персоны', type: 'array', group: 'tags', of: [reference('person', 'Персона')], validation: (rule) => rule.unique() }),
    defineField({
      name: 'countries',
      title: 'Страны',
      type: 'array',
      group: 'tags',
      of: [reference('country', 'Страна')],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'authors',
      title: 'Авторы',
      type: 'array',
      group: 'meta',
      of: [reference('author', 'Автор')],
      validation: (rule) => rule.required().min(1).error('Укажите автора').unique(),
    }),
    defineField({
      name: 'publishedAt',
      title: 'Дата публикации',
      description: 'Дата в будущем — статья появится на сайте в этот момент.',
      type: 'datetime',
      group: 'meta',
      initialValue: () => new Date().toISOString(),
      validation: (rule) => rule.required().error('Укажите дату публикации'),
    }),
    defineField({
      name: 'updatedAt',
      title: 'Дата обновления',
      type: 'datetime',
      group: 'meta',
      validation: (rule) =>
        rule.custom((value, context) => {
          const published = (context.document as { publishedAt?: string } | undefined)?.publishedAt
          return !value || !published || value >= published ? true : 'Обновление не может быть раньше публикации'
        }),
    }),
    defineField({
      name: 'language',
      title: 'Язык',
      type: 'string',
      group: 'meta',
      initialValue: 'ru',
      options: { list: LOCALES.map((l) => ({ title: l.title, value: l.id })), layout: 'radio' },
      validation: (rule) => rule.required(),
    }),
    defineField({ name: 'seo', title: 'SEO', type: 'seo', group: 'meta' }),
  ],
  orderings: [{ title: 'Сначала новые', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] }],
  preview: {
    select: { title: 'title', subtitle: 'lead', media: 'mainImage', date: 'publishedAt' },
    prepare: ({ title, subtitle, media, date }) => ({
      title,
      subtitle: [date ? new Date(date).toLocaleDateString('ru-RU', { timeZone: 'Asia/Almaty' }) : null, subtitle].filter(Boolean).join(' · '),
      media,
    }),
  },
})
