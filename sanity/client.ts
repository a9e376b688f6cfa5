import 'server-only'
import { createClient } from '@sanity/client'
import type { ContentClient } from './content-client'
import { lakeContentClient } from './content-client'
import { env, type ContentBackend } from './env'
import { sharedLake } from './lake'

function hostedClient(backend: Extract<ContentBackend, { mode: 'hosted' }>): ContentClient {
  const client = createClient({
    projectId: backend.projectId,
    dataset: backend.dataset,
    apiVersion: backend.apiVersion,
    useCdn: true,
    token: backend.token,
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
    client = backend.mode === 'hosted' ? hostedClient(backend) : lakeContentClient(sharedLake(backend.databaseFile, backend.seedFile))
  }
  return client
}
