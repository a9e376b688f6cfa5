import type { LakeDocument } from '@baspa/lake'

const DAY_MS = 86_400_000
const DATE_FIELDS = ['publishedAt', 'updatedAt', '_createdAt', '_updatedAt'] as const

/**
 * The demo dataset is written on one day; seeding moves every date forward by whole days so that
 * the newest article is from today or yesterday and the demo always looks current. No article date
 * (publication, correction, system dates) lands in the future: a correction dated later today would
 * make the article's lastmod depend on the hour the demo was seeded. A shifted document gets a
 * revision of its own: the same `_rev` must never name two contents (the search index persisted by
 * a server trusts revisions, lib/search/storage.ts).
 */
export function shiftDemoDates(documents: LakeDocument[], now: Date): LakeDocument[] {
  const newest = Math.max(
    ...documents
      .filter((doc) => doc._type === 'article')
      .flatMap((doc) => DATE_FIELDS.map((field) => doc[field]))
      .filter((value): value is string => typeof value === 'string')
      .map(Date.parse)
      .filter((time) => !Number.isNaN(time)),
  )
  if (!Number.isFinite(newest)) return documents
  const days = Math.floor((now.getTime() - newest) / DAY_MS)
  if (days <= 0) return documents
  return documents.map((doc) => {
    const shifted: LakeDocument = { ...doc, ...(doc._rev ? { _rev: `${doc._rev}-d${days}` } : {}) }
    for (const field of DATE_FIELDS) {
      const value = doc[field]
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
        shifted[field] = new Date(Date.parse(value) + days * DAY_MS).toISOString()
      }
    }
    return shifted
  })
}
