import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backupLake, BackupError, listBackups, restoreLake, startBackupSchedule } from '../src/backup'
import { DEFAULT_LIMITS } from '../src/config'
import { startLakeServer } from '../src/http/server'
import { LakeTokens } from '../src/http/tokens'
import { openLake } from '../src/lake'
import { lakeClient, tempLake } from './lake-fixture'
import { expectWholeTransactions, startWriter } from './writer'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../bin/baspa-lake.mjs')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lake-backup-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('the restore drill', () => {
  it('a backup taken while a writer commits holds every transaction acknowledged before it, none torn; restored, it passes the integrity check and serves', async () => {
    const file = join(dir, 'live', 'lake.sqlite')
    mkdirSync(join(dir, 'live'))
    openLake(file).store.close()
    const writer = startWriter(file)
    try {
      await Promise.race([expect.poll(() => writer.acknowledged.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(100), writer.running])
      const before = [...writer.acknowledged]
      const backup = await backupLake(file, { dir: join(dir, 'backups'), keep: 3 })
      // The writer went on during the copy: the backup's point is later than what it had acknowledged before.
      expect(writer.acknowledged.length).toBeGreaterThan(before.length)
      await writer.kill()

      const restored = join(dir, 'restored', 'lake.sqlite')
      const result = restoreLake(backup.dir, restored)
      expect(result.manifest.lastTransaction?.sequence).toBe(backup.manifest.lastTransaction?.sequence)
      const lake = openLake(restored)
      try {
        const committed = expectWholeTransactions(lake.store, before)
        expect(lake.store.lastSequence()).toBe(backup.manifest.lastTransaction!.sequence)

        const tokens = new LakeTokens(lake.store)
        const server = await startLakeServer({
          lake,
          tokens,
          projectId: 'local',
          dataset: 'production',
          limits: { ...DEFAULT_LIMITS, queryWorkers: 1 },
          httpPort: 0,
        })
        try {
          expect(await lakeClient(server.httpUrl).fetch('count(*[_type == "pair"])')).toBe(2 * committed.length)
        } finally {
          await server.close()
        }
      } finally {
        lake.store.close()
      }
    } finally {
      await writer.kill()
    }
  })
})

describe('backups', () => {
  it('hold the database, the tokens beside it and a manifest; the oldest beyond `keep` and abandoned partial copies are removed', async () => {
    const lake = tempLake()
    try {
      writeFileSync(join(lake.dir, 'lake-tokens.json'), '{"editor":"ske_x"}')
      const backups = join(dir, 'backups')
      mkdirSync(backups)
      mkdirSync(join(backups, 'lake-2020-01-01T00-00-00-000Z.partial-999999999'))
      const first = await backupLake(lake.file, { dir: backups, keep: 2 })
      expect(readdirSync(first.dir).sort()).toEqual(['lake-tokens.json', 'lake.sqlite', 'manifest.json'])
      expect(first.manifest).toMatchObject({
        format: 'baspa-lake-backup/1',
        source: lake.file,
        documents: lake.store.count(),
        assets: 46,
        check: 'ok',
        lastTransaction: { sequence: lake.store.lastSequence() },
      })
      expect(first.removed).toEqual([join(backups, 'lake-2020-01-01T00-00-00-000Z.partial-999999999')])
      await backupLake(lake.file, { dir: backups, keep: 2 })
      const third = await backupLake(lake.file, { dir: backups, keep: 2 })
      expect(third.removed).toEqual([first.dir])
      expect(listBackups(backups)).toHaveLength(2)
    } finally {
      lake.dispose()
    }
  })

  it('a restore refuses to overwrite a lake, and refuses a damaged backup', async () => {
    const lake = tempLake()
    try {
      const backup = await backupLake(lake.file, { dir: join(dir, 'backups'), keep: 1 })
      expect(() => restoreLake(backup.dir, lake.file)).toThrow(BackupError)
      expect(() => restoreLake(backup.dir, lake.file)).toThrow(/refusing to restore over an existing lake/)
      expect(lake.store.count()).toBeGreaterThan(0)

      const copy = join(backup.dir, 'lake.sqlite')
      const bytes = readFileSync(copy)
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100)
      writeFileSync(copy, bytes)
      expect(() => restoreLake(backup.dir, join(dir, 'elsewhere', 'lake.sqlite'))).toThrow(/damaged|integrity/)
      expect(existsSync(join(dir, 'elsewhere', 'lake.sqlite'))).toBe(false)
    } finally {
      lake.dispose()
    }
  })

  it('the running lake takes them on schedule, counted from the newest one (a restart takes none early)', async () => {
    const lake = tempLake()
    const backups = join(dir, 'backups')
    try {
      const schedule = startBackupSchedule(lake.file, { dir: backups, keep: 3, everyMs: 300 })
      await expect.poll(() => listBackups(backups).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
      await schedule.stop()
      const taken = listBackups(backups).length
      const restarted = startBackupSchedule(lake.file, { dir: backups, keep: 3, everyMs: 60_000 })
      await new Promise((resolve) => setTimeout(resolve, 500))
      await restarted.stop()
      expect(listBackups(backups)).toHaveLength(taken)
    } finally {
      lake.dispose()
    }
  })

  it('`baspa-lake backup` and `baspa-lake restore` from the command line', async () => {
    const lake = tempLake()
    lake.store.close()
    try {
      const backups = join(dir, 'cli-backups')
      const env = { ...process.env, LAKE_DB_PATH: lake.file, LAKE_BACKUP_DIR: backups }
      const backedUp = await run(process.execPath, [BIN, 'backup'], { env })
      expect(backedUp.stdout).toMatch(/backed up .* 159 documents, 46 assets/)
      const [backup] = listBackups(backups)
      const target = join(dir, 'cli-restored', 'lake.sqlite')
      const restored = await run(process.execPath, [BIN, 'restore', backup!.dir], { env: { ...env, LAKE_DB_PATH: target } })
      expect(restored.stdout).toMatch(/restored .* 159 documents/)
      const refused = await run(process.execPath, [BIN, 'restore', backup!.dir], { env: { ...env, LAKE_DB_PATH: target } }).catch(
        (error: { code: number; stderr: string }) => error,
      )
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/refusing to restore over an existing lake/) })
    } finally {
      rmSync(lake.dir, { recursive: true, force: true })
    }
  }, 60_000) // two CLI processes (tsx start-up), slow on a loaded 2-core machine
})
