import { describe, expect, it } from 'vitest'
import type { RelatedCandidate } from '@/sanity/models'
import { pickRelated } from '@/sanity/related'

describe('related articles', () => {
  const card = (id: string, relevance: number): RelatedCandidate => ({
    _id: id,
    title: id,
    slug: id,
    lead: 'lead',
    publishedAt: '2026-01-01T00:00:00Z',
    updatedAt: undefined,
    image: undefined,
    topic: undefined,
    relevance,
  })
  it('keeps up to six sharing articles and drops the rest', () => {
    const picked = pickRelated([3, 2, 2, 1, 1, 1, 1, 0].map((r, i) => card(`a${i}`, r)))
    expect(picked.map((c) => c._id)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5'])
    expect(picked[0]).not.toHaveProperty('relevance')
  })
  it('fills up to three with recent unrelated articles', () => {
    expect(pickRelated([card('a', 1), card('b', 0), card('c', 0), card('d', 0)]).map((c) => c._id)).toEqual(['a', 'b', 'c'])
    expect(pickRelated([card('b', 0)]).map((c) => c._id)).toEqual(['b'])
    expect(pickRelated([])).toEqual([])
  })
})
