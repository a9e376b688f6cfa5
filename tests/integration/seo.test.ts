import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { archiveMetadata, articleMetadata, homeMetadata, paginationLinks, siteMetadata, type HeadContext } from '@/formats/metadata'
import { safeHref } from '@/lib/safe-href'
import { previousSlugsAfterPublish } from '@/lib/slug'
import {
  archiveStructuredData,
  articleBreadcrumbs,
  HEADLINE_MAX,
  homeStructuredData,
  newsArticle,
  serializeJsonLd,
  truncateHeadline,
  type StructuredDataContext,
} from '@/formats/structured-data'
import { SEED_SLUG, tempLake, type TempLake } from '../fixtures/lake'

let lake: TempLake
beforeEach(async () => {
  lake = await tempLake()
})
afterEach(() => lake.dispose())

const SITE = 'https://baspa.example'
async function context(): Promise<HeadContext & StructuredDataContext> {
  return {
    settings: await lake.api.siteSettings(),
    siteUrl: SITE,
    imageUrl: (image, ratio) => `${SITE}/img/${image.asset._ref}?ratio=${ratio.toFixed(2)}`,
    fallbackLogoUrl: `${SITE}/logo.png`,
    locale: 'ru',
  }
}

describe('head metadata', () => {
  it('articles: canonical, Open Graph article tags, Twitter card, large image previews', async () => {
    const article = (await lake.api.article(SEED_SLUG))!
    const meta = articleMetadata(article, await context())
    expect(meta.title).toBe(article.title)
    expect(meta.description).toBe(article.lead)
    expect(meta.alternates?.canonical).toBe(`/news/${SEED_SLUG}`)
    expect(meta.alternates?.types?.['application/rss+xml']).toEqual([{ url: '/rss.xml', title: 'Baspa' }])
    expect(meta.openGraph).toMatchObject({
      type: 'article',
      locale: 'ru_RU',
      siteName: 'Baspa',
      url: `/news/${SEED_SLUG}`,
      title: article.title,
      publishedTime: article.publishedAt,
      section: 'Дипломатия',
      tags: expect.arrayContaining(['Торговля', 'Сельское хозяйство', 'COVID-19']),
    })
    expect(meta.twitter).toMatchObject({ card: 'summary_large_image', title: article.title })
    expect(meta.robots).toMatchObject({ index: true, 'max-image-preview': 'large' })
    // An editor's preview is never indexed, whichever page it shows.
    expect(articleMetadata(article, { ...(await context()), previewing: true }).robots).toEqual({ index: false, follow: false })
  })

  it('archive pages: canonical to themselves, «страница N» from page 2, a topic feed on topic pages', async () => {
    const ctx = await context()
    const first = (await lake.api.archivePage('topics', 'ekonomika', 1))!
    const second = (await lake.api.archivePage('topics', 'ekonomika', 2))!
    expect(archiveMetadata(first, ctx)).toMatchObject({ title: 'Экономика', alternates: { canonical: '/topics/ekonomika' } })
    expect(archiveMetadata(second, ctx)).toMatchObject({ title: 'Экономика — страница 2', alternates: { canonical: '/topics/ekonomika/page/2' } })
    expect(archiveMetadata(first, ctx).alternates?.types?.['application/rss+xml']).toContainEqual({
      url: '/topics/ekonomika/rss.xml',
      title: 'Baspa: Экономика',
    })
    expect(paginationLinks(first, SITE, 'ru')).toEqual({ prev: undefined, next: `${SITE}/topics/ekonomika/page/2` })
    expect(paginationLinks(second, SITE, 'ru')).toEqual({ prev: `${SITE}/topics/ekonomika`, next: undefined })
    const person = (await lake.api.archivePage('people', 'kasym-zhomart-tokaev', 1))!
    expect(archiveMetadata(person, ctx).alternates?.types?.['application/rss+xml']).toEqual([{ url: '/rss.xml', title: 'Baspa' }])
  })

  it('the layout sets the base URL and the title template; the home page its own title', async () => {
    const ctx = await context()
    expect(siteMetadata(ctx)).toMatchObject({ metadataBase: new URL(SITE), title: { template: '%s — Baspa' } })
    expect(homeMetadata(ctx)).toMatchObject({ title: { absolute: 'Baspa — новости Казахстана' }, alternates: { canonical: '/' } })
  })
})

