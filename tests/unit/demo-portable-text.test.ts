import { describe, expect, it } from 'vitest'
import { toPortableText } from '@/scripts/demo/portable-text'

describe('demo Portable Text', () => {
  it('turns links and bold into annotations and decorators, with stable keys', () => {
    const [block] = toPortableText(['См. [сайт](https://gov.kz/) и **важное**.'], 'slug') as {
      children: { text: string; marks: string[] }[]
      markDefs: { _key: string; href: string }[]
    }[]
    expect(block!.children.map((c) => c.text)).toEqual(['См. ', 'сайт', ' и ', 'важное', '.'])
    expect(block!.markDefs[0]!.href).toBe('https://gov.kz/')
    expect(block!.children[1]!.marks).toEqual([block!.markDefs[0]!._key])
    expect(block!.children[3]!.marks).toEqual(['strong'])
    expect(toPortableText(['x'], 'slug')).toEqual(toPortableText(['x'], 'slug'))
  })
  it('makes headings, quotes and lists', () => {
    const blocks = toPortableText([{ h2: 'H' }, { quote: 'Q' }, { ol: ['1', '2'] }], 's') as { style: string; listItem?: string }[]
    expect(blocks.map((b) => [b.style, b.listItem])).toEqual([
      ['h2', undefined],
      ['blockquote', undefined],
      ['normal', 'number'],
      ['normal', 'number'],
    ])
  })
})
