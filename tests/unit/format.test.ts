import { describe, expect, it } from 'vitest'
import { articlesCount, formatCardDate, formatDateTime, pluralize } from '@/lib/format'

describe('formatting for readers', () => {
  it('prints Almaty time in Russian', () => {
    expect(formatDateTime('2026-11-28T06:40:00Z')).toBe('28 ноября 2026 г. в 11:40')
    expect(formatDateTime('2026-12-31T20:30:00Z')).toBe('1 января 2027 г. в 01:30')
  })
  it('cards show the time for today and the date before that (Almaty days)', () => {
    const now = new Date('2026-11-28T10:00:00Z')
    expect(formatCardDate('2026-11-28T06:40:00Z', now)).toBe('11:40')
    expect(formatCardDate('2026-11-27T18:59:00Z', now)).toBe('27 ноября')
    expect(formatCardDate('2026-11-27T19:00:00Z', now)).toBe('00:00')
  })
  it('pluralizes Russian nouns', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 101, 111].map(articlesCount)).toEqual([
      '1 статья',
      '2 статьи',
      '5 статей',
      '11 статей',
      '21 статья',
      '22 статьи',
      '25 статей',
      '101 статья',
      '111 статей',
    ])
    expect(pluralize(0, ['a', 'b', 'c'])).toBe('0 c')
  })
})
