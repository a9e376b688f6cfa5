import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import type { ReaderRequest, ReaderResponse } from '@/search/index-reader'
import { SearchIndex } from '@/search/search-index'
import { bundle, SERVER_ENTRY, searchWorkers } from '@/scripts/build-server'
import { searchDocument } from '../fixtures/search-document'

// Inside the project, as build/ is: the bundle's packages resolve from its node_modules.
mkdirSync('.data', { recursive: true })
const dir = mkdtempSync(resolve('.data/server-build-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the production server bundle (scripts/build-server.ts)', () => {
  it('keeps the modules Next loads by path outside, so both import one instance of each', async () => {
    const outfile = join(dir, 'main/server.mjs')
    const inputs = await bundle(SERVER_ENTRY, outfile)
    expect(inputs).toContain('server/main.ts')
    expect(inputs.filter((input) => input.endsWith('.mjs'))).toEqual([])
    const text = readFileSync(outfile, 'utf8')
    const imported = [...text.matchAll(/from "(\.[^"]+\.mjs)"/g)].map(([, path]) => relative('.', resolve(dirname(outfile), path!)))
    expect(imported).toContain('server/render-start.mjs')
    for (const file of imported) expect(existsSync(file), file).toBe(true)
    // The lake runs as a child process: its engine is not in the site's bundle.
    expect(inputs.filter((input) => input.startsWith('packages/'))).toEqual(['packages/lake/src/ndjson.ts'])
  })

  it('resolves a path beside a bundled module’s source from wherever the bundle is', async () => {
    const outfile = join(dir, 'deeper/still/demo-seed.mjs')
    await bundle('server/demo-seed.ts', outfile)
    const { DEMO_DATASET } = (await import(pathToFileURL(outfile).href)) as { DEMO_DATASET: string }
    expect(DEMO_DATASET).toBe(resolve('data/demo/data.ndjson'))
    expect(existsSync(DEMO_DATASET)).toBe(true)
  })

  it('compiles each search thread; the compiled reader answers as the index does on this thread', async () => {
    expect(searchWorkers().map((worker) => worker.entry)).toEqual(['search/index-worker.ts', 'search/reader-worker.ts'])
    const outfile = join(dir, 'search/reader-worker.mjs')
    await bundle('search/reader-worker.ts', outfile)
    const index = new SearchIndex([searchDocument(1, { title: 'Зюзябра на переговорах' })], { path: join(dir, 'index.sqlite') })
    const worker = new Worker(outfile)
    try {
      const answer = new Promise<ReaderResponse>((done) => worker.once('message', done))
      worker.postMessage({ id: 1, path: index.path, request: { q: 'зюзябра', page: 1 } } satisfies ReaderRequest)
      expect(await answer).toEqual({ id: 1, ok: true, result: { outcome: index.search({ q: 'зюзябра', page: 1 }), facets: index.facets() } })
    } finally {
      await worker.terminate()
      index.close()
    }
  })
})
