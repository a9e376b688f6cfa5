import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { applyMutations, backupLake, DEFAULT_LIMITS, restoreLake } from '@baspa/lake'
import { contentApi } from '@/sanity/content'
import { startLocalLake } from '@/scripts/lake-service'
import { SEED_SLUG, tempLake, type TempLake } from '../fixtures/lake'

/**
 * The restore drill, as far as the site is concerned: a lake backed up while the newsroom writes,
 * restored into an empty folder, and the site's own data layer reading the restored lake over
 * HTTP, as the site does (packages/lake/tests/backup.test.ts proves the consistency under a
 * writer of its own).
 */
let lake: TempLake | undefined
const folders: string[] = []
afterEach(async () => {
  await lake?.dispose()
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

it('the site serves from a restored backup: the seed article, and one published just before the backup', async () => {
  lake = await tempLake()
  const folder = mkdtempSync(join(tmpdir(), 'baspa-restore-'))
  folders.push(folder)
  const seed = (await lake.api.article(SEED_SLUG))!
  const stored = lake.store.getDocument(seed._id)!
  await applyMutations(lake.store, lake.engine, [
    { createOrReplace: { ...stored, _id: 'article-restore-drill', slug: { _type: 'slug', current: 'restore-drill' }, title: 'Учения по восстановлению' } },
  ])
  // Writes go on while the copy is taken: whatever lands after its point is simply not in it.
  const writing = applyMutations(lake.store, lake.engine, [{ createOrReplace: { _id: 'drafts.article-restore-drill', _type: 'article', title: 'Черновик' } }])
  const backup = await backupLake(lake.store.file, { dir: join(folder, 'backups'), keep: 1 })
  await writing

  const restoredFile = join(folder, 'restored', 'lake.sqlite')
  restoreLake(backup.dir, restoredFile)
  const restored = await startLocalLake(restoredFile, { limits: { ...DEFAULT_LIMITS, queryWorkers: 1 } })
  try {
    const api = contentApi(restored.client, 'published')
    expect((await api.article(SEED_SLUG))?.title).toBe(seed.title)
    expect((await api.article('restore-drill'))?.title).toBe('Учения по восстановлению')
    expect((await api.home()).latest.length).toBeGreaterThan(0)
  } finally {
    await restored.close()
  }
})
