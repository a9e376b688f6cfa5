import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The installed Next, as `postinstall` (scripts/patch-next-cache-set.mjs) left it. */
const dist = join(dirname(createRequire(import.meta.url).resolve('next/package.json')), 'dist')
const runtimes = readdirSync(join(dist, 'compiled/next-server')).filter((name) => name.endsWith('.js'))
const read = (path: string) => readFileSync(join(dist, path), 'utf8')

describe("Next's cache measures only the entries it limits (scripts/patch-next-cache-set.mjs)", () => {
  it('no server runtime serialises a page or a route to JSON to measure it', () => {
    const measuringEverything = [
      ...runtimes.filter((name) => /let \w+=JSON\.stringify\(\w+\)\.length;/.test(read(`compiled/next-server/${name}`))),
      ...['server/lib/incremental-cache/index.js', 'esm/server/lib/incremental-cache/index.js'].filter((path) =>
        read(path).includes('const itemSize = JSON.stringify(data).length;'),
      ),
    ]
    expect(measuringEverything).toEqual([])
  })

  it('the runtimes that serve pages and routes still check fetch entries against their limit', () => {
    const checking = /let (\w+)=(\w+)\.fetchCache\?JSON\.stringify\(\w+\)\.length:0;if\(\2\.fetchCache&&\1>2097152/
    const served = ['app-page-turbo.runtime.prod.js', 'app-route-turbo.runtime.prod.js']
    expect(served.filter((name) => !checking.test(read(`compiled/next-server/${name}`)))).toEqual([])
  })
})
