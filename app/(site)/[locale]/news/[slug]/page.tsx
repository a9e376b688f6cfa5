import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleView } from '@/components/ArticleView'
import { JsonLd } from '@/components/JsonLd'
import { articleMetadata } from '@/lib/metadata'
import { articleBreadcrumbs, newsArticle } from '@/lib/structured-data'
import { getArticle, getArticleSlugs, getRelated } from '@/sanity/fetch'
import { headContext } from '@/sanity/head'

export const revalidate = 60

interface Props {
  params: Promise<{ slug: string }>
}

/** The newest articles are rendered at build time; the rest on first request (then cached). */
export async function generateStaticParams() {
  return (await getArticleSlugs(50)).map((slug) => ({ slug }))
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle((await params).slug)
  return article ? articleMetadata(article, await headContext()) : {}
}

export default async function ArticlePage({ params }: Props) {
  const article = await getArticle((await params).slug)
  if (!article) notFound()
  const [related, head] = await Promise.all([getRelated(article), headContext()])
  return (
    <>
      <JsonLd data={newsArticle(article, head)} />
      <JsonLd data={articleBreadcrumbs(article, head)} />
      <ArticleView article={article} related={related} />
    </>
  )
}
