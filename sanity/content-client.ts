import type { Lake } from './lake'
import type { QueryParams } from './lake/query'

export type ReadPerspective = 'published' | 'drafts'

/** The one thing the data layer needs from a backend: GROQ with params, in a perspective. */
export interface ContentClient {
  readonly mode: 'local' | 'hosted'
  fetch(query: string, params: QueryParams, perspective: ReadPerspective): Promise<unknown>
}

/** Reads the embedded lake in process: the same GROQ the hosted API would run, without a network hop. */
export function lakeContentClient(lake: Lake): ContentClient {
  return { mode: 'local', fetch: (query, params, perspective) => lake.engine.query(query, params, perspective) }
}