describe('structured data', () => {
  it('NewsArticle for the seed article has every property Google asks for', async () => {
    const article = (await lake.api.article(SEED_SLUG))!
    const data = newsArticle(article, await context()) as unknown as Record<string, unknown>
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.title,
      description: article.lead,
      datePublished: article.publishedAt,
      inLanguage: 'ru',
      isAccessibleForFree: true,
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${SITE}/news/${SEED_SLUG}` },
      publisher: { '@type': 'NewsMediaOrganization', name: 'Baspa', logo: { '@type': 'ImageObject', url: `${SITE}/logo.png` } },
    })
    expect(data.image).toHaveLength(3)
    expect((data.image as string[]).map((url) => url.split('ratio=')[1])).toEqual(['1.78', '1.33', '1.00'])
    expect(data.author).toEqual(article.authors.map((author) => ({ '@type': 'Person', name: author.name, url: `${SITE}/authors/${author.slug}` })))
    expect(data.about).toContainEqual({ '@type': 'Thing', name: 'Торговля', url: `${SITE}/topics/torgovlya` })
    expect(data.mentions).toContainEqual(expect.objectContaining({ '@type': 'Person', name: 'Касым-Жомарт Токаев' }))
    expect(data.mentions).toContainEqual(expect.objectContaining({ '@type': 'Country', name: 'Китай' }))
  })

  it('breadcrumbs run Home › Topic › Article; persons and authors are Persons', async () => {
    const ctx = await context()
    const article = (await lake.api.article(SEED_SLUG))!
    const crumbs = articleBreadcrumbs(article, ctx).itemListElement as unknown as { position: number; name: string; item: string }[]
    expect(crumbs.map((crumb) => crumb.position)).toEqual([1, 2, 3])
    expect(crumbs.map((crumb) => crumb.item)).toEqual([`${SITE}/`, `${SITE}/topics/diplomatiya`, `${SITE}/news/${SEED_SLUG}`])
    const person = (await lake.api.archivePage('people', 'kasym-zhomart-tokaev', 1))!
    expect(archiveStructuredData(person, ctx).map((data) => (data as { '@type': string })['@type'])).toEqual(['BreadcrumbList', 'Person'])
    // People and countries sit under their indexes; a person with a photo has it as a square image.
    const [personCrumbs, personData] = archiveStructuredData(
      {
        ...person,
        photo: {
          asset: { _ref: 'image-p-10x10-jpg' },
          alt: 'Фото',
          width: 10,
          height: 10,
          crop: undefined,
          hotspot: undefined,
          caption: undefined,
          credit: undefined,
          lqip: undefined,
        },
      },
      ctx,
    ) as unknown as Record<string, unknown>[]
    expect((personCrumbs!.itemListElement as { item: string }[]).map((crumb) => crumb.item)).toEqual([
      `${SITE}/`,
      `${SITE}/people`,
      `${SITE}/people/kasym-zhomart-tokaev`,
    ])
    expect(personData!.image).toBe(`${SITE}/img/image-p-10x10-jpg?ratio=1.00`)
    const topic = (await lake.api.archivePage('topics', 'torgovlya', 1))!
    expect(archiveStructuredData(topic, ctx).map((data) => (data as { '@type': string })['@type'])).toEqual(['BreadcrumbList'])
  })

  it('the home page declares the WebSite with its search and the organisation', async () => {
    const [website, organization] = homeStructuredData(await context()) as unknown as Record<string, unknown>[]
    expect(website).toMatchObject({
      '@type': 'WebSite',
      url: `${SITE}/`,
      potentialAction: { '@type': 'SearchAction', 'query-input': 'required name=search_term_string' },
    })
    expect(JSON.stringify(website)).toContain(`${SITE}/search?q={search_term_string}`)
    expect(organization).toMatchObject({ '@type': 'NewsMediaOrganization', '@id': `${SITE}/#organization` })
  })

  it('headlines are cut to 110 characters at a word', () => {
    const long = 'Касым-Жомарт Токаев и Ван И обсудили торговлю, сельское хозяйство, транзит, энергетику и совместную борьбу с пандемией COVID-19'
    const cut = truncateHeadline(long)
    expect(long.length).toBeGreaterThan(HEADLINE_MAX)
    expect(cut.length).toBeLessThanOrEqual(HEADLINE_MAX)
    expect(cut.endsWith('…')).toBe(true)
    expect(long.startsWith(cut.slice(0, -1))).toBe(true)
    expect(long[cut.length - 1]).toMatch(/[\s,]/)
    expect(truncateHeadline('Коротко')).toBe('Коротко')
  })

  it('JSON-LD cannot be broken out of: </script>, <!-- and line separators are escaped', () => {
    const json = serializeJsonLd({ headline: 'Заголовок </script><script>alert(1)</script> <!-- & \u2028' })
    expect(json).not.toMatch(/[<>&\u2028]/)
    expect(JSON.parse(json)).toEqual({ headline: 'Заголовок </script><script>alert(1)</script> <!-- & \u2028' })
  })
})

