import { randomBytes } from 'node:crypto'
import type { NextRequest } from 'next/server'
import { config as appConfig, ownOrigin } from '@/config/env'
import { outageResponse } from '@/formats/outage'
import { splitLocale } from '@/lib/locale'
import { backendCircuit, OPEN_MS, probeBackend } from '@/sanity/backend-health'

/**
 * Backend outage. While the content backend is down (backendCircuit, probed at most every 2 s), a
 * reader request is passed on to this server once more, marked with OUTAGE_PASS: a cached page (ISR
 * keeps the last good render, unstable_cache the last good data) comes back and is returned as it
 * is; a page that needed the backend fails with a 5xx (its render threw BackendUnavailableError) and
 * the reader gets the 503 outage page instead of the error boundary's 500. When the backend is up,
 * requests go straight on, at no cost. A page cannot set a 503 itself (error boundaries answer 500,
 * and Next's notFound/forbidden/unauthorized allow only 404/403/401), hence the proxy.
 */
const OUTAGE_PASS_HEADER = 'x-baspa-outage-pass'
const PASS_KEY = Symbol.for('baspa.outagePass')
const processGlobal = globalThis as typeof globalThis & { [PASS_KEY]?: string }
const outagePass = (processGlobal[PASS_KEY] ??= randomBytes(16).toString('hex'))

/** What has an outage page: GET/HEAD of reader pages, feeds, sitemaps. Not the API, the Studio, images. */
export const outageHandled = (request: NextRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') && !/^\/(api|studio|lake)(\/|$)/.test(request.nextUrl.pathname)

/** Probed at most every OPEN_MS, whichever the backend: the local lake is a process of its own too. */
export function backendHealthy(): Promise<boolean> {
  return backendCircuit().healthy(() => probeBackend(appConfig().backend), OPEN_MS)
}

export async function duringOutage(request: NextRequest): Promise<Response> {
  const headers = new Headers(request.headers)
  headers.set(OUTAGE_PASS_HEADER, outagePass)
  // Uncompressed, so that the body passes through with its own headers unchanged.
  headers.set('accept-encoding', 'identity')
  try {
    const response = await fetch(`${ownOrigin()}${request.nextUrl.pathname}${request.nextUrl.search}`, {
      method: request.method,
      headers,
      redirect: 'manual',
      cache: 'no-store',
    })
    if (response.status < 500) return withoutMiddlewareHeaders(response)
    // Not awaited: cancelling the body of a response this server is still streaming can wait for it.
    response.body?.cancel().catch(() => {})
  } catch (error) {
    console.warn('outage pass-through failed:', error instanceof Error ? error.message : error)
  }
  return outageResponse(request.method, splitLocale(request.nextUrl.pathname).locale)
}

/**
 * The pass-through went through this proxy too, and was rewritten to its edition's segment: its
 * response carries `x-middleware-rewrite: /ru/…`. Returned from here as it is, Next would take that
 * header as this request's own rewrite (to a relative URL: a 500), so the x-middleware-* headers go.
 */
function withoutMiddlewareHeaders(response: Response): Response {
  const headers = new Headers(response.headers)
  for (const name of [...headers.keys()]) if (name.startsWith('x-middleware-')) headers.delete(name)
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

/** A request this server passed on to itself during an outage (it must not be passed on again). */
export const isOutagePass = (request: NextRequest) => request.headers.get(OUTAGE_PASS_HEADER) === outagePass
