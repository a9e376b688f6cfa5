import { DEFAULT_LAKE_API_PORT } from '../../studio-project'
import { env } from '../../env'
import { sharedLake } from '../index'
import { bootLakeApi } from './boot'

const started = globalThis as unknown as { __baspaLakeApi?: Promise<unknown> }

/**
 * In local mode the portal's own server process also serves the lake's API, so one command gives
 * the site and the Studio's backend over the same store. LAKE_API_PORT=off disables it.
 */
export function startEmbeddedLakeApi(): Promise<unknown> {
  const { backend } = env()
  const port = process.env.LAKE_API_PORT
  if (backend.mode !== 'local' || port === 'off') return Promise.resolve()
  started.__baspaLakeApi ??= bootLakeApi(sharedLake(backend.databaseFile, backend.seedFile), Number(port || DEFAULT_LAKE_API_PORT)).catch((error: NodeJS.ErrnoException) => {
    console.warn(
      error.code === 'EADDRINUSE'
        ? `[lake] port ${port || DEFAULT_LAKE_API_PORT} is in use: the Studio's API is not started by this server (set LAKE_API_PORT)`
        : `[lake] the API did not start: ${error.message}`,
    )
  })
  return started.__baspaLakeApi
}
