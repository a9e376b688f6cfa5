import { describe, expect, it } from 'vitest'
import { rebuildCounts } from '../src/index-tables'
import type { LakeDocument } from '../src/ndjson'
import { tempLake, type TempLake } from './lake-fixture'

/** The count groups as the write transactions left them. */
const counts = (lake: TempLake) => ({
  refs: lake.store.db.prepare('SELECT ref, k, n FROM lake_ref_counts ORDER BY ref, k').all(),
  docs: lake.store.db.prepare('SELECT k, n FROM lake_doc_counts ORDER BY k').all(),
})

/** The count groups built afresh from the indexes (in a savepoint that is rolled back). */
function rebuilt(lake: TempLake) {
  const db = lake.store.db
  db.exec('SAVEPOINT fresh')
  try {
    rebuildCounts(db)
    return counts(lake)
  } finally {
    db.exec('ROLLBACK TO fresh; RELEASE fresh')
  }
}

describe('the count groups (lake_ref_counts, lake_doc_counts)', () => {
  it('follow every write, deletion, draft and publication, as a rebuild from the indexes counts them', () => {
    const lake = tempLake()
    try {
      const initial = counts(lake)
      expect(initial.refs.length).toBeGreaterThan(10)
      expect(initial).toStrictEqual(rebuilt(lake))
      const articles = lake.store.allDocuments().filter((doc) => doc._type === 'article')
      const [a, b, c, d] = articles as [LakeDocument, LakeDocument, LakeDocument, LakeDocument]
      const commit = (change: { put?: LakeDocument[]; remove?: string[] }) =>
        lake.store.exclusive(() =>
          lake.store.commit({ transactionId: `tx-${Math.random()}`, author: 't', timestamp: new Date().toISOString(), mutations: {}, ...change }),
        )
      // Another language, no slug, a number for a date, other references, a deletion.
      lake.store.writeDocuments([
        { ...a, _rev: undefined, language: 'kk', topics: [] },
        { ...b, _rev: undefined, slug: undefined, publishedAt: 20260101 },
        { ...c, _rev: undefined, seo: { noindex: true }, countries: [{ _type: 'reference', _ref: 'some-other-id', _key: 'x' }] },
      ])
      commit({ remove: [d._id] })
      expect(counts(lake)).toStrictEqual(rebuilt(lake))
      // A draft over a published article, a draft never published, then the first published (its draft deleted).
      lake.store.writeDocuments([
        { ...a, _id: `drafts.${a._id}`, _rev: undefined, language: 'en' },
        { ...b, _id: 'drafts.article-new', _rev: undefined },
      ])
      expect(counts(lake)).toStrictEqual(rebuilt(lake))
      commit({ put: [{ ...a, _rev: 'published-rev', language: 'en' }], remove: [`drafts.${a._id}`] })
      // Deleted and created again under the same id (a new row).
      commit({ remove: [b._id] })
      lake.store.writeDocuments([{ ...b, _rev: undefined }])
      expect(counts(lake)).toStrictEqual(rebuilt(lake))
      expect(counts(lake)).not.toStrictEqual(initial)
    } finally {
      lake.dispose()
    }
  })

  it('are built when a lake without them is opened', () => {
    const lake = tempLake()
    try {
      const before = counts(lake)
      lake.store.db.exec("DROP TABLE lake_ref_counts; DROP TABLE lake_doc_counts; DELETE FROM lake_meta WHERE key = 'count_version'")
      const reopened = new (lake.store.constructor as new (file: string) => TempLake['store'])(lake.file)
      try {
        expect(counts({ ...lake, store: reopened })).toStrictEqual(before)
      } finally {
        reopened.close()
      }
    } finally {
      lake.dispose()
    }
  })
})
