import { parentPort, workerData } from 'node:worker_threads'
import { offsetClock, systemClock } from './clock'
import { GroqQueryError } from './groq-parse'
import { LakeQueryEngine, QueryTimeout } from './query'
import { boundedJson, ResultTooLarge } from './result-json'
import { LakeStore } from './store'
import type { WorkerData, WorkerJob, WorkerReply } from './query-pool'

/**
 * One query worker: its own connection to the database and its own snapshot (./query.ts). It
 * evaluates one job at a time, as the pool sends them, and answers with the result's JSON text.
 * It may be terminated at any moment (a query past its time limit): it holds nothing but reads.
 */
const data = workerData as WorkerData
const port = parentPort!
const store = new LakeStore(data.databaseFile)
const engine = new LakeQueryEngine(store, {
  clock: data.clockOffsetFile ? offsetClock(data.clockOffsetFile) : systemClock,
  parseCacheBytes: data.parseCacheBytes,
})

/**
 * V8 keeps the heap a large query grew to: a worker whose heap ends a job more than twice what it
 * held when ready, plus `retireAboveBytes`, leaves after answering, and the pool starts a fresh one.
 */
let baseline = 0
const grown = () => process.memoryUsage().heapTotal > 2 * baseline + data.retireAboveBytes

function reply(message: WorkerReply) {
  if (!('id' in message) || 'running' in message || !grown()) return port.postMessage(message)
  port.postMessage({ ...message, retire: true })
  process.exit(0)
}

port.on('message', (job: WorkerJob) => void run(job))

async function run(job: WorkerJob) {
  try {
    reply({ id: job.id, running: true })
    const deadline = performance.now() + job.timeoutMs
    const result =
      job.kind === 'query'
        ? await engine.query(job.query, job.params, job.perspective, { deadline })
        : await engine.delta(job.projection, job.before, job.after)
    reply({ id: job.id, json: boundedJson(result, job.maxResultBytes) })
  } catch (error) {
    if (error instanceof GroqQueryError) return reply({ id: job.id, failure: { kind: 'query', message: error.message, position: error.position } })
    if (error instanceof QueryTimeout) return reply({ id: job.id, failure: { kind: 'timeout', message: error.message } })
    if (error instanceof ResultTooLarge) return reply({ id: job.id, failure: { kind: 'tooLarge', message: error.message } })
    reply({ id: job.id, failure: { kind: 'internal', message: (error as Error).stack ?? String(error) } })
  }
}

baseline = process.memoryUsage().heapTotal
reply({ ready: true })
