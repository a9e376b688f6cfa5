import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { articleEditions } from '@/lib/paths'
import { tempLake, type TempLake } from '../fixtures/lake'

describe('translations on the real lake', () => {
  const SEED = 'tokaev-prinyal-ministra-inostrannyh-del-kitaya-van-i'
  let lake: TempLake
  beforeAll(async () => {
    lake = await tempLake()
  })
  afterAll(() => lake.dispose())

  it('the seed article has its Kazakh and English translations', async () => {
    const article = await lake.api.article(SEED, 'ru')
    expect(article?.language).toBe('ru')
    expect(articleEditions(article!)).toEqual({
      ru: `/news/${SEED}`,
      kk: '/kk/news/toqaev-qytay-syrtqy-ister-ministri-van-iydi-qabyldady',
      en: '/en/news/tokayev-receives-chinese-foreign-minister-wang-yi',
    })
  })

  it('a translation links back, with names in its language', async () => {
    const article = await lake.api.article('toqaev-qytay-syrtqy-ister-ministri-van-iydi-qabyldady', 'kk')
    expect(article?.language).toBe('kk')
    expect(article?.translations.map((t) => t.language).sort()).toEqual(['en', 'kk', 'ru'])
    expect(article?.topics[0]?.title).toBe('Дипломатия')
    expect(article?.people.map((p) => p.name)).toContain('Қасым-Жомарт Тоқаев')
  })

  it('an article is only found in its own edition', async () => {
    expect(await lake.api.article(SEED, 'kk')).toBeNull()
    expect(await lake.api.article('tokayev-receives-chinese-foreign-minister-wang-yi', 'ru')).toBeNull()
  })

  it('at least five articles have both translations', async () => {
    const sets = (await lake.engine.query('*[_type == "translation.metadata"]{ "languages": translations[].value->language }')) as { languages: string[] }[]
    expect(sets.filter((set) => ['ru', 'kk', 'en'].every((l) => set.languages.includes(l))).length).toBeGreaterThanOrEqual(5)
  })

  it('section fronts list the edition’s articles only; documents without a language count as Russian', async () => {
    const [ru, kk, en] = await Promise.all([lake.api.home('ru'), lake.api.home('kk'), lake.api.home('en')])
    expect(kk.latest.length + (kk.leadStory ? 1 : 0)).toBe(5)
    expect(en.leadStory?.title).toMatch(/^[\x20-\x7e’—–]+$/)
    expect(ru.latest.some((card) => card.slug.startsWith('toqaev'))).toBe(false)
    const topic = await lake.api.archivePage('topics', 'diplomatiya', 1, 'en')
    expect(topic?.title).toBe('Diplomacy')
    expect(topic?.articles.every((card) => /^[\x20-\x7e’]+$/.test(card.title))).toBe(true)
  })
})
