import { fork } from 'node:child_process'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { tempLake } from './lake-fixture'

const BIN = join(import.meta.dirname, '../bin/baspa-lake.mjs')

/**
 * `baspa-lake serve` under a supervisor (the site's server/lake-supervisor.ts): work at open that
 * takes minutes on a large lake is announced over IPC before `ready`, so the supervisor waits for
 * it instead of giving up after its usual time.
 */
it('tells its supervisor of the work it does at open, before it is ready', async () => {
  const lake = tempLake()
  lake.store.db.exec('DROP TABLE lake_elements')
  lake.store.close()
  const messages: { type?: string; work?: string }[] = []
  const child = fork(BIN, ['serve'], {
    env: { ...process.env, LAKE_DB_PATH: lake.file, LAKE_API_PORT: 'off', LAKE_HTTP_PORT: '0', LAKE_QUERY_WORKERS: '1' },
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  try {
    await new Promise<void>((resolve, reject) => {
      child.on('message', (message: { type?: string; work?: string }) => {
        messages.push(message)
        if (message.type === 'ready') resolve()
      })
      child.once('exit', (code) => reject(new Error(`the lake exited (${code}) before it was ready`)))
    })
    // The elements dropped above; the statistics too, for a lake that grew from empty.
    expect(messages.map((message) => message.type)).toEqual(['maintenance', 'maintenance', 'ready'])
    expect(messages.map((message) => message.work?.split(' (')[0])).toEqual(['indexing the elements of lists', 'taking the planner’s statistics', undefined])
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    lake.dispose()
  }
}, 30_000)
