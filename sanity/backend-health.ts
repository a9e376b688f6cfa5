import { BackendUnavailableError } from './backend-error'
import type { ContentBackend } from '@/config/env'

/**
 * A small circuit breaker over the content backend, shared by the content client (sanity/client.ts)
 * and proxy.ts in this process. A failure opens it: for OPEN_MS reads fail at once instead of each
 * waiting for a timeout, and the proxy serves the outage page for what is not cached. After that a
 * request tries again (half-open); the proxy probes the backend at most every OPEN_MS, so the site
 * recovers by itself within seconds of the backend's return.
 */
export const OPEN_MS = 2_000
/** How long the proxy's probe of the backend may take before the backend counts as down. */
const PROBE_TIMEOUT_MS = 1_500

export class Circuit {
  private down = false
  private checkedAt = Number.NEGATIVE_INFINITY
  private probing: Promise<boolean> | undefined

  constructor(private readonly clock: () => number = Date.now) {}

  report(ok: boolean): void {
    this.down = !ok
    this.checkedAt = this.clock()
  }

  /** Open: a failure less than OPEN_MS ago, not followed by a success. */
  isOpen(): boolean {
    return this.down && this.clock() - this.checkedAt < OPEN_MS
  }

  /** Throws when open, so that a read does not wait for a backend known to be down. */
  failFast(): void {
    if (this.isOpen()) throw new BackendUnavailableError('content backend unavailable (circuit open)')
  }

  /** Whether the backend is up: the last result when younger than maxAgeMs, else one probe (shared by concurrent callers). */
  async healthy(probe: () => Promise<boolean>, maxAgeMs = OPEN_MS): Promise<boolean> {
    if (this.clock() - this.checkedAt < maxAgeMs) return !this.down
    this.probing ??= probe()
      .catch(() => false)
      .then((ok) => {
        this.report(ok)
        return ok
      })
      .finally(() => {
        this.probing = undefined
      })
    return this.probing
  }
}

const KEY = Symbol.for('baspa.backendCircuit')
const processGlobal = globalThis as typeof globalThis & { [KEY]?: Circuit }
/** The process's circuit (proxy.ts and the pages' content client are separate bundles of one process). */
export const backendCircuit = (): Circuit => (processGlobal[KEY] ??= new Circuit())

/** Does the backend answer? A trivial GROQ query: on the API CDN, or on the local lake's HTTP API. */
export async function probeBackend(backend: ContentBackend): Promise<boolean> {
  const host = backend.apiHost ?? `https://${backend.projectId}.apicdn.sanity.io`
  const response = await fetch(`${host.replace(/\/+$/, '')}/v${backend.apiVersion}/data/query/${backend.dataset}?query=1`, {
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    cache: 'no-store',
  })
  response.body?.cancel().catch(() => {})
  return response.status < 500 && response.status !== 429
}
