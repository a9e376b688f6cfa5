import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runLoad, type LoadResult } from './load'

const ROOT = resolve(import.meta.dirname, '../..')
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/**
 * The static baseline and a cached page, measured in turns (3 rounds of 3 s each), so that both see
 * the same load from the other engineers on this machine; the ratio is of the medians. The baseline
 * is `static-server.ts`: a bare node:http process answering the page's exact bytes and headers.
 */
export async function baselineRatio(origin: string, path: string, options: { port: number; connections: number; dataDir: string }) {
  const response = await fetch(`${origin}${path}`)
  const body = Buffer.from(await response.arrayBuffer())
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (
      !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'x-baspa-cache', 'x-varnish-cache', 'age', 'via', 'x-varnish'].includes(name)
    )
      headers[name] = value
  })
  mkdirSync(options.dataDir, { recursive: true })
  writeFileSync(join(options.dataDir, 'baseline-body'), body)
  writeFileSync(join(options.dataDir, 'baseline-headers.json'), JSON.stringify(headers))
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/bench/static-server.ts',
      String(options.port),
      join(options.dataDir, 'baseline-body'),
      join(options.dataDir, 'baseline-headers.json'),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise((done) => child.stdout!.once('data', done))
  const site: LoadResult[] = []
  const bare: LoadResult[] = []
  try {
    for (let round = 0; round < 3; round++) {
      site.push(await runLoad({ origin, paths: [path], connections: options.connections, durationSeconds: 3 }))
      bare.push(await runLoad({ origin: `http://localhost:${options.port}`, paths: [path], connections: options.connections, durationSeconds: 3 }))
    }
  } finally {
    const exited = new Promise((done) => child.once('exit', done))
    child.kill('SIGTERM')
    await exited
  }
  const byRate = (runs: LoadResult[]) => [...runs].sort((a, b) => a.reqPerSec - b.reqPerSec)[1]!
  return {
    site: byRate(site),
    baseline: byRate(bare),
    ratio: median(site.map((r) => r.reqPerSec)) / median(bare.map((r) => r.reqPerSec)),
    rounds: site.map((r, i) => `${r.reqPerSec}/${bare[i]!.reqPerSec}`),
  }
}
