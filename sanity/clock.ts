import { readFileSync } from 'node:fs'

/**
 * "Now" for embargoes, as the local lake evaluates GROQ's now() and lifts scheduled articles.
 * End-to-end tests (only they set BASPA_TEST_CLOCK_FILE) move it forward by writing an offset in
 * milliseconds to that file, so a test of an article scheduled a minute ahead need not wait a minute.
 */
export function now(): Date {
  const file = process.env.BASPA_TEST_CLOCK_FILE
  if (!file) return new Date()
  let offset = 0
  try {
    offset = Number(readFileSync(file, 'utf8').trim()) || 0
  } catch {
    // No file yet: the real time.
  }
  return new Date(Date.now() + offset)
}
