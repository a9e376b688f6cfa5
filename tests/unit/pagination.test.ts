import { describe, expect, it } from 'vitest'
import { pageCount, pageRange, parsePageNumber } from '@/sanity/pagination'

describe('page numbers', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['120', 120],
    ['0', null],
    ['-1', null],
    ['02', null],
    ['2.0', null],
    ['1e3', null],
    ['abc', null],
    ['', null],
    ['9999999', null],
  ])('%s → %s', (segment, page) => expect(parsePageNumber(segment)).toBe(page))

  it('counts pages and ranges', () => {
    expect(pageCount(0)).toBe(1)
    expect(pageCount(20)).toBe(1)
    expect(pageCount(21)).toBe(2)
    expect(pageRange(3)).toEqual({ start: 40, end: 60 })
  })
})
