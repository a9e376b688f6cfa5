import { exchangeSid, loginPage, providers } from '../login'
import { HttpError, sendJson } from '../responses'
import { requestOrigin, requireUser } from '../request'
import type { Handler } from '../context'

/**
 * The account, login and project-management endpoints the Studio asks about. The lake has one
 * project, one public dataset and no organisation; comments, tasks and releases are not offered.
 */
export const ping: Handler = (_ctx, r) => sendJson(r.res, 200, 'PONG')

// @sanity/client asks before live events whether this origin may call with credentials (CORS is answered by the router).
export const checkCors: Handler = (_ctx, r) => sendJson(r.res, 200, { result: { allowed: true, withCredentials: true } })

export const usersMe: Handler = (_ctx, r) => {
  const user = requireUser(r, 'not logged in: send a lake token as "Authorization: Bearer <token>"')
  const role = user.role === 'editor' ? 'administrator' : 'viewer'
  sendJson(r.res, 200, {
    id: user.id,
    name: user.name,
    email: `${user.id}@lake.localhost`,
    profileImage: null,
    role,
    roles: [{ name: role, title: user.role === 'editor' ? 'Administrator' : 'Viewer' }],
    provider: 'baspa-lake',
  })
}

export const users: Handler = (ctx, r) => {
  requireUser(r, 'not logged in')
  sendJson(r.res, 200, ctx.tokens.users(r.params.ids!.split(',')))
}

export const authProviders: Handler = (_ctx, r) => sendJson(r.res, 200, providers(requestOrigin(r)))
export const authLogin: Handler = (ctx, r) => loginPage(r.req, r.res, r.url, ctx.tokens)
export const authFetch: Handler = (_ctx, r) => exchangeSid(r.res, r.url)
export const authId: Handler = (_ctx, r) => sendJson(r.res, 200, { id: requireUser(r, 'not logged in').id })
export const authLogout: Handler = (_ctx, r) => sendJson(r.res, 200, {})

/** A fixed answer: `[]` for feature lists and stored preferences, `{}` for telemetry the lake drops. */
export const answer =
  (value: unknown): Handler =>
  (_ctx, r) =>
    sendJson(r.res, 200, value)

/** The project's own description, and its lists, when asked by its id. */
const thisProject =
  (respond: Handler): Handler =>
  (ctx, r) => {
    if (r.params.projectId !== ctx.projectId) throw new HttpError(404, 'notFound', `no such endpoint: ${r.req.method} ${r.path}`)
    return respond(ctx, r)
  }

export const project = thisProject((ctx, r) =>
  sendJson(r.res, 200, {
    id: ctx.projectId,
    displayName: 'Baspa (local content lake)',
    studioHost: null,
    organizationId: null,
    isBlocked: false,
    isDisabled: false,
    metadata: {},
    members: [],
    features: [],
  }),
)
export const userApplications = thisProject(answer([]))
export const datasets = thisProject((ctx, r) => sendJson(r.res, 200, [{ name: ctx.dataset, aclMode: 'public', tags: [] }]))
export const datasetAcl = thisProject((ctx, r) => {
  if (r.params.dataset !== ctx.dataset) throw new HttpError(404, 'notFound', `no such endpoint: ${r.req.method} ${r.path}`)
  sendJson(r.res, 200, [{ filter: '_id in path("**")', permissions: ['history', 'read', 'update', 'create'] }])
})
