/**
 * "The content backend is unavailable" as opposed to "not found" (a null result, 404) and "a bug"
 * (anything else, 500): a network error, a timeout, a 5xx, a 429 or a 408 from the API. Pages let this
 * error through; proxy.ts answers it with the 503 outage page (lib/outage.ts).
 */
export class BackendUnavailableError extends Error {
  /** Kept by Next.js for server errors (it only hashes errors without a digest). */
  readonly digest = 'BASPA_BACKEND_UNAVAILABLE'

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'BackendUnavailableError'
  }
}

/** A read that did not answer in time: the backend may be up and this one query slow (see isTimeout). */
export class BackendTimeoutError extends BackendUnavailableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'BackendTimeoutError'
  }
}

/** Codes of a request that was sent and not answered in time, as opposed to one that could not be sent. */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/** Error codes of a connection that failed, was cut, or timed out (Node, undici and get-it). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ERR_HTTP2_STREAM_CANCEL',
  'ERR_HTTP2_GOAWAY_SESSION',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
])

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined

/** The HTTP status an API error carries (@sanity/client's ClientError/ServerError: statusCode). */
function httpStatus(error: Record<string, unknown>): number | undefined {
  const status = error.statusCode ?? record(error.response)?.statusCode ?? error.status
  return typeof status === 'number' ? status : undefined
}

/** True when the error means the backend cannot answer now (retry later), false for a bug or a bad query. */
export function isBackendUnavailable(error: unknown): boolean {
  // An error and its causes (fetch wraps the socket error: TypeError('fetch failed', { cause })).
  for (let current = record(error), depth = 0; current && depth < 5; current = record(current.cause), depth++) {
    if (current instanceof BackendUnavailableError) return true
    const status = httpStatus(current)
    // 408: the lake stopped a query at its time limit; under load it is not the reader's fault either.
    if (status !== undefined) return status >= 500 || status === 429 || status === 408
    if (typeof current.code === 'string' && NETWORK_CODES.has(current.code)) return true
    if (current.isNetworkError === true) return true
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return true
  }
  return false
}

/**
 * A read that timed out (our limit, the client's socket timeout, the lake's 408 for a query it
 * stopped): not proof that the backend is down, since one costly query can time out on a backend
 * that answers everything else at once.
 */
export function isTimeout(error: unknown): boolean {
  for (let current = record(error), depth = 0; current && depth < 5; current = record(current.cause), depth++) {
    if (current instanceof BackendTimeoutError || current.name === 'TimeoutError') return true
    if (httpStatus(current) === 408) return true
    if (typeof current.code === 'string' && TIMEOUT_CODES.has(current.code)) return true
  }
  return false
}

/** The error to throw: unavailability as a BackendUnavailableError (cause kept), anything else unchanged. */
export function classifyBackendError(error: unknown): unknown {
  if (error instanceof BackendUnavailableError || !isBackendUnavailable(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new BackendUnavailableError(`content backend unavailable: ${message}`, { cause: error })
}

/** Rejects with a BackendTimeoutError when the promise has not settled after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BackendTimeoutError(`content backend did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
