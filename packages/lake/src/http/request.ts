import { HttpError } from './responses'
import type { ApiRequest, LakeApiContext } from './context'
import type { TokenUser } from './tokens'
import type { QueryParams } from '../query'

export const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

/** The origin this request reached the API under (the Studio uses local.localhost, scripts localhost; servers the plain listener). */
export const requestOrigin = (r: Pick<ApiRequest, 'req'>) => {
  const secure = 'encrypted' in r.req.socket && Boolean(r.req.socket.encrypted)
  return `${secure ? 'https' : 'http'}://${headerValue(r.req.headers[':authority']) ?? headerValue(r.req.headers.host) ?? 'localhost'}`
}

export function requireUser(r: ApiRequest, why: string): TokenUser {
  if (!r.user) throw new HttpError(401, 'unauthorized', why)
  return r.user
}

export function requireEditor(r: ApiRequest): TokenUser {
  if (!r.user) throw new HttpError(401, 'unauthorized', 'writes need an editor token')
  if (r.user.role !== 'editor') throw new HttpError(403, 'forbidden', 'this token may read but not write')
  return r.user
}

export function checkQueryLength(ctx: LakeApiContext, groq: string) {
  const bytes = Buffer.byteLength(groq)
  if (bytes > ctx.limits.maxQueryBytes) {
    throw new HttpError(
      413,
      'queryTooLarge',
      `the query is ${bytes} bytes, more than this lake accepts (${ctx.limits.maxQueryBytes}): pass long lists as $params`,
    )
  }
}

/** `$name=<JSON>` query-string parameters, as @sanity/client sends them on GET. */
export function urlParams(url: URL): QueryParams {
  const params: QueryParams = {}
  for (const [key, raw] of url.searchParams) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(raw)
    } catch {
      throw new HttpError(400, 'invalidParams', `unable to parse the value of "${key}=${raw}": parameters are JSON, quote string values`)
    }
  }
  return params
}
