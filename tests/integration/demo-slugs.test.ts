import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { slugify } from '@/lib/slug'

describe('slugify reproduces the published demo slugs', () => {
  type Named = string | { ru: string }
  type Doc = { _id: string; _type: string; slug?: { current: string }; title?: Named; name?: Named }

  const docs = readFileSync('data/demo/data.ndjson', 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Doc)
    .filter((doc) => ['article', 'topic', 'person', 'country', 'author'].includes(doc._type) && doc.slug)

  const sourceText = (doc: Doc) => {
    const text = doc.title ?? doc.name
    return typeof text === 'string' ? text : (text?.ru ?? '')
  }

  // Slugs an editor wrote by hand (shortened, reworded, official Latin spelling), keyed by the published slug.
  // They stay as published: changing them would break links.
  const HAND_MADE: Record<string, string> = {
    kazakhstan: 'Казахстан: the English spelling, the scheme gives kazahstan',
    transport: 'Транспорт и логистика: shortened',
    'shavkat-mirziyoev': 'Мирзиёев: the official Latin spelling, the scheme gives mirzieev (ё → e)',
    'peregovory-tokaeva-i-van-i': 'the part after the colon dropped',
    'tovarooborot-kazahstana-i-yuzhnoy-korei-vyros': '«на 18%» dropped',
    'kassovye-sbory-kazahstanskogo-kino-vyrosli': '«на 20%» dropped',
    'tokaev-oboznachil-prioritety-ekonomicheskoy-politiki-na-rasshirennom-zasedanii': '«правительства» dropped',
    'osms-perechen-uslug-rasshiryat-dlya-patsientov-s-hronicheskimi-zabolevaniyami': 'reordered, and ц written ts',
    'ministry-c5-1-i-ssha-obsudili-regionalnuyu-svyazannost': '«стран формата» dropped',
    'shtaynmayer-otkryl-kazahstansko-germanskiy-biznes-forum': '«и Токаев» dropped, открыли → otkryl',
    'kazahstan-i-tadzhikistan-nameteli-uvelichit-tovarooborot': 'shortened, наметили → nameteli',
    'tokaev-i-berdymuhamedov-dogovorilis-rasshirit-sotrudnichestvo': '«энергетическое и транзитное» dropped',
    'golovkin-provel-zasedanie-ispolkoma-nok': 'НОК abbreviated',
    'astana-hub-i-yaponskie-venchurnye-fondy-zapustili-akselerator': '«совместный» dropped',
    'perevalka-konteynerov-v-portu-aktau-vyrosla-na-treti': '«почти» dropped, треть → treti',
    'pravitelstvo-podvelo-itogi-socialno-ekonomicheskogo-razvitiya': '«с начала года» dropped',
    // translations (branch i18n), their slugs written by the translator
    'toqaev-qytay-syrtqy-ister-ministri-van-iydi-qabyldady': 'Ван Иді written van-iydi, the scheme gives van-idi',
    'kazakhstans-annual-inflation-slows-to-10-8': 'the apostrophe dropped, the scheme gives kazakhstan-s',
  }

  it('covers every kind of document', () => {
    expect(new Set(docs.map((doc) => doc._type))).toEqual(new Set(['article', 'topic', 'person', 'country', 'author']))
    expect(docs.length).toBeGreaterThanOrEqual(90)
  })

  it('matches every slug that was not written by hand', () => {
    const mismatches = docs
      .filter((doc) => !(doc.slug!.current in HAND_MADE))
      .filter((doc) => slugify(sourceText(doc)) !== doc.slug!.current)
      .map((doc) => `${doc._id}: ${sourceText(doc)} → ${slugify(sourceText(doc))}, published ${doc.slug!.current}`)
    expect(mismatches).toEqual([])
  })

  it('lists only hand-made slugs that are still published and still differ', () => {
    const published = new Map(docs.map((doc) => [doc.slug!.current, doc]))
    for (const slug of Object.keys(HAND_MADE)) {
      const doc = published.get(slug)
      expect(doc, slug).toBeDefined()
      expect(slugify(sourceText(doc!)), slug).not.toBe(slug)
    }
  })
})
