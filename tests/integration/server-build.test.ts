import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { buildServer, SERVER_ENTRY } from '@/scripts/build-server'

// Inside the project, as build/ is: the bundle's packages resolve from its node_modules.
const dir = mkdtempSync(resolve('.data/server-build-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the production server bundle (scripts/build-server.ts)', () => {
  it('keeps the modules Next loads by path outside, so both import one instance of each', async () => {
    const outfile = join(dir, 'main/server.mjs')
    const inputs = await buildServer(SERVER_ENTRY, outfile)
    expect(inputs).toContain('server/main.ts')
    expect(inputs.filter((input) => input.endsWith('.mjs'))).toEqual([])
    const bundle = readFileSync(outfile, 'utf8')
    const imported = [...bundle.matchAll(/from "(\.[^"]+\.mjs)"/g)].map(([, path]) => relative('.', resolve(dirname(outfile), path!)))
    expect(imported).toContain('server/render-start.mjs')
    for (const file of imported) expect(existsSync(file), file).toBe(true)
    // The lake runs as a child process: its engine is not in the site's bundle.
    expect(inputs.filter((input) => input.startsWith('packages/'))).toEqual(['packages/lake/src/ndjson.ts'])
  })

  it('resolves a path beside a bundled module’s source from wherever the bundle is', async () => {
    const outfile = join(dir, 'deeper/still/demo-seed.mjs')
    await buildServer('server/demo-seed.ts', outfile)
    const { DEMO_DATASET } = (await import(pathToFileURL(outfile).href)) as { DEMO_DATASET: string }
    expect(DEMO_DATASET).toBe(resolve('data/demo/data.ndjson'))
    expect(existsSync(DEMO_DATASET)).toBe(true)
  })
})
