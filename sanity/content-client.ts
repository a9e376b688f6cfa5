import { readFileSync } from 'node:fs'
import { createClient } from '@sanity/client'
import { BackendUnavailableError, classifyBackendError, isTimeout, withTimeout } from './backend-error'
import type { Circuit } from './backend-health'
import type { ContentBackend } from '@/config/env'

type QueryParams = Record<string, unknown>

export type ReadPerspective = 'published' | 'drafts'

/** The one thing the data layer needs from a backend: GROQ with params, in a perspective. */
export interface ContentClient {
  readonly mode: 'local' | 'hosted'
  fetch(query: string, params: QueryParams, perspective: ReadPerspective): Promise<unknown>
}

/** Longest a read may take, whatever the backend; the hosted client's own timeout is shorter. */
const READ_TIMEOUT_MS = 8_000

/**
 * A backend read that cannot hang and fails in a known way: bounded by `timeoutMs`, an unavailable
 * backend thrown as BackendUnavailableError (sanity/backend-error.ts) and reported to the circuit,
 * which makes further reads fail at once while it is open. Other errors (a bad query) pass unchanged.
 * A read that timed out opens the circuit only when `probe` (a trivial query) fails too: one slow
 * query must not fail every page while the backend answers the others.
 */
export function resilientContentClient(
  client: ContentClient,
  { circuit, probe, timeoutMs = READ_TIMEOUT_MS }: { circuit: Circuit; probe: () => Promise<boolean>; timeoutMs?: number },
): ContentClient {
  return {
    mode: client.mode,
    async fetch(query, params, perspective) {
      circuit.failFast()
      try {
        const result = await withTimeout(client.fetch(query, params, perspective), timeoutMs)
        circuit.report(true)
        return result
      } catch (error) {
        const classified = classifyBackendError(error)
        // The probe runs beside this failure, not before it: the reader waits no longer for it.
        if (classified instanceof BackendUnavailableError) {
          if (isTimeout(classified)) void circuit.healthy(probe, 0)
          else circuit.report(false)
        }
        throw classified
      }
    },
  }
}

/**
 * A request that has not answered after this long fails (get-it: connect and between bytes). The
 * local lake is given longer: at 100 000 articles some of the site's queries take seconds there,
 * and a request that times out is retried, doubling the work (the lake stops a query at 10 s).
 */
const CLIENT_TIMEOUT_MS = { hosted: 3_000, local: READ_TIMEOUT_MS }

/**
 * The read token: hosted, SANITY_API_READ_TOKEN; local, the viewer token the lake wrote beside its
 * database on first start (the site starts the lake before it serves). Only drafts need it.
 */
function readToken(backend: ContentBackend): string | undefined {
  if (backend.mode === 'hosted') return backend.token
  try {
    return (JSON.parse(readFileSync(backend.tokenFile, 'utf8')) as { viewer?: string }).viewer
  } catch {
    return undefined
  }
}

/**
 * @sanity/client for either backend: hosted Sanity, or the local lake over its plain-HTTP API.
 * Only the address and the token differ.
 */
export function sanityContentClient(backend: ContentBackend): ContentClient {
  const token = readToken(backend)
  const client = createClient({
    projectId: backend.projectId,
    dataset: backend.dataset,
    apiVersion: backend.apiVersion,
    useCdn: true,
    token,
    // The defaults wait 5 minutes and retry a failed GET 5 times: a hung backend would hang pages.
    timeout: CLIENT_TIMEOUT_MS[backend.mode],
    maxRetries: 1,
    ...(backend.apiHost ? { apiHost: backend.apiHost, useProjectHostname: false } : {}),
  })
  return {
    mode: backend.mode,
    fetch: (query, params, perspective) => {
      if (perspective === 'drafts' && !token)
        throw new Error(
          backend.mode === 'hosted'
            ? 'the drafts perspective needs SANITY_API_READ_TOKEN'
            : `the drafts perspective needs the lake's viewer token (${backend.tokenFile})`,
        )
      return client.fetch(query, params, { perspective, useCdn: perspective === 'published', cache: 'no-store' })
    },
  }
}
