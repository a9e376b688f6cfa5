import { GroqQueryError } from '../groq-parse'
import { MutationError } from '../mutate'
import type { ApiRequest, LakeApiContext } from './context'
import { HttpError, sendError, type Req, type Res } from './responses'
import { headerValue } from './request'
import { matchRoute } from './route-table'
import { ROUTES } from './routes'

export type { LakeApiContext } from './context'

/** `/v2025-02-19/…`, `/v1/…`, `/vX/…`: Sanity prefixes every API path with a version. */
const VERSION_PREFIX = /^\/v(\d{4}-\d{2}-\d{2}|1|X)(?=\/)/

/**
 * The lake's Sanity-compatible HTTP API: CORS and preflights, the version prefix, the token's user,
 * then the route table (./routes.ts); errors become Sanity's JSON error bodies (bad input is a 4xx,
 * never a 500).
 */
export function createLakeApi(ctx: LakeApiContext) {
  return async function handle(req: Req, res: Res) {
    const url = new URL(req.url ?? '/', 'https://lake.invalid')
    applyCors(req, res)
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-max-age': '600' })
      res.end()
      return
    }
    const version = VERSION_PREFIX.exec(url.pathname)
    const path = version ? url.pathname.slice(version[0].length) : url.pathname
    try {
      await dispatch(ctx, {
        req,
        res,
        url,
        path,
        apiVersion: version?.[1] ?? '1',
        user: ctx.tokens.authenticate(headerValue(req.headers.authorization)),
        params: {},
        rest: [],
      })
    } catch (error) {
      if ((error instanceof HttpError || error instanceof MutationError) && error.status !== 404) {
        console.warn(`[lake] ${error.status} ${req.method} ${path}: ${error.message}`)
      }
      if (error instanceof HttpError) return sendError(res, error)
      if (error instanceof MutationError) return sendError(res, new HttpError(error.status, error.type, error.message))
      if (error instanceof GroqQueryError)
        return sendError(
          res,
          new HttpError(400, 'queryParseError', error.message, error.position === undefined ? {} : { start: error.position, end: error.position + 1 }),
        )
      console.error('[lake] unexpected error', error)
      if (!res.headersSent) sendError(res, new HttpError(500, 'internalError', 'internal error in the local content lake'))
      else res.end()
    }
  }
}

async function dispatch(ctx: LakeApiContext, r: ApiRequest) {
  let segments: string[]
  try {
    segments = r.path.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    throw new HttpError(400, 'invalidPath', 'the request path is not valid percent-encoding')
  }
  const match = matchRoute(ROUTES, r.req.method ?? 'GET', segments)
  if (!match) throw new HttpError(404, 'notFound', `no such endpoint: ${r.req.method} ${r.path}`)
  await match.route.handler(ctx, { ...r, params: match.params, rest: match.rest })
}

/** Browsers may call the lake only from localhost origins (the portal and its Studio). */
function applyCors(req: Req, res: Res) {
  const origin = headerValue(req.headers.origin)
  if (!origin) return
  let host = ''
  try {
    host = new URL(origin).hostname
  } catch {
    return
  }
  const local = host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]'
  if (!local) return
  res.setHeader('access-control-allow-origin', origin)
  res.setHeader('access-control-allow-credentials', 'true')
  res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
  // The Studio adds headers over time (x-sanity-app, client hints…): allow what the preflight asks for.
  const requested = headerValue(req.headers['access-control-request-headers'])
  res.setHeader(
    'access-control-allow-headers',
    requested && /^[\w\-, ]+$/.test(requested) ? requested : 'authorization, content-type, x-sanity-app, last-event-id',
  )
  res.setHeader('vary', 'Origin')
}
