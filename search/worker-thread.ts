import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { config } from '@/config/env'

/**
 * A worker thread running one of this directory's modules. The production server runs the
 * JavaScript `npm run build` compiled from them (SEARCH_WORKERS_DIR, set by server/main.ts): a
 * thread that loads TypeScript through tsx carries tsx's loader too, 23–29 MB more RSS and 240 ms
 * more before its first answer. Every other process (tests, `npm run dev`) runs the sources
 * through tsx, so it never runs a stale build.
 *
 * A source is found from the project's directory, not from this module's URL: inside Next's server
 * bundle that URL names a bundled chunk, and bundlers rewrite `new URL('./x', import.meta.url)` into
 * a copied asset that could not import its neighbours.
 */
const source = (file: string) => join(process.cwd(), 'search', file)

const compiled = (file: string) => {
  const dir = config().server.searchWorkersDir
  return dir ? join(dir, file.replace(/\.ts$/, '.mjs')) : undefined
}

/** Whether `file` can run on a worker thread here (its compiled module or its source is present). */
export const canRunOnThread = (file: string) => existsSync(compiled(file) ?? source(file))

/**
 * The compiled module where the server named their directory; otherwise the source, with tsx
 * registered in the thread first (Node 20 loads a worker's `.ts` main script before `--import tsx`
 * could register its hooks).
 */
export function startWorker(file: string, workerData?: unknown): Worker {
  const built = compiled(file)
  if (built) return new Worker(built, { workerData })
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(source(file)).href)}) })`
  return new Worker(bootstrap, { eval: true, workerData })
}
