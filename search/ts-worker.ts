import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

/**
 * A worker thread running one of this directory's TypeScript modules through tsx, registered in
 * that thread only (the server's main thread runs compiled JavaScript). The module is found from the project's directory, not
 * from this module's URL: inside Next's server bundle that URL names a bundled chunk, and bundlers
 * rewrite `new URL('./x', import.meta.url)` into a copied asset that could not import its neighbours.
 */
const source = (file: string) => join(process.cwd(), 'search', file)

/** Whether `file` can run on a worker thread here (its source is present). */
export const canRunOnThread = (file: string) => existsSync(source(file))

/** Node 20 loads a worker's `.ts` main script before `--import tsx` could register its hooks: registered first, then imported. */
export function tsWorker(file: string, workerData?: unknown): Worker {
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(source(file)).href)}) })`
  return new Worker(bootstrap, { eval: true, workerData })
}
