import { HttpError } from './responses'
import { requestOrigin, requireUser } from './request'
import { route, type Route } from './route-table'
import { streamExport } from './export'
import { documentIds, sendDocumentEvents, sendRevisions, sendTransactions } from './history'
import { streamLiveEvents } from './listen'
import { PROVIDER_PATH } from './login'
import { sendIncomingReferences } from './references'
import { serveFile, serveImage, uploadAsset } from './handlers/assets'
import { getDocuments, mutate, runActions } from './handlers/documents'
import * as project from './handlers/project'
import { listen, query } from './handlers/query'
import type { Handler } from './context'

/** A handler of `/data/{action}/{dataset}/…`: 404 for a dataset this lake does not serve. */
const inDataset =
  (handler: Handler): Handler =>
  (ctx, r) => {
    if (r.params.dataset !== ctx.dataset)
      throw new HttpError(404, 'datasetNotFound', `dataset "${r.params.dataset}" not found (this lake serves "${ctx.dataset}")`)
    return handler(ctx, r)
  }

const historyNeedsToken = (handler: Handler): Handler => inDataset((ctx, r) => (requireUser(r, 'history needs a token'), handler(ctx, r)))

/**
 * The lake's HTTP API, one row per endpoint: methods, path (after the `/v…` version prefix) and the
 * handler. The first matching row answers; no match is a 404. CORS, the version prefix, tokens and
 * errors are the router's (./router.ts).
 */
export const ROUTES: readonly Route[] = [
  route('GET', '/ping', project.ping),
  route('GET', '/check/cors', project.checkCors),

  // Accounts and login (./login.ts).
  route('GET', '/users/me', project.usersMe),
  route('GET', '/users/me/keyvalue/*', project.answer([])),
  route(['POST', 'PUT', 'PATCH', 'DELETE'], '/users/me/keyvalue/*', project.answer({})),
  route('GET', '/users/:ids', project.users),
  route('GET', '/auth/providers', project.authProviders),
  route(['GET', 'POST'], PROVIDER_PATH, project.authLogin),
  route('GET', '/auth/fetch', project.authFetch),
  route('GET', '/auth/id', project.authId),
  route('POST', '/auth/logout', project.authLogout),

  // What the Studio asks about the project at start-up, and telemetry it sends (dropped).
  route('GET', '/features/*', project.answer([])),
  route(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], '/intake/*', project.answer({})),
  route('GET', '/projects/:projectId', project.project),
  route('GET', '/projects/:projectId/user-applications', project.userApplications),
  route('GET', '/projects/:projectId/datasets', project.datasets),
  route('GET', '/projects/:projectId/datasets/:dataset/acl', project.datasetAcl),

  // Assets: the image API, raw files, uploads (./handlers/assets.ts).
  route('GET', '/images/*', serveImage),
  route('GET', '/files/*', serveFile),
  route('POST', '/assets/images/:dataset', uploadAsset('images')),
  route('POST', '/assets/files/:dataset', uploadAsset('files')),

  // The dataset: queries, documents, writes, listeners, history, references, export.
  route(['GET', 'POST'], '/data/query/:dataset', inDataset(query)),
  route('GET', '/data/doc/:dataset/:ids', inDataset(getDocuments)),
  route('POST', '/data/mutate/:dataset', inDataset(mutate)),
  route('POST', '/data/actions/:dataset', inDataset(runActions)),
  route('GET', '/data/listen/:dataset', inDataset(listen)),
  route(
    'GET',
    '/data/live/events/:dataset',
    inDataset((_ctx, r) => streamLiveEvents(r.req, r.res)),
  ),
  route(
    'GET',
    '/data/history/:dataset/transactions/:ids',
    historyNeedsToken((ctx, r) => sendTransactions(ctx.lake, r.res, r.url, documentIds(r.params.ids))),
  ),
  route(
    'GET',
    '/data/history/:dataset/documents/:ids',
    historyNeedsToken((ctx, r) => sendRevisions(ctx.lake, r.res, r.url, documentIds(r.params.ids))),
  ),
  route(
    'GET',
    '/data/history/:dataset/events/documents/:ids',
    historyNeedsToken((ctx, r) => sendDocumentEvents(ctx.lake, r.res, r.url, documentIds(r.params.ids))),
  ),
  route(
    'GET',
    '/data/references/:dataset/documents/:id/to',
    inDataset((ctx, r) => (requireUser(r, 'references need a token'), sendIncomingReferences(ctx.queries, r.res, r.url, ctx, r.params.id!))),
  ),
  route(
    'GET',
    '/data/export/:dataset',
    inDataset((ctx, r) => {
      requireUser(r, 'exporting the dataset needs a token')
      return streamExport(ctx.lake.store.file, r.res, { types: r.url.searchParams.get('types'), assetOrigin: requestOrigin(r) })
    }),
  ),
]
