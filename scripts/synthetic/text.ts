/**
 * Synthetic news text with the demo's vocabulary: word-bigram Markov chains trained on the demo
 * dataset's titles, leads and bodies (so word frequencies and sentence shapes are the demo's), plus
 * a Zipf-distributed pool of invented proper names and numbers for the long tail a real archive has.
 */
import { Random, Zipf } from './random'
import type { DemoDataset } from './demo'

/** A bigram Markov chain over words (punctuation stays attached to its word). */
class Chain {
  private readonly next = new Map<string, string[]>()
  constructor(sentences: string[]) {
    for (const sentence of sentences) {
      const words = sentence.split(/\s+/).filter(Boolean)
      let previous = '^'
      for (const word of [...words, '$']) {
        const list = this.next.get(previous) ?? []
        list.push(word)
        this.next.set(previous, list)
        previous = word
      }
    }
  }
  sentence(random: Random, minWords: number, maxWords: number, decorate: (word: string) => string): string {
    for (;;) {
      const words: string[] = []
      let word = '^'
      while (words.length < maxWords) {
        word = random.pick(this.next.get(word) ?? ['$'])
        if (word === '$') break
        words.push(decorate(word))
      }
      if (words.length >= minWords) return words.join(' ')
    }
  }
}

const SYLLABLES =
  'ба бе би бо ва ве ви га ге ги да де ди до жа за зе ка ке ки ко ку ла ле ли ло ма ме ми мо му на не ни но ну ра ре ри ро ру са се си со та те ти то ту ха шы ай ен ар ас ат ул ым ек'.split(
    ' ',
  )

const sentencesOf = (texts: string[]) => texts.flatMap((text) => text.split(/(?<=[.!?…])\s+/)).filter((s) => s.split(' ').length >= 3)

export class SyntheticText {
  private readonly titles: Chain
  private readonly leads: Chain
  private readonly bodies: Chain
  private readonly names: Zipf<string>
  private readonly decorate = (word: string) => this.longTail(word)

  constructor(
    private readonly random: Random,
    demo: DemoDataset,
  ) {
    this.titles = new Chain(demo.articles.map((a) => String(a.title)))
    this.leads = new Chain(sentencesOf(demo.articles.map((a) => String(a.lead))))
    this.bodies = new Chain(sentencesOf(demo.articles.flatMap((a) => blockTexts(a.body))))
    const pool = Array.from({ length: 50_000 }, () => this.inventedName())
    this.names = new Zipf(pool, random)
  }

  /** A capitalised invented word (a surname, a place). */
  inventedName(): string {
    const name = Array.from({ length: this.random.int(2, 4) }, () => this.random.pick(SYLLABLES)).join('')
    return name[0]!.toUpperCase() + name.slice(1) + this.random.pick(['', '', 'ов', 'ев', 'ский', 'бек', 'стан', 'ия'])
  }

  title(): string {
    return this.titles.sentence(this.random, 4, 14, this.decorate).replace(/[.,;:]$/, '')
  }

  lead(): string {
    return this.leads.sentence(this.random, 8, 35, this.decorate)
  }

  /** A paragraph of 2–4 sentences of body text. */
  paragraph(): string {
    return Array.from({ length: this.random.int(2, 4) }, () => this.bodies.sentence(this.random, 5, 35, this.decorate)).join(' ')
  }

  private longTail(word: string): string {
    const r = this.random.next()
    if (r < 0.03) return this.names.pick()
    if (r < 0.04) return String(this.random.int(2, 99_999))
    return word
  }
}

/** The plain text of a Portable Text body's blocks, one string a block. */
export function blockTexts(body: unknown): string[] {
  return ((body as { children?: { text?: string }[] }[] | undefined) ?? [])
    .map((block) => (block.children ?? []).map((child) => child.text ?? '').join(''))
    .filter(Boolean)
}
