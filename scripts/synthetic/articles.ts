/**
 * Synthetic newsroom documents in the shape the Studio writes them: articles with Portable Text
 * bodies (paragraphs, headings, quotes, lists, links, figures), references to topics, people,
 * countries and authors, the language field, images that reference the demo's real assets (so
 * pages render), dates spread over five years. A few are embargoed, unindexed, renamed or drafted,
 * as in a real archive, so every query and both perspectives have something to find.
 */
import { slugify } from '@/lib/slug'
import type { LakeDocument } from '@baspa/lake'
import type { DemoDataset } from './demo'
import { Random, Zipf } from './random'
import { SyntheticText } from './text'

const YEAR_MS = 365.25 * 86_400_000
const SPAN_MS = 5 * YEAR_MS
const FIRST_NAMES = [
  'Айдар',
  'Ержан',
  'Нурлан',
  'Асель',
  'Динара',
  'Марат',
  'Гульнара',
  'Серик',
  'Алия',
  'Бауыржан',
  'Жанна',
  'Тимур',
  'Сауле',
  'Данияр',
  'Камила',
]
const ROLES = ['министр', 'аким области', 'депутат мажилиса', 'экономист', 'председатель правления', 'посол', 'спортсмен', 'эксперт', 'вице-министр']

const ref = (random: Random, id: string, keyed = true) => (keyed ? { _type: 'reference', _ref: id, _key: random.key() } : { _type: 'reference', _ref: id })

export interface NewsroomOptions {
  seed: number
  /** Dates end here (articles from the last five years before it; a few after it, embargoed). */
  now: Date
}

export class SyntheticNewsroom {
  readonly random: Random
  readonly text: SyntheticText
  private readonly topics: Zipf<string>
  private readonly countries: string[]
  private readonly kazakhstan: string
  private readonly images: LakeDocument[]
  private people: Zipf<string> | undefined
  private authors: string[]
  private readonly end: number

  constructor(
    private readonly demo: DemoDataset,
    options: NewsroomOptions,
  ) {
    this.random = new Random(options.seed)
    this.text = new SyntheticText(this.random, demo)
    this.topics = new Zipf(
      demo.ofType('topic').map((doc) => doc._id),
      this.random,
    )
    this.countries = demo.ofType('country').map((doc) => doc._id)
    this.kazakhstan = this.countries.find((id) => id.endsWith('kazakhstan')) ?? this.countries[0]!
    this.images = demo.ofType('sanity.imageAsset')
    this.authors = demo.ofType('author').map((doc) => doc._id)
    this.end = options.now.getTime()
  }

  /** People and authors beyond the demo's, as many as an archive of `articles` names (demo ones first: most cited). */
  taxonomy(articles: number): LakeDocument[] {
    const people = Array.from({ length: Math.min(2000, Math.floor(articles / 100)) }, (_, i): LakeDocument => {
      const name = `${this.random.pick(FIRST_NAMES)} ${this.text.inventedName()}`
      return {
        _id: `person-syn-${i}`,
        _type: 'person',
        name: { _type: 'localeString', ru: name },
        slug: { _type: 'slug', current: `${slugify(name)}-${i}` },
        role: { _type: 'localeString', ru: this.random.pick(ROLES) },
        country: ref(this.random, this.random.pick(this.countries), false),
      }
    })
    const authors = Array.from({ length: Math.min(50, Math.floor(articles / 2000)) }, (_, i): LakeDocument => {
      const name = `${this.random.pick(FIRST_NAMES)} ${this.text.inventedName()}`
      return {
        _id: `author-syn-${i}`,
        _type: 'author',
        name: { _type: 'localeString', ru: name },
        slug: { _type: 'slug', current: `${slugify(name)}-${i}` },
        bio: { _type: 'localeText', ru: this.text.lead() },
      }
    })
    this.people = new Zipf([...this.demo.ofType('person').map((doc) => doc._id), ...people.map((doc) => doc._id)], this.random)
    this.authors = [...this.authors, ...authors.map((doc) => doc._id)]
    return [...people, ...authors]
  }