describe('former article addresses', () => {
  it('a publish that changes the slug keeps the old one, without duplicates or the current one', () => {
    expect(previousSlugsAfterPublish('old', 'new')).toEqual(['old'])
    expect(previousSlugsAfterPublish('second', 'third', ['first'])).toEqual(['first', 'second'])
    expect(previousSlugsAfterPublish('same', 'same', ['first'])).toEqual(['first'])
    // Taking back a former address: it is current again, not a redirect.
    expect(previousSlugsAfterPublish('new', 'old', ['old'])).toEqual(['new'])
    // First publish: nothing to remember.
    expect(previousSlugsAfterPublish(undefined, 'new')).toEqual([])
  })

  it('a former address leads straight to the current one, never away from a live one, and only from visible articles', async () => {
    const seed = lake.store.getDocument(`article-${SEED_SLUG}`)!
    const others = lake.store.allDocuments().filter((doc) => doc._type === 'article' && doc._id !== seed._id && !doc._id.startsWith('drafts.'))
    const live = (others[0]!.slug as { current: string }).current
    lake.store.writeDocuments([
      { ...seed, slug: { _type: 'slug', current: 'novyy-adres' }, previousSlugs: [SEED_SLUG, 'eshche-starshe', 42, live, 'novyy-adres'] },
      { ...seed, _id: 'drafts.other', slug: { _type: 'slug', current: 'draft-only' }, previousSlugs: ['draft-old'] },
      { ...others[1]!, previousSlugs: 'ne-spisok' },
    ])
    expect(await lake.api.movedArticle(SEED_SLUG)).toBe('novyy-adres')
    expect(await lake.api.movedArticle('eshche-starshe')).toBe('novyy-adres')
    // Another article's current address, and the article's own: not redirects.
    expect(await lake.api.movedArticle(live)).toBeNull()
    expect(await lake.api.movedArticle('novyy-adres')).toBeNull()
    // A draft's former address, an address nobody had, a value that is not a list, and what cannot be a slug.
    expect(await lake.api.movedArticle('draft-old')).toBeNull()
    expect(await lake.api.movedArticle('nobody-had-it')).toBeNull()
    expect(await lake.api.movedArticle('ne-spisok')).toBeNull()
    expect(await lake.api.movedArticle('Не/слаг')).toBeNull()
  })
})

describe('safe links', () => {
  it.each([
    ['https://baq.kz/', 'https://baq.kz/'],
    ['  http://example.com ', 'http://example.com'],
    ['mailto:news@baspa.kz', 'mailto:news@baspa.kz'],
    ['/topics/torgovlya', '/topics/torgovlya'],
    ['#section', '#section'],
    ['javascript:alert(1)', undefined],
    ['JAVASCRIPT:alert(1)', undefined],
    ['data:text/html;base64,PHNjcmlwdD4=', undefined],
    ['vbscript:msgbox', undefined],
    ['//evil.example', undefined],
    [42, undefined],
  ])('%s → %s', (href, expected) => {
    expect(safeHref(href)).toBe(expected)
  })
})
