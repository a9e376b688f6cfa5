/**
 * Builds the committed demo dataset (data/demo/data.ndjson + data/demo/images/) from the hand-written
 * sources in data/demo/source/: the seed article, the demo articles and the taxonomy.
 * Main images are generated here (abstract compositions in the colours of the countries a story is
 * about), so the demo needs no network and no stock photos.
 *
 *   npm run demo:build            # dates anchored on today (Asia/Almaty)
 *   npm run demo:build -- 2026-11-28
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import { imageAssetDocument } from '@baspa/lake'
import { serializeNdjson, type LakeDocument } from '@baspa/lake'
import { key, toPortableText, type Block } from './demo/portable-text'

const ROOT = resolve(import.meta.dirname, '..')
const SOURCE = join(ROOT, 'data/demo/source')
const OUT = join(ROOT, 'data/demo')
const IMAGES = join(OUT, 'images')
const PROJECT = { projectId: 'local', dataset: 'production' }
const WIDTH = 1600
const HEIGHT = 900

interface SourceArticle {
  slug: string
  title: string
  lead: string
  daysAgo: number
  time: string
  updatedHoursLater?: number
  authors: string[]
  topics: string[]
  people: string[]
  countries: string[]
  image: { alt: string; caption: string; credit: string }
  body: Block[]
}

/**
 * A translation of a source article (translations.json): its own slug, text and image texts; dates,
 * authors and taxonomy are the original's, and so is the illustration.
 */
interface SourceTranslation {
  of: string
  language: 'kk' | 'en'
  slug: string
  title: string
  lead: string
  image: { alt: string; caption: string; credit: string }
  body: Block[]
}

interface Named {
  slug: string
  ru: string
  kk: string
  en: string
}
interface Taxonomy {
  topics: (Named & { description: string; main?: boolean })[]
  countries: (Named & { code: string })[]
  people: (Named & { role: string; country: string })[]
  authors: (Named & { bio: string })[]
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(SOURCE, file), 'utf8')) as T

/** Sanity documents ids may not contain dots (those are drafts/paths), so demo ids use dashes. */
const ids = {
  topic: (slug: string) => `topic-${slug}`,
  country: (slug: string) => `country-${slug}`,
  person: (slug: string) => `person-${slug}`,
  author: (slug: string) => `author-${slug}`,
  article: (slug: string) => `article-${slug}`,
}
const ref = (id: string, index?: number) => ({ _type: 'reference', _ref: id, ...(index === undefined ? {} : { _key: key(id, index) }) })
const slugOf = (current: string) => ({ _type: 'slug', current })
const localeString = (n: Named) => ({ _type: 'localeString', ru: n.ru, kk: n.kk, en: n.en })

// ---------- Images ----------

const FLAG_COLOURS: Record<string, string[]> = {
  KZ: ['#00AFCA', '#FEC50C'],
  CN: ['#EE1C25', '#FFDE00'],
  RU: ['#FFFFFF', '#0039A6', '#D52B1E'],
  UZ: ['#0099B5', '#FFFFFF', '#1EB53A'],
  KG: ['#E8112D', '#FFEF00'],
  TJ: ['#CC0000', '#FFFFFF', '#006600'],
  TM: ['#00843D', '#D22630', '#FFFFFF'],
  TR: ['#E30A17', '#FFFFFF'],
  AZ: ['#00B5E2', '#EF3340', '#509E2F'],
  DE: ['#000000', '#DD0000', '#FFCE00'],
  US: ['#B22234', '#FFFFFF', '#3C3B6E'],
  JP: ['#FFFFFF', '#BC002D'],
  KR: ['#FFFFFF', '#CD2E3A', '#0047A0'],
  FR: ['#0055A4', '#FFFFFF', '#EF4135'],
}

