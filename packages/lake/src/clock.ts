import { readFileSync } from 'node:fs'

/** "Now" for GROQ's now() and scheduled webhooks. */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/**
 * Tests only: the system time plus the milliseconds written in `file` (none while it is missing),
 * so that a test of something scheduled a minute ahead moves the clock instead of waiting.
 */
export function offsetClock(file: string): Clock {
  return () => {
    let offset = 0
    try {
      offset = Number(readFileSync(file, 'utf8').trim()) || 0
    } catch {
      // No file yet: the real time.
    }
    return new Date(Date.now() + offset)
  }
}
