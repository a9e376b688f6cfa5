import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleView } from '@/components/ArticleView'
import { JsonLd } from '@/components/JsonLd'
import { SiteShell } from '@/components/SiteChrome'
import { isLocale } from '@/lib/locale'
import { editionOf } from '@/lib/locale-param'
import { articleMetadata } from '@/formats/metadata'
import { articleEditions } from '@/lib/paths'
import { articleBreadcrumbs, newsArticle } from '@/formats/structured-data'
import { getArticle, getArticleSlugs, getRelated } from '@/sanity/fetch'
import { headContext } from '@/formats/head-context'

export const revalidate = 60

interface Props {
  params: Promise<{ locale: string; slug: string }>
}

/** The newest articles of each edition are rendered at build time; the rest on first request (then cached). */
export async function generateStaticParams({ params }: { params: { locale: string } }) {
  return isLocale(params.locale) ? (await getArticleSlugs(50, params.locale)).map((slug) => ({ slug })) : []
}

/** The article of this edition at this address: another edition's slug is a 404 here. */
async function load(params: Props['params']) {
  const [locale, { slug }] = await Promise.all([editionOf(params), params])
  return { locale, article: await getArticle(slug, locale) }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, article } = await load(params)
  return article ? articleMetadata(article, await headContext(locale)) : {}
}

export default async function ArticlePage({ params }: Props) {
  const { locale, article } = await load(params)
  if (!article) notFound()
  const [related, head] = await Promise.all([getRelated(article), headContext(locale)])
  return (
    <SiteShell settings={head.settings} locale={locale} editions={articleEditions(article)}>
      <JsonLd data={newsArticle(article, head)} />
      <JsonLd data={articleBreadcrumbs(article, head)} />
      <ArticleView article={article} related={related} locale={locale} />
    </SiteShell>
  )
}
