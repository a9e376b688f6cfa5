/**
 * npm run demo:cluster [-- --varnish=8080 --sites=3001,3002 --redis=6390 --lake-api=3443 --lake-http=3444]
 *
 * The portal as a newsroom scales it out, on this machine (docs/deploy.md): redis-server, the lake,
 * two site instances (server/main.ts) sharing Next's caches in Redis, and Varnish in front of them
 * (deploy/varnish/baspa.vcl). Needs a production build (`npm run build`) and Debian's redis-server,
 * varnish and varnish-modules. Prints the addresses; Ctrl-C stops everything. Its state (ports,
 * process ids, the command that starts Redis again) is in `.data/cluster/cluster.json`, which the
 * cluster tests read.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { SERVER_BUNDLE, SITE_NODE_ARGS } from '../server/node-args'

const ROOT = resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    varnish: { type: 'string', default: '8080' },
    sites: { type: 'string', default: '3001,3002' },
    redis: { type: 'string', default: '6390' },
    'lake-api': { type: 'string', default: '3443' },
    'lake-http': { type: 'string', default: '3444' },
    data: { type: 'string', default: '.data/cluster' },
  },
})
const ports = {
  varnish: Number(values.varnish),
  sites: values.sites!.split(',').map(Number),
  redis: Number(values.redis),
  lakeApi: Number(values['lake-api']),
  lakeHttp: Number(values['lake-http']),
}
const data = resolve(ROOT, values.data!)
const siteUrl = `http://localhost:${ports.varnish}`
const redisUrl = `redis://127.0.0.1:${ports.redis}`
const purgeSecret = randomBytes(24).toString('hex')
mkdirSync(data, { recursive: true })
const missing = ['redis-server', 'varnishd'].filter((program) => spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0)
if (missing.length > 0) {
  console.error(`[cluster] ${missing.join(' and ')} not found: install Debian's redis-server, varnish and varnish-modules (npm test installs them)`)
  process.exit(1)
}
if (!existsSync(join(ROOT, '.next/BUILD_ID')) || !existsSync(join(ROOT, SERVER_BUNDLE))) {
  console.log('[cluster] no production build yet: npm run build')
  if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1)
}

const children: { name: string; process: ChildProcess }[] = []
let stopping = false

function start(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const prefix = (line: string) => (line.startsWith('[') ? line : `[${name}] ${line}`)
  createInterface({ input: child.stdout! }).on('line', (line) => console.log(prefix(line)))
  createInterface({ input: child.stderr! }).on('line', (line) => console.error(prefix(line)))
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`[cluster] ${name} stopped (${signal ?? `code ${code}`})`)
  })
  children.push({ name, process: child })
  return child
}

async function ready(name: string, url: string, ok = (status: number) => status < 500, timeoutMs = 120_000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await response.arrayBuffer()
      if (ok(response.status)) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs / 1000} s`)
}

async function stopAll() {
  if (stopping) return
  stopping = true
  for (const { process: child } of [...children].reverse()) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  }
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  for (const { process: child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}
process.once('SIGINT', () => void stopAll().then(() => process.exit(0)))
process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)))

const redisArgs = ['--port', String(ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--notify-keyspace-events', 'Exe', '--dir', data]
const redis = start('redis', 'redis-server', redisArgs)

// The lake sends its webhooks through Varnish, which passes /api to an instance.
const lakeEnv = { LAKE_DB_PATH: join(data, 'lake.sqlite'), LAKE_API_PORT: String(ports.lakeApi), LAKE_HTTP_PORT: String(ports.lakeHttp), SITE_URL: siteUrl }
const lake = start('lake', process.execPath, ['--import', 'tsx', 'server/lake.ts'], lakeEnv)

try {
  await ready('the lake', `http://127.0.0.1:${ports.lakeHttp}/v1/ping`)
  const sites = ports.sites.map((port) =>
    start(`site ${port}`, process.execPath, [...SITE_NODE_ARGS, '-p', String(port)], {
      ...lakeEnv,
      LAKE_URL: `http://127.0.0.1:${ports.lakeHttp}`,
      REDIS_URL: redisUrl,
      VARNISH_PURGE_URLS: siteUrl,
      VARNISH_PURGE_SECRET: purgeSecret,
      // Each instance keeps its own search index beside the lake.
      SEARCH_INDEX_DIR: join(data, `search-${port}`),
    }),
  )
  await Promise.all(ports.sites.map((port) => ready(`site ${port}`, `http://127.0.0.1:${port}/api/health`, (status) => status === 200)))

  const vcl = join(data, 'varnish')
  rmSync(vcl, { recursive: true, force: true })
  mkdirSync(vcl, { recursive: true })
  cpSync(join(ROOT, 'deploy/varnish/baspa.vcl'), join(vcl, 'baspa.vcl'))
  writeFileSync(join(vcl, 'backends.vcl'), backendsVcl(ports.sites))
  const varnish = start(
    'varnish',
    'varnishd',
    [
      '-F',
      '-j',
      'none',
      '-n',
      join(vcl, 'work'),
      '-a',
      `127.0.0.1:${ports.varnish}`,
      '-p',
      `vcl_path=${vcl}`,
      '-f',
      join(vcl, 'baspa.vcl'),
      '-s',
      'malloc,256m',
    ],
    { BASPA_PURGE_SECRET: purgeSecret },
  )
  await ready('Varnish', `${siteUrl}/`, (status) => status === 200)

  writeFileSync(
    join(data, 'cluster.json'),
    `${JSON.stringify(
      {
        varnish: { url: siteUrl, pid: varnish.pid },
        sites: ports.sites.map((port, i) => ({ url: `http://127.0.0.1:${port}`, pid: sites[i]!.pid })),
        redis: { url: redisUrl, pid: redis.pid, command: ['redis-server', ...redisArgs] },
        lake: { url: `http://127.0.0.1:${ports.lakeHttp}`, pid: lake.pid, folder: data },
        purgeSecret,
      },
      null,
      2,
    )}\n`,
  )
  console.log(`[cluster] ready:
  Varnish (readers)   ${siteUrl}
  site instances      ${ports.sites.map((port) => `http://127.0.0.1:${port}`).join(', ')}
  Redis               ${redisUrl}
  lake                http://127.0.0.1:${ports.lakeHttp} (servers), https://localhost:${ports.lakeApi} (the Studio)
  Ctrl-C stops them all.`)
} catch (error) {
  console.error(`[cluster] ${(error as Error).message}`)
  await stopAll()
  process.exit(1)
}

function backendsVcl(sitePorts: number[]): string {
  return `probe health { .url = "/api/health"; .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; }
${sitePorts.map((port, i) => `backend site${i + 1} { .host = "127.0.0.1"; .port = "${port}"; .probe = health; }`).join('\n')}
sub vcl_init {
    new site = directors.round_robin();
${sitePorts.map((_, i) => `    site.add_backend(site${i + 1});`).join('\n')}
}
`
}
