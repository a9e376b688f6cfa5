import { notFound } from 'next/navigation'
import { isLocale, type Locale } from './locale'

/** The edition a route's `[locale]` segment names; any other segment value is a 404. */
export async function editionOf(params: Promise<{ locale: string }>): Promise<Locale> {
  const { locale } = await params
  return isLocale(locale) ? locale : notFound()
}
