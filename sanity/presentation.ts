import { defineDocuments, defineLocations, type DocumentLocationResolvers, type DocumentResolver } from 'sanity/presentation'

/**
 * Where each document shows on the site, for the Studio's Presentation tool: the tool lists these
 * pages beside the form, and opens the document that a previewed page is about.
 */
const page = (title: string, href: (slug: string) => string) =>
  defineLocations({
    // Articles have a plain title; topics a localised title; people and countries a localised name.
    select: { title: 'title', titleRu: 'title.ru', nameRu: 'name.ru', slug: 'slug.current' },
    resolve: (doc) =>
      doc?.slug
        ? {
            locations: [
              { title: String((typeof doc.title === 'string' ? doc.title : undefined) ?? doc.titleRu ?? doc.nameRu ?? title), href: href(String(doc.slug)) },
              { title: 'Главная', href: '/' },
            ],
          }
        : { message: 'Сгенерируйте адрес, чтобы увидеть страницу', tone: 'caution' },
  })

export const locations: DocumentLocationResolvers = {
  article: page('Статья', (slug) => `/news/${slug}`),
  topic: page('Тема', (slug) => `/topics/${slug}`),
  person: page('Персона', (slug) => `/people/${slug}`),
  country: page('Страна', (slug) => `/countries/${slug}`),
}

export const mainDocuments: DocumentResolver[] = defineDocuments([
  { route: '/news/:slug', filter: '_type == "article" && slug.current == $slug' },
  { route: '/topics/:slug', filter: '_type == "topic" && slug.current == $slug' },
  { route: '/people/:slug', filter: '_type == "person" && slug.current == $slug' },
  { route: '/countries/:slug', filter: '_type == "country" && slug.current == $slug' },
])
