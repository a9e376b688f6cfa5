import { DEFAULT_LIMITS, type LakeConfig } from '@baspa/lake'
import { startLakeService, type LakeService } from '@baspa/lake/server'
import { sanityContentClient, type ContentClient } from '@/sanity/content-client'
import { LOCAL_DATASET, LOCAL_PROJECT_ID } from '@/config/project'

export interface LocalLakeService {
  service: LakeService
  /** The site's content client, reading this lake over HTTP as the site does. */
  client: ContentClient
  close(): Promise<void>
}

/**
 * A lake service in this process on a free port (plain HTTP, no webhooks), and the site's content
 * client for it: what tests and scripts use to read a lake exactly as the site reads it.
 */
export async function startLocalLake(databaseFile: string, config: Partial<LakeConfig> = {}): Promise<LocalLakeService> {
  const service = await startLakeService({
    databaseFile,
    projectId: LOCAL_PROJECT_ID,
    dataset: LOCAL_DATASET,
    host: '127.0.0.1',
    apiPort: null,
    httpPort: 0,
    limits: DEFAULT_LIMITS,
    ...config,
  })
  const client = sanityContentClient({
    mode: 'local',
    projectId: LOCAL_PROJECT_ID,
    dataset: LOCAL_DATASET,
    apiVersion: '2025-02-19',
    apiHost: service.server.httpUrl!,
    tokenFile: service.credentialsFile,
    lake: { databaseFile, apiPort: 0, httpPort: service.server.httpPort!, external: true },
  })
  return { service, client, close: () => service.close() }
}
