import { articlePath } from '@/lib/paths'
import { buildUrlset, notFoundResponse, parseSitemapFileName, sitemapFileName, xmlResponse, type SitemapUrl } from '@/lib/sitemap'
import { config } from '@/config/env'
import { getArticleSitemap, getSitemapIndex, getStaticPagesSitemap, getTaxonomySitemap } from '@/sanity/fetch'
import { imageUrl } from '@/sanity/image'

export const revalidate = 60

/**
 * The sitemaps the index lists are prerendered at build time, and any other name (a new article chunk)
 * on its first request; either way the response is cached like a page (without this the route would
 * run on every request, and nothing would cache a chunk whose data exceeds the data cache's 2 MB).
 */
export async function generateStaticParams() {
  return (await getSitemapIndex()).map(({ name }) => ({ name: sitemapFileName(name) }))
}

interface Context {
  params: Promise<{ name: string }>
}

/** A child sitemap of /sitemap.xml: `articles-<n>.xml`, `topics.xml`, `people.xml`, `countries.xml`, `authors.xml`, `pages.xml`; anything else, an article chunk past the last one or an empty list is 404. */
export async function GET(_request: Request, { params }: Context) {
  const name = parseSitemapFileName((await params).name)
  if (!name) return notFoundResponse()
  const { siteUrl } = config()
  let urls: SitemapUrl[] | null
  if (name.kind === 'articles') {
    const articles = await getArticleSitemap(name.chunk)
    urls =
      articles?.map((article) => ({
        loc: `${siteUrl}${articlePath(article.slug, article.language)}`,
        lastmod: article.lastmod,
        // The main image as the article shows it (the editor's crop), absolute in both modes.
        images: article.image ? [new URL(imageUrl(article.image), `${siteUrl}/`).toString()] : [],
      })) ?? null
  } else {
    const pages = name.kind === 'pages' ? await getStaticPagesSitemap() : await getTaxonomySitemap(name.kind)
    urls = pages.map((page) => ({ loc: `${siteUrl}${page.path}`, lastmod: page.lastmod }))
  }
  return urls?.length ? xmlResponse(buildUrlset(urls)) : notFoundResponse()
}
