import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { LakeStore } from '../src/store'

/**
 * A writer in a process of its own (./write-load.ts) that commits transactions without pause —
 * each creates `a-<i>` and `b-<i>` and counts itself in `counter` — and acknowledges each one:
 * `acknowledged` grows as the acknowledgements arrive.
 */
export function startWriter(file: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'write-load.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] })
  const acknowledged: number[] = []
  let buffer = ''
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const line of lines) if (line.startsWith('ACK ')) acknowledged.push(Number(line.slice(4)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    acknowledged,
    /** Rejects if the writer stops by itself (it never should). */
    running: new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => signal !== 'SIGKILL' && reject(new Error(`writer exited early: ${code ?? signal}`))),
    ),
    /** Killed at once, wherever it is: often in the middle of a transaction. */
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** Every acknowledged transaction is in the store, none is there by half, the counter agrees, SQLite's check passes. */
export function expectWholeTransactions(store: LakeStore, acknowledged: number[]) {
  const ids = new Set(store.allDocuments().map((doc) => doc._id))
  for (const i of acknowledged) expect(ids.has(`a-${i}`) && ids.has(`b-${i}`), `transaction ${i}`).toBe(true)
  const committed = [...ids].filter((id) => id.startsWith('a-')).map((id) => Number(id.slice(2)))
  for (const i of committed) expect(ids.has(`b-${i}`), `half of transaction ${i}`).toBe(true)
  expect([...ids].filter((id) => id.startsWith('b-'))).toHaveLength(committed.length)
  expect(store.getDocument('counter')!.n).toBe(committed.length)
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
  return committed
}
