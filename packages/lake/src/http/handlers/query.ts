import type { Perspective } from '../../perspective'
import type { QueryParams } from '../../query'
import { streamListener } from '../listen'
import { HttpError, readJson } from '../responses'
import { checkQueryLength, headerValue, urlParams } from '../request'
import type { ApiRequest, Handler } from '../context'

const PERSPECTIVE_PERIOD = '2025-02-19'

/** Drafts and other non-published ids are only for authenticated requests (as on Sanity). */
function effectivePerspective(r: ApiRequest, requested: string | null): Perspective {
  const value = requested ?? (r.apiVersion >= PERSPECTIVE_PERIOD && /^\d/.test(r.apiVersion) ? 'published' : 'raw')
  const perspective = value === 'previewDrafts' ? 'drafts' : value
  if (perspective !== 'published' && perspective !== 'drafts' && perspective !== 'raw') {
    throw new HttpError(400, 'invalidPerspective', `perspective must be one of raw, published, drafts (got "${value}")`)
  }
  return r.user ? perspective : 'published'
}

/** GET|POST /data/query/{dataset}: GROQ with `$params`, in a perspective. */
export const query: Handler = async (ctx, r) => {
  const started = performance.now()
  let groq: string | undefined
  let params: QueryParams = {}
  let perspective = r.url.searchParams.get('perspective')
  if (r.req.method === 'POST') {
    const body = (await readJson(r.req)) as { query?: unknown; params?: unknown; perspective?: unknown } | undefined
    if (typeof body?.query !== 'string') throw new HttpError(400, 'queryParseError', 'the body needs a "query" string')
    groq = body.query
    if (body.params !== undefined && (typeof body.params !== 'object' || body.params === null || Array.isArray(body.params))) {
      throw new HttpError(400, 'invalidParams', '"params" must be an object')
    }
    params = (body.params as QueryParams | undefined) ?? {}
    if (typeof body.perspective === 'string') perspective = body.perspective
  } else {
    groq = r.url.searchParams.get('query') ?? undefined
    if (!groq) throw new HttpError(400, 'queryParseError', 'missing "query" parameter')
    params = urlParams(r.url)
  }
  checkQueryLength(ctx, groq)
  const json = await ctx.queries.run({ kind: 'query', query: groq, params, perspective: effectivePerspective(r, perspective) })
  // The result is JSON text from the worker: written as it is, not parsed and serialized again.
  const echo = r.url.searchParams.get('returnQuery') === 'false' ? '' : `,"query":${JSON.stringify(groq)}`
  r.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  r.res.end(`{"ms":${Math.round(performance.now() - started)}${echo},"result":${json}}`)
}

/** GET /data/listen/{dataset}: query, `$params`, and the listener options @sanity/client sends. */
export const listen: Handler = async (ctx, r) => {
  const search = r.url.searchParams
  const groq = search.get('query')
  if (!groq) throw new HttpError(400, 'queryParseError', 'missing "query" parameter')
  const params = urlParams(r.url)
  checkQueryLength(ctx, groq)
  await ctx.lake.engine.queryOver([], groq, params) // parse errors become a 400 before the stream opens
  const lastEventId = headerValue(r.req.headers['last-event-id']) ?? search.get('lastEventId') ?? undefined
  streamListener(ctx.lake, ctx.events, r.req, r.res, {
    groq,
    params,
    includeResult: search.get('includeResult') !== 'false',
    mendozaEffects: search.get('effectFormat') === 'mendoza',
    canSeeDrafts: Boolean(r.user),
    resumeAfter: search.get('enableResume') === 'true' ? lastEventId : undefined,
  })
}
