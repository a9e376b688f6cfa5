import 'server-only'
import { resilientContentClient, sanityContentClient, type ContentClient } from './content-client'
import { backendCircuit, probeBackend } from './backend-health'
import { config } from '@/config/env'

let client: ContentClient | undefined

/** The content client for this process: hosted Sanity or the local lake, chosen by the environment. */
export function contentClient(): ContentClient {
  const { backend } = config()
  client ??= resilientContentClient(sanityContentClient(backend), { circuit: backendCircuit(), probe: () => probeBackend(backend) })
  return client
}
