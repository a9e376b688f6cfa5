import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
// The export format alone: '@baspa/lake' would load the whole engine (SQLite, sharp, groq-js) into
// the site's process, about 75 MB of RSS and a second of start for two functions.
import { parseNdjson, serializeNdjson } from '@baspa/lake/ndjson'
import { shiftDemoDates } from '@/lib/demo-dates'

export const DEMO_DATASET = resolve(import.meta.dirname, '../data/demo/data.ndjson')

/**
 * The demo dataset as an empty lake imports it: its dates moved to today (lib/demo-dates.ts), written
 * to `folder` with the images beside it, the layout the lake's import reads.
 */
export function prepareDemoSeed(folder: string, now = new Date(), source = DEMO_DATASET): string {
  mkdirSync(folder, { recursive: true })
  const file = join(folder, 'data.ndjson')
  writeFileSync(file, serializeNdjson(shiftDemoDates(parseNdjson(readFileSync(source, 'utf8')), now)))
  cpSync(join(dirname(source), 'images'), join(folder, 'images'), { recursive: true })
  return file
}
