import { defineArrayMember, defineField, defineType } from 'sanity'

/** The article body: paragraphs, two heading levels, quotes, lists, links and inline figures. */
export const blockContent = defineType({
  name: 'blockContent',
  title: 'Текст',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        { title: 'Абзац', value: 'normal' },
        { title: 'Подзаголовок', value: 'h2' },
        { title: 'Подзаголовок 2-го уровня', value: 'h3' },
        { title: 'Цитата', value: 'blockquote' },
      ],
      lists: [
        { title: 'Маркированный список', value: 'bullet' },
        { title: 'Нумерованный список', value: 'number' },
      ],
      marks: {
        decorators: [
          { title: 'Жирный', value: 'strong' },
          { title: 'Курсив', value: 'em' },
        ],
        annotations: [
          defineArrayMember({
            name: 'link',
            title: 'Ссылка',
            type: 'object',
            fields: [
              defineField({
                name: 'href',
                title: 'Адрес',
                type: 'url',
                validation: (rule) =>
                  rule
                    .required()
                    .uri({ scheme: ['http', 'https', 'mailto'], allowRelative: true })
                    .error('Укажите корректный адрес ссылки'),
              }),
            ],
          }),
        ],
      },
    }),
    defineArrayMember({ type: 'figure' }),
  ],
})
