import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { openLake } from '../src/lake'
import { tempLake, type TempLake } from './lake-fixture'

let lake: TempLake | undefined
afterEach(() => lake?.dispose())

it('a process killed mid-write loses no acknowledged transaction and leaves none half-applied', async () => {
  lake = tempLake({ empty: true })
  lake.store.close()
  const file = join(lake.dir, 'lake.sqlite')
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'write-load.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] })
  const acknowledged = await new Promise<number[]>((resolve, reject) => {
    const acks: number[] = []
    let buffer = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) if (line.startsWith('ACK ')) acks.push(Number(line.slice(4)))
      if (acks.length >= 200) {
        child.kill('SIGKILL') // in the middle of the next transaction
        resolve(acks)
      }
    })
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? undefined : reject(new Error(`writer exited early: ${code}`))))
  })
  await new Promise((resolve) => child.once('exit', resolve))

  const reopened = openLake(file)
  try {
    const ids = new Set(reopened.store.allDocuments().map((doc) => doc._id))
    for (const i of acknowledged) expect(ids.has(`a-${i}`) && ids.has(`b-${i}`), `transaction ${i}`).toBe(true)
    const committed = [...ids].filter((id) => id.startsWith('a-')).map((id) => Number(id.slice(2)))
    for (const i of committed) expect(ids.has(`b-${i}`), `half of transaction ${i}`).toBe(true)
    expect([...ids].filter((id) => id.startsWith('b-')).length).toBe(committed.length)
    expect(reopened.store.getDocument('counter')!.n).toBe(committed.length)
    expect(reopened.store.db.pragma('integrity_check', { simple: true })).toBe('ok')
  } finally {
    reopened.store.close()
  }
})
