import autocannon from 'autocannon'

/**
 * One autocannon run and its figures, shared by `npm run bench` and the short load e2e test: the
 * median of the per-second request counts (robust to a noisy shared machine), latency percentiles,
 * and the failures that a load check must find at zero.
 */
export interface LoadOptions {
  /** Origin, e.g. http://localhost:3150 */
  origin: string
  /** One path, or several that each connection requests in turn. */
  paths: string[]
  connections: number
  durationSeconds: number
  headers?: Record<string, string>
  timeoutSeconds?: number
  /**
   * Drive the connections from a worker thread, leaving this process's event loop free: for a run
   * during which the caller measures something of its own (publish → visible in the cluster bench),
   * whose requests would otherwise queue behind the load's.
   */
  inWorker?: boolean
}

export interface LoadResult {
  paths: string[]
  connections: number
  durationSeconds: number
  requests: number
  /** Median of the per-second request counts. */
  reqPerSec: number
  reqPerSecMean: number
  latencyP50Ms: number
  latencyP99Ms: number
  errors: number
  timeouts: number
  non2xx: number
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds ?? 10,
    headers: options.headers,
    requests: options.paths.map((path) => ({ method: 'GET' as const, path })),
    ...(options.inWorker ? { workers: 1 } : {}),
  })
  return {
    paths: options.paths,
    connections: options.connections,
    durationSeconds: result.duration,
    requests: result.requests.total,
    reqPerSec: result.requests.p50,
    reqPerSecMean: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  }
}

/** What a load check must not see: each failure kind with its count; empty when the run was clean. */
export function loadProblems(result: LoadResult): string[] {
  const problems: string[] = []
  if (result.requests === 0) problems.push('no request completed')
  if (result.errors > 0) problems.push(`${result.errors} errors`)
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`)
  if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx`)
  return problems
}

export const formatLoad = (result: LoadResult) =>
  `${result.reqPerSec} req/s (median; mean ${result.reqPerSecMean}), p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, ` +
  `${result.requests} requests, errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`
