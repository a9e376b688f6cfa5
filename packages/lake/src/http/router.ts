import type { LakeLimits } from '../config'
import type { Lake } from '../lake'
import { isValidDocumentId, type LakeDocument } from '../ndjson'
import { actionsToMutations } from '../actions'
import { fileAssetDocument, imageAssetDocument } from '../asset-document'
import { originalAssetHeaders } from '../asset-headers'
import { lakeImageResponse } from '../image-response'
import { applyMutations, MutationError } from '../mutate'
import { isPublishedId, type Perspective } from '../perspective'
import { GroqQueryError } from '../groq-parse'
import type { QueryParams } from '../query'
import type { QueryPool } from '../query-pool'
import type { LakeEvents } from './events'
import { streamExport } from './export'
import { documentIds, sendDocumentEvents, sendRevisions, sendTransactions } from './history'
import { sendIncomingReferences } from './references'
import { streamListener, streamLiveEvents } from './listen'
import { exchangeSid, loginPage, PROVIDER_PATH, providers } from './login'
import { HttpError, readBody, readJson, sendError, sendJson, type Req, type Res } from './responses'
import type { LakeTokens, TokenUser } from './tokens'

export interface LakeApiContext {
  lake: Lake
  /** Where queries are evaluated: worker threads under the limits (../query-pool.ts). */
  queries: QueryPool
  limits: Pick<LakeLimits, 'maxQueryBytes'>
  tokens: LakeTokens
  events: LakeEvents
  projectId: string
  dataset: string
  /** The origin written into uploaded assets' `url` (./server.ts). */
  assetBaseUrl?: string
}

/** `/v2025-02-19/…`, `/v1/…`, `/vX/…`: Sanity prefixes every API path with a version. */
const VERSION_PREFIX = /^\/v(\d{4}-\d{2}-\d{2}|1|X)(?=\/)/
const PERSPECTIVE_PERIOD = '2025-02-19'

