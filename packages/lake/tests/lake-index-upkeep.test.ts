import { describe, expect, it } from 'vitest'
import { ensureElementIndex, rebuildCounts } from '../src/index-tables'
import type { LakeDocument } from '../src/ndjson'
import { LakeStore } from '../src/store'
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

  it('statistics describe the lake a process opens, not the empty one it grew from, and keep no samples', () => {
    const lake = tempLake({ empty: true })
    try {
      const stat = (store: LakeStore) => store.db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'lake_docs_id'").pluck().get() as string | undefined
      const seed = { _type: 'article', slug: { _type: 'slug', current: 'x' }, publishedAt: '2026-01-01T00:00:00Z' }
      lake.store.writeDocuments(Array.from({ length: 600 }, (_, i) => ({ ...seed, _id: `a-${i}`, slug: { _type: 'slug', current: `a-${i}` } })))
      expect(Number(stat(lake.store)?.split(' ')[0] ?? 0)).toBeLessThan(100)
      const reopened = new LakeStore(lake.file)
      try {
        expect(Number(stat(reopened)?.split(' ')[0])).toBe(600)
        expect(reopened.db.prepare('SELECT count(*) FROM sqlite_stat4').pluck().get()).toBe(0)
        // A slug is looked up by the slug index, not the type index the empty lake's statistics preferred.
        const plan = reopened.db
          .prepare("EXPLAIN QUERY PLAN SELECT rid FROM lake_docs d WHERE d.pub = 1 AND d.f_type IS 'article' AND d.f_slug IS 'a-5'")
          .all() as { detail: string }[]
        expect(plan.map((row) => row.detail).join(' ')).toContain('lake_docs_slug')
      } finally {
        reopened.close()
      }
    } finally {
      lake.dispose()
    }
  })
})

describe('the element index (lake_elements)', () => {
  const elements = (store: TempLake['store']) =>
    store.db.prepare('SELECT e.field, e.value, d.id FROM lake_elements e JOIN lake_docs d ON d.rid = e.rid ORDER BY 1, 2, 3').all()
  /** The element index built afresh from the documents (in a savepoint that is rolled back). */
  function fresh(store: TempLake['store']) {
    store.db.exec('SAVEPOINT fresh')
    try {
      store.db.exec('DROP TABLE lake_elements')
      ensureElementIndex(store.db)
      return elements(store)
    } finally {
      store.db.exec('ROLLBACK TO fresh; RELEASE fresh')
    }
  }

  it('lists the strings of each list, follows every write and deletion, and is built when a lake without it is opened', () => {
    const lake = tempLake()
    try {
      const [a, b, c] = lake.store.allDocuments().filter((doc) => doc._type === 'article') as [LakeDocument, LakeDocument, LakeDocument]
      lake.store.writeDocuments([
        { ...a, _rev: undefined, previousSlugs: ['old-a', 'older-a', 7, null, 'old-a'] },
        { ...b, _rev: undefined, previousSlugs: 'not-a-list' },
        { ...c, _rev: undefined, previousSlugs: ['old-c'] },
        { ...c, _id: `drafts.${c._id}`, _rev: undefined, previousSlugs: ['old-c', 'draft-c'] },
      ])
      expect(elements(lake.store)).toStrictEqual([
        { field: 'previousSlugs', value: 'draft-c', id: `drafts.${c._id}` },
        { field: 'previousSlugs', value: 'old-a', id: a._id },
        { field: 'previousSlugs', value: 'old-c', id: c._id },
        { field: 'previousSlugs', value: 'old-c', id: `drafts.${c._id}` },
        { field: 'previousSlugs', value: 'older-a', id: a._id },
      ])
      expect(fresh(lake.store)).toStrictEqual(elements(lake.store))
      lake.store.writeDocuments([{ ...a, _rev: undefined, previousSlugs: ['newer-a'] }])
      lake.store.exclusive(() =>
        lake.store.commit({ transactionId: 'tx-delete', author: 't', timestamp: new Date().toISOString(), mutations: {}, remove: [`drafts.${c._id}`] }),
      )
      const after = elements(lake.store)
      expect(after).toStrictEqual([
        { field: 'previousSlugs', value: 'newer-a', id: a._id },
        { field: 'previousSlugs', value: 'old-c', id: c._id },
      ])
      expect(fresh(lake.store)).toStrictEqual(after)
      // A lake indexed before the element index gets it at open.
      lake.store.db.exec('DROP TABLE lake_elements')
      const reopened = new LakeStore(lake.file)
      try {
        expect(elements(reopened)).toStrictEqual(after)
      } finally {
        reopened.close()
      }
    } finally {
      lake.dispose()
    }
  })
})

describe('work at open', () => {
  it('is announced before it is done, and a lake that needs none announces nothing', () => {
    const lake = tempLake()
    const reopen = () => {
      const work: string[] = []
      new LakeStore(lake.file, { onMaintenance: (what) => work.push(what) }).close()
      return work
    }
    try {
      // A lake that grew from empty has statistics of an empty lake: taken again at its first open.
      reopen()
      expect(reopen()).toEqual([])
      lake.store.db.exec("DROP TABLE lake_elements; DROP INDEX lake_docs_prev; DELETE FROM lake_meta WHERE key = 'count_version'; DROP TABLE sqlite_stat1")
      expect(reopen()).toEqual([
        'creating the index lake_docs_prev',
        'indexing the elements of lists (a lake indexed before that index)',
        'counting the documents by group (a lake without this version’s counts)',
        'taking the planner’s statistics (the lake has grown or shrunk since they were taken)',
      ])
      lake.store.db.exec("UPDATE lake_meta SET value = '0' WHERE key = 'index_version'")
      expect(reopen()).toEqual([
        'indexing every document (a lake without this version’s indexes)',
        // Dropped with the tables they index.
        'creating the index lake_docs_prev',
        'creating the index lake_docs_visible',
        'creating the index lake_refs_type',
        'creating the index lake_docs_sysupd',
      ])
      expect(reopen()).toEqual([])
    } finally {
      lake.dispose()
    }
  })
})