const TOPIC_BACKGROUNDS: Record<string, [string, string]> = {
  torgovlya: ['#0b3d5c', '#1c7293'],
  'selskoe-hozyaystvo': ['#3d5a1e', '#a3a837'],
  'covid-19': ['#4a1942', '#8e3b78'],
  diplomatiya: ['#1b2a49', '#465881'],
  politika: ['#2b2d42', '#8d99ae'],
  ekonomika: ['#14342b', '#3f7d58'],
  energetika: ['#3a1c05', '#c46d10'],
  transport: ['#232931', '#4e5d6c'],
  tehnologii: ['#0f0c29', '#302b63'],
  sport: ['#5c0f0f', '#c0392b'],
  kultura: ['#3e1f47', '#a4508b'],
  ekologiya: ['#0b4f3f', '#26a17b'],
  obshchestvo: ['#4b3b2a', '#b08d57'],
}

const COUNTRY_GENITIVE: Record<string, string> = {
  KZ: 'Казахстана',
  CN: 'Китая',
  RU: 'России',
  UZ: 'Узбекистана',
  KG: 'Кыргызстана',
  TJ: 'Таджикистана',
  TM: 'Туркменистана',
  TR: 'Турции',
  AZ: 'Азербайджана',
  DE: 'Германии',
  US: 'США',
  JP: 'Японии',
  KR: 'Южной Кореи',
  FR: 'Франции',
}

/** A small deterministic PRNG (mulberry32) so that the same article always gets the same picture. */
function random(seedText: string) {
  let seed = parseInt(createHash('sha1').update(seedText).digest('hex').slice(0, 8), 16)
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function illustration(slug: string, topic: string, countryCodes: string[]): string {
  const rnd = random(slug)
  const [from, to] = TOPIC_BACKGROUNDS[topic] ?? ['#222', '#555']
  const parts: string[] = []
  countryCodes.slice(0, 3).forEach((code, index) => {
    const colours = FLAG_COLOURS[code] ?? ['#ffffff']
    const angle = -35 + rnd() * 70
    const x = 200 + ((index + 0.5) / Math.max(1, countryCodes.length)) * 1100 + (rnd() - 0.5) * 200
    const stripe = 70 + rnd() * 50
    const stripes = colours
      .map((colour, i) => `<rect x="${(i * stripe).toFixed(0)}" y="-700" width="${stripe.toFixed(0)}" height="2300" fill="${colour}"/>`)
      .join('')
    parts.push(`<g opacity="${(0.55 + rnd() * 0.3).toFixed(2)}" transform="translate(${x.toFixed(0)} 0) rotate(${angle.toFixed(1)} 0 450)">${stripes}</g>`)
  })
  for (let i = 0; i < 5; i++) {
    parts.push(
      `<circle cx="${(rnd() * WIDTH).toFixed(0)}" cy="${(rnd() * HEIGHT).toFixed(0)}" r="${(60 + rnd() * 260).toFixed(0)}" fill="#ffffff" opacity="${(0.05 + rnd() * 0.12).toFixed(2)}"/>`,
    )
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>
  <linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#bg)"/>${parts.join('')}<rect width="100%" height="100%" fill="url(#shade)"/></svg>`
}

async function imageAsset(slug: string, topic: string, countryCodes: string[], anchor: string) {
  const svg = illustration(slug, topic, countryCodes)
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 78, mozjpeg: true }).toBuffer()
  const asset = await imageAssetDocument(jpeg, { ...PROJECT, baseUrl: '/lake' }, `${slug}.jpg`)
  writeFileSync(join(IMAGES, String(asset.path).split('/').pop()!), jpeg)
  return { doc: { ...asset, _rev: `demo-${key(asset._id)}`, _createdAt: anchor, _updatedAt: anchor } }
}

// ---------- Dates ----------

/** `daysAgo` + local `HH:MM` in Asia/Almaty (UTC+5, no DST) relative to the anchor day. */
function almatyDate(anchorDay: string, daysAgo: number, time: string): Date {
  const [h, m] = time.split(':').map(Number)
  const midnightUtc = Date.parse(`${anchorDay}T00:00:00Z`)
  return new Date(midnightUtc - daysAgo * 86_400_000 + ((h ?? 0) - 5) * 3_600_000 + (m ?? 0) * 60_000)
}

