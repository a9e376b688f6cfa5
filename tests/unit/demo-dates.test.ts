import { describe, expect, it } from 'vitest'
import { shiftDemoDates } from '@/lib/demo-dates'

describe('demo dates', () => {
  const doc = (publishedAt: string) => ({ _id: publishedAt, _type: 'article', publishedAt, _createdAt: publishedAt })
  it('moves every date by whole days so the newest article is from today', () => {
    const shifted = shiftDemoDates([doc('2026-01-10T06:00:00.000Z'), doc('2026-01-01T06:00:00.000Z')], new Date('2026-03-01T12:00:00Z'))
    expect(shifted.map((d) => d.publishedAt)).toEqual(['2026-03-01T06:00:00.000Z', '2026-02-20T06:00:00.000Z'])
    expect(shifted[0]!._createdAt).toBe('2026-03-01T06:00:00.000Z')
  })
  it('moves no article date into the future: a correction later in the day keeps the shift a day shorter', () => {
    const corrected = { ...doc('2026-01-10T06:40:00.000Z'), updatedAt: '2026-01-10T07:40:00.000Z' }
    const [shifted] = shiftDemoDates([corrected], new Date('2026-03-01T07:31:00Z'))
    expect(shifted!.updatedAt).toBe('2026-02-28T07:40:00.000Z')
    expect(shifted!.publishedAt).toBe('2026-02-28T06:40:00.000Z')
    expect(shiftDemoDates([corrected], new Date('2026-03-01T07:41:00Z'))[0]!.updatedAt).toBe('2026-03-01T07:40:00.000Z')
  })
  it('never moves an article into the future and leaves a fresh dataset alone', () => {
    const docs = [doc('2026-03-01T18:00:00.000Z')]
    expect(shiftDemoDates(docs, new Date('2026-03-02T12:00:00Z'))).toBe(docs)
    expect(shiftDemoDates(docs, new Date('2026-03-01T19:00:00Z'))).toBe(docs)
  })
})
