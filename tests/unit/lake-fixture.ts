import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_LIMITS, type Lake } from '@baspa/lake'
import { contentApi } from '@/sanity/content'
import { startLocalLake } from '@/scripts/lake-service'
import { DEMO_DATASET, prepareDemoSeed } from '@/server/demo-seed'

export { DEMO_DATASET }
export const SEED_SLUG = 'peregovory-tokaeva-i-van-i'

export interface TempLake extends Lake {
  dir: string
  api: ReturnType<typeof contentApi>
  drafts: ReturnType<typeof contentApi>
  /** Moves the lake's clock (GROQ now(), scheduled webhooks) this many milliseconds ahead of the real time. */
  moveClock(ms: number): void
  dispose(): Promise<void>
}

/**
 * A real lake on a temporary SQLite file, seeded as the site seeds it (the demo dataset, dates moved
 * to today) unless `empty`, served in this process on a free port and read by the site's own
 * content client over HTTP. Tests write through `store`; what they read goes through the lake's API.
 */
export async function tempLake(options: { empty?: boolean } = {}): Promise<TempLake> {
  const dir = mkdtempSync(join(tmpdir(), 'baspa-lake-'))
  const seedFile = options.empty ? undefined : prepareDemoSeed(join(dir, 'seed'))
  const clockOffsetFile = join(dir, 'clock-offset')
  const local = await startLocalLake(join(dir, 'lake.sqlite'), { seedFile, clockOffsetFile, limits: { ...DEFAULT_LIMITS, queryWorkers: 1 } })
  return {
    ...local.service.lake,
    dir,
    api: contentApi(local.client, 'published'),
    drafts: contentApi(local.client, 'drafts'),
    moveClock: (ms) => writeFileSync(clockOffsetFile, String(ms)),
    async dispose() {
      await local.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
