import { expect, it } from 'vitest'
import { configFromEnv, LakeConfigError } from '../src/config'
import { openLake } from '../src/lake'

it('flushes every commit by default (synchronous=FULL); LAKE_SYNCHRONOUS=normal trades that for speed', () => {
  expect(configFromEnv({}).synchronous).toBe('full')
  expect(configFromEnv({ LAKE_SYNCHRONOUS: 'normal' }).synchronous).toBe('normal')
  expect(() => configFromEnv({ LAKE_SYNCHRONOUS: 'off' })).toThrow(LakeConfigError)
  // SQLite's numbers: 2 is FULL, 1 is NORMAL.
  for (const [synchronous, level] of [
    [undefined, 2],
    ['full', 2],
    ['normal', 1],
  ] as const) {
    const lake = openLake(':memory:', { synchronous })
    expect(lake.store.db.pragma('synchronous', { simple: true })).toBe(level)
    lake.store.close()
  }
})

it('backups: beside the database unless LAKE_BACKUP_DIR says otherwise, on a schedule only when LAKE_BACKUP_EVERY is set', () => {
  const plain = configFromEnv({ LAKE_DB_PATH: '/srv/lake/lake.sqlite' })
  expect(plain.backups).toEqual({ dir: '/srv/lake/backups', keep: 7, everyMs: null })
  expect(configFromEnv({ LAKE_DB_PATH: '/srv/lake/lake.sqlite', LAKE_BACKUP_EVERY: '6h', LAKE_BACKUP_KEEP: '3', LAKE_BACKUP_DIR: '/backups' }).backups).toEqual(
    {
      dir: '/backups',
      keep: 3,
      everyMs: 6 * 3_600_000,
    },
  )
  expect(configFromEnv({ LAKE_BACKUP_EVERY: '1d' }).backups?.everyMs).toBe(86_400_000)
  for (const bad of ['5', 'every day', '30s', '-1h']) expect(() => configFromEnv({ LAKE_BACKUP_EVERY: bad }), bad).toThrow(LakeConfigError)
})

it('webhook retries: ten attempts from one second by default, both adjustable', () => {
  const webhook = { LAKE_WEBHOOK_URL: 'http://127.0.0.1:1/hook', LAKE_WEBHOOK_SECRET: 's', LAKE_WEBHOOK_FILTER: 'true', LAKE_WEBHOOK_PROJECTION: '{}' }
  expect(configFromEnv(webhook).webhook?.retry).toEqual({ maxAttempts: 10, retryDelayMs: 1000 })
  expect(configFromEnv({ ...webhook, LAKE_WEBHOOK_MAX_ATTEMPTS: '3', LAKE_WEBHOOK_RETRY_MS: '50' }).webhook?.retry).toEqual({
    maxAttempts: 3,
    retryDelayMs: 50,
  })
})