// ---------- Build ----------

async function main() {
  const anchorDay = process.argv[2] ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date())
  if (!/^\d{4}-\d{2}-\d{2}$/.test(anchorDay)) throw new Error(`anchor day must be YYYY-MM-DD, got ${anchorDay}`)
  const taxonomy = readJson<Taxonomy>('taxonomy.json')
  const sourceFiles = readdirSync(SOURCE)
    .filter((f) => /^(seed|articles-.*)\.json$/.test(f))
    .sort()
  const articles = sourceFiles.flatMap((f) => readJson<SourceArticle[]>(f))
  const translations = readJson<SourceTranslation[]>('translations.json')
  const anchor = almatyDate(anchorDay, 61, '09:00').toISOString()

  const known = {
    topics: new Set(taxonomy.topics.map((t) => t.slug)),
    people: new Set(taxonomy.people.map((t) => t.slug)),
    countries: new Set(taxonomy.countries.map((t) => t.slug)),
    authors: new Set(taxonomy.authors.map((t) => t.slug)),
  }
  const slugs = new Set<string>()
  for (const a of articles) {
    if (slugs.has(a.slug)) throw new Error(`duplicate article slug ${a.slug}`)
    slugs.add(a.slug)
    for (const field of ['topics', 'people', 'countries', 'authors'] as const) {
      for (const s of a[field]) if (!known[field].has(s)) throw new Error(`${a.slug}: unknown ${field} ${s}`)
    }
    if (a.lead.length > 300) throw new Error(`${a.slug}: lead longer than 300 characters`)
    if (a.topics.length === 0) throw new Error(`${a.slug}: no topic`)
  }
  for (const t of translations) {
    if (slugs.has(t.slug)) throw new Error(`duplicate article slug ${t.slug}`)
    slugs.add(t.slug)
    if (!articles.some((a) => a.slug === t.of)) throw new Error(`${t.slug}: translation of unknown article ${t.of}`)
    if (translations.some((other) => other !== t && other.of === t.of && other.language === t.language))
      throw new Error(`${t.of}: two ${t.language} translations`)
    if (t.lead.length > 300) throw new Error(`${t.slug}: lead longer than 300 characters`)
  }

  rmSync(IMAGES, { recursive: true, force: true })
  mkdirSync(IMAGES, { recursive: true })
  const system = (id: string, created: string, updated = created) => ({ _rev: `demo-${key(id)}`, _createdAt: created, _updatedAt: updated })
  const docs: LakeDocument[] = []

  for (const c of taxonomy.countries) {
    const id = ids.country(c.slug)
    docs.push({ _id: id, _type: 'country', ...system(id, anchor), name: localeString(c), slug: slugOf(c.slug), code: c.code })
  }
  for (const t of taxonomy.topics) {
    const id = ids.topic(t.slug)
    docs.push({
      _id: id,
      _type: 'topic',
      ...system(id, anchor),
      title: localeString(t),
      slug: slugOf(t.slug),
      description: { _type: 'localeText', ru: t.description },
    })
  }
  for (const p of taxonomy.people) {
    const id = ids.person(p.slug)
    docs.push({
      _id: id,
      _type: 'person',
      ...system(id, anchor),
      name: localeString(p),
      slug: slugOf(p.slug),
      role: { _type: 'localeString', ru: p.role },
      country: ref(ids.country(p.country)),
    })
  }
  for (const a of taxonomy.authors) {
    const id = ids.author(a.slug)
    docs.push({ _id: id, _type: 'author', ...system(id, anchor), name: localeString(a), slug: slugOf(a.slug), bio: { _type: 'localeText', ru: a.bio } })
  }

  const codeOf = new Map(taxonomy.countries.map((c) => [c.slug, c.code]))
  const articleDocs: LakeDocument[] = []
  for (const a of articles) {
    const codes = a.countries.map((c) => codeOf.get(c) ?? '')
    const { doc: asset } = await imageAsset(a.slug, a.topics[0]!, codes, anchor)
    docs.push(asset)
    const published = almatyDate(anchorDay, a.daysAgo, a.time)
    const updated = a.updatedHoursLater ? new Date(published.getTime() + a.updatedHoursLater * 3_600_000) : undefined
    const id = ids.article(a.slug)
    const genitives = codes.map((c) => COUNTRY_GENITIVE[c]).filter(Boolean)
    const alt = genitives.length
      ? `Иллюстрация: абстрактная композиция в цветах флагов ${genitives.length > 1 ? `${genitives.slice(0, -1).join(', ')} и ${genitives.at(-1)}` : genitives[0]}`
      : 'Иллюстрация: абстрактная цветная композиция'
    articleDocs.push({
      _id: id,
      _type: 'article',
      ...system(id, published.toISOString(), (updated ?? published).toISOString()),
      title: a.title,
      slug: slugOf(a.slug),
      lead: a.lead,
      language: 'ru',
      publishedAt: published.toISOString(),
      ...(updated ? { updatedAt: updated.toISOString() } : {}),
      mainImage: { _type: 'figure', asset: ref(asset._id), alt, caption: a.image.caption, credit: 'Иллюстрация: Baspa' },
      body: toPortableText(a.body, a.slug),
      topics: a.topics.map((s, i) => ref(ids.topic(s), i)),
      people: a.people.map((s, i) => ref(ids.person(s), i)),
      countries: a.countries.map((s, i) => ref(ids.country(s), i)),
      authors: a.authors.map((s, i) => ref(ids.author(s), i)),
    })
  }
  // Translations: an article each (language kk/en, the original's dates, references and image), and
  // one translation.metadata document per original linking them (the document-internationalization shape).
  const byId = new Map(articleDocs.map((doc) => [doc._id, doc]))
  for (const original of articles.filter((a) => translations.some((t) => t.of === a.slug))) {
    const source = byId.get(ids.article(original.slug))!
    const set = translations.filter((t) => t.of === original.slug)
    for (const t of set) {
      const id = ids.article(t.slug)
      const mainImage = source.mainImage as Record<string, unknown>
      articleDocs.push({
        ...source,
        _id: id,
        _rev: `demo-${key(id)}`,
        title: t.title,
        slug: slugOf(t.slug),
        lead: t.lead,
        language: t.language,
        mainImage: { ...mainImage, alt: t.image.alt, caption: t.image.caption, credit: t.image.credit },
        body: toPortableText(t.body, t.slug),
      })
    }
    const metadataId = `translations-${original.slug}`
    docs.push({
      _id: metadataId,
      _type: 'translation.metadata',
      ...system(metadataId, String(source._createdAt)),
      schemaTypes: ['article'],
      translations: [{ language: 'ru', id: source._id }, ...set.map((t) => ({ language: t.language, id: ids.article(t.slug) }))].map(({ language, id }) => ({
        _key: language,
        _type: 'internationalizedArrayReferenceValue',
        value: { _type: 'reference', _ref: id, _weak: true },
      })),
    })
  }
  articleDocs.sort((x, y) => String(y.publishedAt).localeCompare(String(x.publishedAt)))
  docs.push(...articleDocs)

  const seed = articles.find((a) => (a as { seed?: boolean }).seed)
  docs.push({
    _id: 'siteSettings',
    _type: 'siteSettings',
    ...system('siteSettings', anchor),
    title: 'Baspa',
    description: 'Новости Казахстана и Центральной Азии: политика, экономика, дипломатия, общество.',
    mainNavigation: taxonomy.topics.filter((t) => t.main).map((t, i) => ref(ids.topic(t.slug), i)),
    ...(seed ? { leadStory: ref(ids.article(seed.slug)) } : {}),
  })

  writeFileSync(join(OUT, 'data.ndjson'), serializeNdjson(docs))
  console.log(`wrote ${docs.length} documents (${articleDocs.length} articles) and ${articleDocs.length} images, anchored on ${anchorDay}`)
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