  /** The i-th synthetic article (call `taxonomy` first). */
  article(i: number): LakeDocument {
    const random = this.random
    const title = this.text.title()
    // 0.2% embargoed: published up to a week after `now`.
    const published = random.chance(0.002) ? this.end + random.int(3_600_000, 7 * 86_400_000) : this.end - Math.floor(random.next() * SPAN_MS)
    const updated = random.chance(0.3) ? published + random.int(600_000, 3 * 86_400_000) : undefined
    const slug = `${slugify(title, 80)}-${i}`
    const doc: LakeDocument = {
      _id: `article-syn-${i}`,
      _type: 'article',
      _createdAt: new Date(published - random.int(600_000, 7_200_000)).toISOString(),
      _updatedAt: new Date(Math.min(updated ?? published, Math.max(this.end, published))).toISOString(),
      title,
      slug: { _type: 'slug', current: slug },
      lead: this.text.lead(),
      language: random.chance(0.9) ? 'ru' : random.pick(['kk', 'en']),
      publishedAt: new Date(published).toISOString(),
      ...(updated !== undefined && { updatedAt: new Date(updated).toISOString() }),
      mainImage: this.figure(),
      body: this.body(),
      topics: random.sample([this.topics.pick(), this.topics.pick(), this.topics.pick()], random.int(1, 3)).map((id) => ref(random, id)),
      people: this.people ? [...new Set(Array.from({ length: random.int(0, 3) }, () => this.people!.pick()))].map((id) => ref(random, id)) : [],
      countries: [...new Set([this.kazakhstan, ...Array.from({ length: random.int(0, 2) }, () => random.pick(this.countries))])].map((id) => ref(random, id)),
      authors: random.sample(this.authors, random.chance(0.1) ? 2 : 1).map((id) => ref(random, id)),
    }
    if (random.chance(0.02)) doc.seo = { _type: 'seo', title: title.slice(0, 70), noindex: random.chance(0.5) }
    if (random.chance(0.01)) doc.previousSlugs = [`${slugify(this.text.title(), 80)}-${i}-old`]
    return doc
  }

  /** An unpublished change of an article, as the Studio keeps it (0.3% of articles have one). */
  draftOf(article: LakeDocument): LakeDocument | null {
    if (!this.random.chance(0.003)) return null
    return { ...article, _id: `drafts.${article._id}`, title: `${String(article.title)} (правка)`, lead: this.text.lead() }
  }

  private figure(): Record<string, unknown> {
    const asset = this.random.pick(this.images)
    return {
      _type: 'figure',
      asset: { _type: 'reference', _ref: asset._id },
      alt: this.text.title().slice(0, 120),
      caption: this.text.title(),
      credit: 'Иллюстрация: Baspa',
    }
  }

  private block(text: string, style = 'normal', extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { _type: 'block', _key: this.random.key(), style, markDefs: [], children: [{ _type: 'span', _key: this.random.key(), text, marks: [] }], ...extra }
  }

  /** 4–12 paragraphs (~2 800 characters) with an occasional heading, quote, list, link or figure. */
  private body(): Record<string, unknown>[] {
    const random = this.random
    const blocks: Record<string, unknown>[] = []
    const paragraphs = random.int(4, 12)
    for (let p = 0; p < paragraphs; p++) {
      if (p > 1 && random.chance(0.08)) blocks.push(this.block(this.text.title(), 'h2'))
      if (p > 0 && random.chance(0.05)) blocks.push({ ...this.figure(), _key: random.key() })
      if (random.chance(0.06)) blocks.push(this.block(this.text.lead(), 'blockquote'))
      else if (random.chance(0.04)) {
        const listItem = random.pick(['bullet', 'number'])
        for (let n = random.int(2, 4); n > 0; n--) blocks.push(this.block(this.text.lead(), 'normal', { listItem, level: 1 }))
      } else if (random.chance(0.1)) {
        const mark = random.key()
        blocks.push({
          _type: 'block',
          _key: random.key(),
          style: 'normal',
          markDefs: [{ _type: 'link', _key: mark, href: 'https://www.akorda.kz/' }],
          children: [
            { _type: 'span', _key: random.key(), text: `${this.text.paragraph()} Подробнее — на `, marks: [] },
            { _type: 'span', _key: random.key(), text: 'сайте Акорды', marks: [mark] },
            { _type: 'span', _key: random.key(), text: '.', marks: [] },
          ],
        })
      } else blocks.push(this.block(this.text.paragraph()))
    }
    return blocks
  }
}
