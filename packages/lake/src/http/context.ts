import type { LakeLimits } from '../config'
import type { Lake } from '../lake'
import type { QueryPool } from '../query-pool'
import type { LakeEvents } from './events'
import type { Req, Res } from './responses'
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

/** One API request as handlers see it: the path without its version prefix, the token's user, the route's parameters. */
export interface ApiRequest {
  req: Req
  res: Res
  url: URL
  path: string
  apiVersion: string
  user: TokenUser | null
  /** `:name` segments of the matched route, and `rest` for a trailing `*`. */
  params: Record<string, string>
  rest: string[]
}

export type Handler = (ctx: LakeApiContext, r: ApiRequest) => unknown
