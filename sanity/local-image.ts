import 'server-only'
import { env } from './env'
import { sharedLake } from './lake'
import { lakeImageResponse } from './lake/image-response'

/** Serves lake images in local mode; in hosted mode images come from Sanity's CDN and this is a 404. */
export async function localImage(segments: string[], request: Request): Promise<Response> {
  const { backend } = env()
  if (backend.mode !== 'local') return new Response('Not found', { status: 404 })
  return lakeImageResponse(sharedLake(backend.databaseFile, backend.seedFile), backend, segments, request)
}