interface Request {
  req: Req
  res: Res
  url: URL
  path: string
  apiVersion: string
  user: TokenUser | null
}

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
    const request: Request = {
      req,
      res,
      url,
      path: version ? url.pathname.slice(version[0].length) : url.pathname,
      apiVersion: version?.[1] ?? '1',
      user: ctx.tokens.authenticate(headerValue(req.headers.authorization)),
    }
    try {
      await route(ctx, request)
    } catch (error) {
      if ((error instanceof HttpError || error instanceof MutationError) && error.status !== 404) {
        console.warn(`[lake] ${error.status} ${req.method} ${request.path}: ${error.message}`)
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

async function route(ctx: LakeApiContext, r: Request) {
  const { method } = r.req
  let segments: string[]
  try {
    segments = r.path.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    throw new HttpError(400, 'invalidPath', 'the request path is not valid percent-encoding')
  }
  const [area, action, dataset, ...rest] = segments

  if (r.path === '/ping' && method === 'GET') return sendJson(r.res, 200, 'PONG')
  // @sanity/client asks before live events whether this origin may call with credentials (CORS is answered above).
  if (r.path === '/check/cors' && method === 'GET') return sendJson(r.res, 200, { result: { allowed: true, withCredentials: true } })
  if (r.path === '/users/me' && method === 'GET') return usersMe(r)
  if (area === 'users' && segments.length === 2 && action !== 'me' && method === 'GET') {
    if (!r.user) throw new HttpError(401, 'unauthorized', 'not logged in')
    return sendJson(r.res, 200, ctx.tokens.users(action!.split(',')))
  }
  if (r.path === '/auth/providers' && method === 'GET') return sendJson(r.res, 200, providers(requestOrigin(r)))
  if (r.path === PROVIDER_PATH && (method === 'GET' || method === 'POST')) return loginPage(r.req, r.res, r.url, ctx.tokens)
  if (r.path === '/auth/fetch' && method === 'GET') return exchangeSid(r.res, r.url)
  if (r.path === '/auth/id' && method === 'GET') {
    if (!r.user) throw new HttpError(401, 'unauthorized', 'not logged in')
    return sendJson(r.res, 200, { id: r.user.id })
  }
  if (r.path === '/auth/logout' && method === 'POST') return sendJson(r.res, 200, {})
  if ((area === 'images' || area === 'files') && method === 'GET') return serveAsset(ctx, r, segments)
  if (area === 'assets' && (action === 'images' || action === 'files') && method === 'POST') {
    if (dataset !== ctx.dataset || rest.length > 0) throw new HttpError(404, 'datasetNotFound', `dataset "${dataset}" not found`)
    return uploadAsset(ctx, r, action)
  }
  const quiet = quietAnswer(ctx, method ?? 'GET', segments)
  if (quiet !== undefined) return sendJson(r.res, 200, quiet)
  if (area !== 'data' || !action) throw new HttpError(404, 'notFound', `no such endpoint: ${method} ${r.path}`)
  if (action === 'live' && dataset === 'events' && rest[0] === ctx.dataset && rest.length === 1 && method === 'GET') return streamLiveEvents(r.req, r.res)
  if (dataset !== ctx.dataset) throw new HttpError(404, 'datasetNotFound', `dataset "${dataset}" not found (this lake serves "${ctx.dataset}")`)

  if (action === 'query' && rest.length === 0 && (method === 'GET' || method === 'POST')) return query(ctx, r)
  if (action === 'doc' && rest.length === 1 && method === 'GET') return getDocuments(ctx, r, rest[0]!)
  if (action === 'mutate' && rest.length === 0 && method === 'POST') return mutate(ctx, r)
  if (action === 'actions' && rest.length === 0 && method === 'POST') return runActions(ctx, r)
  if (action === 'history' && method === 'GET') return history(ctx, r, rest)
  if (action === 'references' && rest[0] === 'documents' && rest[2] === 'to' && rest.length === 3 && method === 'GET') {
    if (!r.user) throw new HttpError(401, 'unauthorized', 'references need a token')
    return sendIncomingReferences(ctx.queries, r.res, r.url, ctx, rest[1]!)
  }
  if (action === 'listen' && rest.length === 0 && method === 'GET') return listen(ctx, r)
  if (action === 'export' && rest.length === 0 && method === 'GET') {
    if (!r.user) throw new HttpError(401, 'unauthorized', 'exporting the dataset needs a token')
    return streamExport(ctx.lake.store.file, r.res, { types: r.url.searchParams.get('types'), assetOrigin: requestOrigin(r) })
  }
  throw new HttpError(404, 'notFound', `no such endpoint: ${method} ${r.path}`)
}

function usersMe(r: Request) {
  if (!r.user) throw new HttpError(401, 'unauthorized', 'not logged in: send a lake token as "Authorization: Bearer <token>"')
  sendJson(r.res, 200, {
    id: r.user.id,
    name: r.user.name,
    email: `${r.user.id}@lake.localhost`,
    profileImage: null,
    role: r.user.role === 'editor' ? 'administrator' : 'viewer',
    roles: [{ name: r.user.role === 'editor' ? 'administrator' : 'viewer', title: r.user.role === 'editor' ? 'Administrator' : 'Viewer' }],
    provider: 'baspa-lake',
  })
}

/** Drafts and other non-published ids are only for authenticated requests (as on Sanity). */
function effectivePerspective(r: Request, requested: string | null): Perspective {
  const value = requested ?? (r.apiVersion >= PERSPECTIVE_PERIOD && /^\d/.test(r.apiVersion) ? 'published' : 'raw')
  const perspective = value === 'previewDrafts' ? 'drafts' : value
  if (perspective !== 'published' && perspective !== 'drafts' && perspective !== 'raw') {
    throw new HttpError(400, 'invalidPerspective', `perspective must be one of raw, published, drafts (got "${value}")`)
  }
  return r.user ? perspective : 'published'
}

async function query(ctx: LakeApiContext, r: Request) {
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

function checkQueryLength(ctx: LakeApiContext, groq: string) {
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
function urlParams(url: URL): QueryParams {
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

function getDocuments(ctx: LakeApiContext, r: Request, idList: string) {
  const ids = idList
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
  if (ids.length === 0 || ids.some((id) => !isValidDocumentId(id))) throw new HttpError(400, 'invalidDocumentId', 'invalid document id list')
  const documents: LakeDocument[] = []
  const omitted: { id: string; reason: 'existence' | 'permission' }[] = []
  for (const id of ids) {
    if (!r.user && !isPublishedId(id)) {
      omitted.push({ id, reason: 'permission' })
      continue
    }
    const doc = ctx.lake.store.getDocument(id)
    if (doc) documents.push(doc)
    else omitted.push({ id, reason: 'existence' })
  }
  sendJson(r.res, 200, { documents, omitted })
}

function requireEditor(r: Request): TokenUser {
  if (!r.user) throw new HttpError(401, 'unauthorized', 'writes need an editor token')
  if (r.user.role !== 'editor') throw new HttpError(403, 'forbidden', 'this token may read but not write')
  return r.user
}

function transactionIdFrom(r: Request, body: { transactionId?: unknown } | undefined): string | undefined {
  const id = typeof body?.transactionId === 'string' ? body.transactionId : (r.url.searchParams.get('transactionId') ?? undefined)
  if (id !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new HttpError(400, 'mutationError', 'invalid transactionId')
  return id
}

/** Applies mutations (or mutations derived from actions) and tells the listeners. */
async function commit(ctx: LakeApiContext, r: Request, user: TokenUser, input: Parameters<typeof applyMutations>[2], transactionId?: string) {
  const dryRun = r.url.searchParams.get('dryRun') === 'true'
  const result = await applyMutations(ctx.lake.store, ctx.lake.engine, input, { transactionId, author: user.id, dryRun })
  if (!dryRun && result.changes.length > 0) {
    ctx.events.publish({
      sequence: result.sequence!,
      transactionId: result.transactionId,
      timestamp: result.timestamp,
      identity: user.id,
      changes: result.changes,
    })
  }
  return result
}

async function mutate(ctx: LakeApiContext, r: Request) {
  const user = requireEditor(r)
  const body = (await readJson(r.req)) as { mutations?: unknown; transactionId?: unknown } | undefined
  const result = await commit(ctx, r, user, body?.mutations, transactionIdFrom(r, body))
  const search = r.url.searchParams
  const returnDocuments = search.get('returnDocuments') === 'true'
  const returnIds = search.get('returnIds') === 'true' || returnDocuments
  sendJson(r.res, 200, {
    transactionId: result.transactionId,
    results: result.results.map(({ id, operation, document }) => ({ id, operation, ...(returnDocuments && document ? { document } : {}) })),
    ...(returnIds ? { documentIds: [...new Set(result.results.map((x) => x.id))] } : {}),
  })
}

/** POST /assets/images|files/{dataset}: the body is the file; answers `{ document }` (existing asset if already uploaded). */
async function uploadAsset(ctx: LakeApiContext, r: Request, kind: 'images' | 'files') {
  const user = requireEditor(r)
  const data = await readBody(r.req)
  if (data.length === 0) throw new HttpError(400, 'invalidAsset', 'the upload is empty')
  const filename = r.url.searchParams.get('filename') ?? undefined
  const placement = { projectId: ctx.projectId, dataset: ctx.dataset, baseUrl: ctx.assetBaseUrl ?? requestOrigin(r) }
  const document =
    kind === 'images'
      ? await imageAssetDocument(data, placement, filename)
      : fileAssetDocument(data, placement, headerValue(r.req.headers['content-type']) || undefined, filename)
  const existing = ctx.lake.store.getDocument(document._id)
  if (existing) return sendJson(r.res, 200, { document: existing })
  // The binary is content-addressed, so storing it before the document can leave nothing inconsistent.
  ctx.lake.store.putAsset({ id: document._id, mimeType: String(document.mimeType), data })
  await commit(ctx, r, user, [{ createIfNotExists: document }])
  sendJson(r.res, 200, { document: ctx.lake.store.getDocument(document._id) })
}

/** GET /images/{project}/{dataset}/{file}?w=…: the image API (same parameters as Sanity's CDN); /files/…: the raw file. */
async function serveAsset(ctx: LakeApiContext, r: Request, segments: string[]) {
  const [area, ...path] = segments
  if (area === 'images') {
    const response = await lakeImageResponse(
      ctx.lake.images,
      ctx,
      path,
      new Request(`https://lake.invalid${r.req.url}`, { headers: { accept: headerValue(r.req.headers.accept) ?? '' } }),
    )
    r.res.writeHead(response.status, Object.fromEntries(response.headers))
    r.res.end(Buffer.from(await response.arrayBuffer()))
    return
  }
  const [projectId, dataset, fileName] = path
  const match = /^([a-f0-9]{40})\.([a-z0-9]{1,8})$/.exec(fileName ?? '')
  const stored = projectId === ctx.projectId && dataset === ctx.dataset && match ? ctx.lake.store.getAsset(`file-${match[1]}-${match[2]}`) : undefined
  if (!stored) throw new HttpError(404, 'notFound', 'file not found')
  r.res.writeHead(200, originalAssetHeaders(stored.data, stored.mimeType, fileName!))
  r.res.end(stored.data)
}

/** The Actions API: the Studio's create, edit, publish, unpublish, discard, delete and replaceDraft. */
async function runActions(ctx: LakeApiContext, r: Request) {
  const user = requireEditor(r)
  const body = (await readJson(r.req)) as { actions?: unknown; transactionId?: unknown } | undefined
  const derive = (read: (id: string) => LakeDocument | undefined) => actionsToMutations(body?.actions, read)
  const result = await commit(ctx, r, user, derive, transactionIdFrom(r, body))
  sendJson(r.res, 200, { transactionId: result.transactionId })
}

/** History API: transactions (NDJSON, by range), documents at a revision or time, and the document events (./history.ts). */
function history(ctx: LakeApiContext, r: Request, rest: string[]) {
  if (!r.user) throw new HttpError(401, 'unauthorized', 'history needs a token')
  const [kind, sub, idList] = rest
  if (kind === 'transactions' && rest.length === 2) return sendTransactions(ctx.lake, r.res, r.url, documentIds(sub))
  if (kind === 'documents' && rest.length === 2) return sendRevisions(ctx.lake, r.res, r.url, documentIds(sub))
  if (kind === 'events' && sub === 'documents' && rest.length === 3) return sendDocumentEvents(ctx.lake, r.res, r.url, documentIds(idList))
  throw new HttpError(404, 'notFound', `no such history endpoint: ${r.path}`)
}

/**
 * Answers for the project-management endpoints the Studio asks about at start-up. The lake has one
 * project, one public dataset and no organisation; comments, tasks and releases are not offered.
 */
function quietAnswer(ctx: LakeApiContext, method: string, segments: string[]): unknown {
  const [area, id, sub, dataset, leaf] = segments
  if (method !== 'GET') return area === 'intake' || (area === 'users' && id === 'me' && sub === 'keyvalue') ? {} : undefined
  if (area === 'features') return []
  if (area === 'intake') return {}
  if (area === 'users' && id === 'me' && sub === 'keyvalue') return []
  if (area !== 'projects' || id !== ctx.projectId) return undefined
  if (segments.length === 2) {
    return {
      id: ctx.projectId,
      displayName: 'Baspa (local content lake)',
      studioHost: null,
      organizationId: null,
      isBlocked: false,
      isDisabled: false,
      metadata: {},
      members: [],
      features: [],
    }
  }
  if (sub === 'user-applications' && segments.length === 3) return []
  if (sub === 'datasets' && segments.length === 3) return [{ name: ctx.dataset, aclMode: 'public', tags: [] }]
  if (sub === 'datasets' && dataset === ctx.dataset && leaf === 'acl' && segments.length === 5) {
    return [{ filter: '_id in path("**")', permissions: ['history', 'read', 'update', 'create'] }]
  }
  return undefined
}

/** GET /data/listen/{dataset}: query, `$params`, and the listener options @sanity/client sends. */
async function listen(ctx: LakeApiContext, r: Request) {
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

/** The origin this request reached the API under (the Studio uses local.localhost, scripts localhost; servers the plain listener). */
const requestOrigin = (r: Request) => {
  const secure = 'encrypted' in r.req.socket && Boolean(r.req.socket.encrypted)
  return `${secure ? 'https' : 'http'}://${headerValue(r.req.headers[':authority']) ?? headerValue(r.req.headers.host) ?? 'localhost'}`
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)
