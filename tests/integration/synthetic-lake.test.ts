import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { generateSyntheticLake } from '@/scripts/synthetic/generate'

describe('the synthetic lake generator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baspa-synthetic-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("leaves the planner's statistics in the file, so the lake's first start does not compute them", () => {
    const result = generateSyntheticLake({ articles: 150, seed: 7, db: join(dir, 'lake.sqlite'), now: new Date('2026-11-01T00:00:00Z') })
    const db = new Database(result.db, { readonly: true })
    try {
      const stat = db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'lake_docs_id'").pluck().get() as string | undefined
      const rows = db.prepare('SELECT count(*) FROM lake_docs').pluck().get() as number
      expect(rows).toBeGreaterThan(150)
      expect(Number(stat?.split(' ')[0])).toBe(rows)
    } finally {
      db.close()
    }
  })
})
