import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { config } from '@/config/env'
import { SearchIndex, type SearchIndexOptions } from './search-index'

/**
 * Where the search store (./store.ts) keeps its indexes.
 *   - `memoryStorage`: SQLite in memory (tests).
 *   - `directoryStorage(dir)`: files in a directory the server keeps (SEARCH_INDEX_DIR; server/main.ts
 *     puts it next to the content). A restart reopens the newest complete index and brings it up to
 *     date by revisions, instead of reading and indexing every article again (minutes at 100 000).
 *     One server process owns a directory (a pid file); another process finds it taken and falls
 *     back to temporary files.
 *   - `temporaryStorage()`: files in the system's temporary directory, removed when the process
 *     exits (`next dev`, build workers: nothing worth keeping, but no index in the heap either).
 * Each new index gets a file of its own: the one being served stays intact until the store swaps,
 * and is closed and deleted after a grace period, when the searches that hold it are done.
 */
export interface SearchStorage {
  /** The index an earlier process left, complete and of this version, or nothing. */
  restore(): SearchIndex | undefined
  /** Options for a new index. */
  next(): SearchIndexOptions
  /** `old` is no longer served: close it and remove its file (after a grace period). */
  retire(old: SearchIndex): void
  /** A new index that was never opened here failed to build: remove its file now. */
  discard(options: SearchIndexOptions): void
  /** Where the indexes are (for logs). */
  readonly where: string
  /** Gives the directory up (a process that built an index for a server to start on). */
  release(): void
}

/** Searches in flight may still hold an index that was swapped out: it is closed after this. */
const GRACE_MS = 60_000
/** Set by the store when an index is complete; an index without it (a crash during the build) is not restored. */
export const COMPLETE_KEY = 'taxonomy'
/** The version the index is up to date with (./store.ts), for a restart to read only what changed since. */
export const WATERMARK_KEY = 'watermark'

const later = (fn: () => void) => setTimeout(fn, GRACE_MS).unref()

export const memoryStorage = (): SearchStorage => ({
  where: 'memory',
  restore: () => undefined,
  next: () => ({}),
  retire: (old) => later(() => old.close()),
  discard: () => {},
  release: () => {},
})

const removeIndexFile = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
}

let sequence = 0
const fileName = () => `index-${Date.now().toString(36)}-${(sequence++).toString(36)}.sqlite`

const discard = ({ path }: SearchIndexOptions) => {
  if (path) removeIndexFile(path)
}

function retireFile(old: SearchIndex) {
  later(() => {
    old.close()
    removeIndexFile(old.path)
  })
}

export function temporaryStorage(): SearchStorage {
  const dir = join(tmpdir(), `baspa-search-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  return { where: dir, restore: () => undefined, next: () => ({ path: join(dir, fileName()) }), retire: retireFile, discard, release: () => {} }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function directoryStorage(dir: string, log: (message: string) => void = console.log): SearchStorage {
  mkdirSync(dir, { recursive: true })
  const owner = join(dir, 'owner.pid')
  const holder = existsSync(owner) ? Number(readFileSync(owner, 'utf8')) : NaN
  if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
    log(`[search] ${dir} is used by process ${holder}: this process indexes into temporary files`)
    return temporaryStorage()
  }
  writeFileSync(owner, String(process.pid))
  const indexFiles = () =>
    readdirSync(dir)
      .filter((name) => /^index-.*\.sqlite$/.test(name))
      .sort()
      .map((name) => join(dir, name))
  return {
    where: dir,
    restore() {
      const [newest, ...older] = indexFiles().reverse()
      for (const path of older) removeIndexFile(path)
      if (!newest) return undefined
      try {
        const index = new SearchIndex([], { path: newest })
        if (index.meta(COMPLETE_KEY) !== undefined) return index
        index.close()
      } catch (error) {
        // Another format (an older version of the site) or a damaged file: built again.
        log(`[search] not reusing ${newest}: ${(error as Error).message}`)
      }
      removeIndexFile(newest)
      return undefined
    },
    next: () => ({ path: join(dir, fileName()) }),
    retire: retireFile,
    discard,
    release() {
      if (existsSync(owner) && Number(readFileSync(owner, 'utf8')) === process.pid) rmSync(owner)
    },
  }
}

/** The storage the site uses: SEARCH_INDEX_DIR when set (the production server sets it), else temporary files. */
export function siteSearchStorage(): SearchStorage {
  const dir = config().server.searchIndexDir
  return dir ? directoryStorage(dir) : temporaryStorage()
}
