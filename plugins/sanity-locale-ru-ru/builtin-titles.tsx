import { useMemo } from 'react'
import { useSchema, type LayoutProps, type Schema, type SchemaType } from 'sanity'

/**
 * Titles that Sanity's built-in schema types carry in English and no locale string covers: the
 * Studio shows them as field paths, e.g. «Адрес (slug) / Current slug — Обязательное поле» in the
 * validation list for an empty address.
 */
const TITLES: Record<string, string> = {
  'Current slug': 'Текущий адрес',
  'Source field': 'Поле-источник',
  Hotspot: 'Главная точка',
  Crop: 'Кадрирование',
  Asset: 'Файл',
  Media: 'Медиа',
}

/**
 * Renames those fields in the workspace's compiled schema, once, before any form renders. Sanity
 * offers no hook for the built-in types' titles, so this writes the compiled field types' `title`.
 */
export function translateBuiltinTitles(schema: Schema) {
  const seen = new Set<SchemaType>()
  const visit = (type: SchemaType | undefined) => {
    if (!type || seen.has(type)) return
    seen.add(type)
    const russian = type.title ? TITLES[type.title] : undefined
    if (russian && Object.getOwnPropertyDescriptor(type, 'title')?.writable) (type as { title?: string }).title = russian
    if ('fields' in type && Array.isArray(type.fields)) for (const field of type.fields as { type: SchemaType }[]) visit(field.type)
    if ('of' in type && Array.isArray(type.of)) for (const item of type.of as SchemaType[]) visit(item)
  }
  for (const name of schema.getTypeNames()) visit(schema.get(name))
}

export function BuiltinTitlesInRussian(props: LayoutProps) {
  const schema = useSchema()
  useMemo(() => translateBuiltinTitles(schema), [schema])
  return props.renderDefault(props)
}
