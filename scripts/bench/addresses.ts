/**
 * `npx tsx scripts/bench/addresses.ts --site http://localhost:3000 --lake http://127.0.0.1:3444 [--seconds 60] [--clients 10]`
 *
 * A running site under a mix of article addresses, the way crawlers and readers send them: an
 * unknown address (40 %, each one new, so nothing is cached), a former address of a moved article
 * (10 %) and one of the 400 newest Russian articles (50 %). Prints the answers by kind and status, and
 * p50/p99 latency by kind. Made for the 1 000 000-article smoke run (docs/performance.md), where a
 * slow query once opened the backend circuit and every page answered 5xx.
 */
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    site: { type: 'string', default: 'http://localhost:3000' },
    lake: { type: 'string', default: 'http://127.0.0.1:3444' },
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '10' },
  },
})

async function lakeQuery<T>(query: string): Promise<T> {
  const response = await fetch(`${values.lake}/v2025-02-19/data/query/production?query=${encodeURIComponent(query)}`)
  if (!response.ok) throw new Error(`the lake answered ${response.status} to ${query}`)
  return ((await response.json()) as { result: T }).result
}

type Kind = 'unknown' | 'moved' | 'article'

const articles = await lakeQuery<string[]>(
  '*[_type == "article" && defined(slug.current) && publishedAt <= now() && coalesce(language, "ru") == "ru"] | order(publishedAt desc)[0...400].slug.current',
)
const formers = await lakeQuery<string[]>('*[_type == "article" && defined(previousSlugs)][0...50].previousSlugs[0]')
if (articles.length === 0) throw new Error('the lake has no visible article')
console.log(`${articles.length} articles, ${formers.length} former addresses; ${values.clients} clients for ${values.seconds} s`)

const answers = new Map<string, number>()
const latencies: Record<Kind, number[]> = { unknown: [], moved: [], article: [] }
const end = Date.now() + Number(values.seconds) * 1000
let turn = 0

function next(): { kind: Kind; path: string } {
  const roll = Math.random()
  if (roll < 0.4) return { kind: 'unknown', path: `/news/no-such-${Math.random().toString(36).slice(2)}` }
  if (roll < 0.5 && formers.length > 0) return { kind: 'moved', path: `/news/${formers[turn++ % formers.length]}` }
  return { kind: 'article', path: `/news/${articles[turn++ % articles.length]}` }
}

async function client(): Promise<void> {
  while (Date.now() < end) {
    const { kind, path } = next()
    const started = performance.now()
    let status: string
    try {
      const response = await fetch(values.site + path, { redirect: 'manual', signal: AbortSignal.timeout(30_000) })
      await response.arrayBuffer()
      status = String(response.status)
    } catch (error) {
      status = error instanceof Error ? error.name : 'error'
    }
    latencies[kind].push(performance.now() - started)
    const key = `${kind} ${status}`
    answers.set(key, (answers.get(key) ?? 0) + 1)
  }
}

await Promise.all(Array.from({ length: Number(values.clients) }, client))

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
for (const [key, count] of [...answers].sort()) console.log(`${key.padEnd(16)} ${count}`)
for (const [kind, times] of Object.entries(latencies)) {
  if (times.length === 0) continue
  const sorted = times.sort((a, b) => a - b)
  console.log(`${kind.padEnd(8)} n ${sorted.length}  p50 ${percentile(sorted, 0.5).toFixed(0)} ms  p99 ${percentile(sorted, 0.99).toFixed(0)} ms`)
}
