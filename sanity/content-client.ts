import type { Lake } from './lake'
import type { QueryParams } from './lake/query'
import { BackendUnavailableError, classifyBackendError, withTimeout } from './backend-error'
import type { Circuit, Fault } from './backend-health'

export type ReadPerspective = 'published' | 'drafts'

/** The one thing the data layer needs from a backend: GROQ with params, in a perspective. */
export interface ContentClient {
  readonly mode: 'local' | 'hosted'
  fetch(query: string, params: QueryParams, perspective: ReadPerspective): Promise<unknown>
}

/** Reads the embedded lake in process: the same GROQ the hosted API would run, without a network hop. */
export function lakeContentClient(lake: Lake): ContentClient {
  return { mode: 'local', fetch: (query, params, perspective) => lake.engine.query(query, params, perspective) }
}

/** Longest a read may take, whatever the backend; the hosted client's own timeout is shorter. */
export const READ_TIMEOUT_MS = 8_000

const injected: Record<Fault, () => Promise<never>> = {
  error: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED (injected fault)'), { code: 'ECONNREFUSED' })),
  timeout: () => new Promise<never>(() => {}),
}

/**
 * A backend read that cannot hang and fails in a known way: bounded by `timeoutMs`, an unavailable
 * backend thrown as BackendUnavailableError (sanity/backend-error.ts) and reported to the circuit,
 * which makes further reads fail at once while it is open. Other errors (a bad query) pass unchanged.
 */
export function resilientContentClient(
  client: ContentClient,
  { circuit, timeoutMs = READ_TIMEOUT_MS, fault = () => undefined }: { circuit: Circuit; timeoutMs?: number; fault?: () => Fault | undefined },
): ContentClient {
  return {
    mode: client.mode,
    async fetch(query, params, perspective) {
      circuit.failFast()
      try {
        const kind = fault()
        const result = await withTimeout(kind ? injected[kind]() : client.fetch(query, params, perspective), timeoutMs)
        circuit.report(true)
        return result
      } catch (error) {
        const classified = classifyBackendError(error)
        if (classified instanceof BackendUnavailableError) circuit.report(false)
        throw classified
      }
    },
  }
}
