import 'server-only'
import { createClient } from '@sanity/client'
import type { ContentClient } from './content-client'
import { lakeContentClient, resilientContentClient } from './content-client'
import { backendCircuit, injectedFault } from './backend-health'
import { env, type ContentBackend } from './env'
import { sharedLake } from './lake'

/** A hosted request that has not answered after this long fails (get-it: connect and between bytes). */
export const HOSTED_TIMEOUT_MS = 3_000

function hostedClient(backend: Extract<ContentBackend, { mode: 'hosted' }>): ContentClient {
  const client = createClient({
    projectId: backend.projectId,
    dataset: backend.dataset,
    apiVersion: backend.apiVersion,
    useCdn: true,
    token: backend.token,
    // The defaults wait 5 minutes and retry a failed GET 5 times: a hung backend would hang pages.
    timeout: HOSTED_TIMEOUT_MS,
    maxRetries: 1,
    ...(backend.apiHost ? { apiHost: backend.apiHost, useProjectHostname: false } : {}),
  })
  return {
    mode: 'hosted',
    fetch: (query, params, perspective) => {
      if (perspective === 'drafts' && !backend.token) throw new Error('the drafts perspective needs SANITY_API_READ_TOKEN')
      return client.fetch(query, params, { perspective, useCdn: perspective === 'published', cache: 'no-store' })
    },
  }
}

let client: ContentClient | undefined

/** The content client for this process: hosted Sanity or the local lake, chosen by the environment. */
export function contentClient(): ContentClient {
  if (!client) {
    const { backend } = env()
    const base = backend.mode === 'hosted' ? hostedClient(backend) : lakeContentClient(sharedLake(backend.databaseFile, backend.seedFile))
    client = resilientContentClient(base, { circuit: backendCircuit(), fault: injectedFault })
  }
  return client
}
