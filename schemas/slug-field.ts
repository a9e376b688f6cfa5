import { defineField, type SanityClient } from 'sanity'
import { slugify, uniqueSlug } from '@/lib/slug'
import { SLUG_TAKEN_QUERY } from '@/sanity/queries'

const API_VERSION = '2025-02-19'
const MAX_LENGTH = 96

interface StudioContext {
  document?: { _id?: string }
  getClient(options: { apiVersion: string }): SanityClient
}

/** Whether another document of the type (draft or published, other than this one) already has the slug. */
async function slugTaken(slug: string, type: string, context: StudioContext): Promise<boolean> {
  const id = (context.document?._id ?? '').replace(/^drafts\./, '')
  const client = context.getClient({ apiVersion: API_VERSION })
  return client.fetch<boolean>(SLUG_TAKEN_QUERY, { type, slug, id, draftId: `drafts.${id}` }, { perspective: 'raw' })
}

/**
 * A slug generated from a Russian or Kazakh title by transliteration (lib/slug.ts), unique among
 * documents of the same type: «Создать из заголовка» appends -2, -3… when the address is taken, and a hand-typed
 * duplicate is refused with a message that says which address to change.
 */
export const slugField = (source: string, type: string) =>
  defineField({
    name: 'slug',
    title: 'Адрес (slug)',
    description:
      'Латиницей, из заголовка: нажмите «Создать из заголовка». До 96 знаков. Если сменить адрес опубликованной статьи, старый сохранится в «Прежних адресах» и будет перенаправлять на новый.',
    type: 'slug',
    options: {
      source,
      maxLength: MAX_LENGTH,
      slugify: (input, _schemaType, context) => uniqueSlug(slugify(input, MAX_LENGTH), (candidate) => slugTaken(candidate, type, context), MAX_LENGTH),
      // Uniqueness is checked by the rule below, with a message in Russian.
      isUnique: () => true,
    },
    validation: (rule) => [
      rule.required().error('Сгенерируйте адрес: кнопка «Создать из заголовка» рядом с полем'),
      rule.custom(async (value, context) => {
        const current = value?.current
        if (!current) return true
        if (current !== slugify(current, MAX_LENGTH)) return 'Адрес — только строчные латинские буквы, цифры и дефисы, до 96 знаков'
        return (await slugTaken(current, type, context)) ? `Адрес «${current}» уже занят — измените его или сгенерируйте заново` : true
      }),
    ],
  })
