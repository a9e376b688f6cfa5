import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { config } from '@/config/env'

/**
 * The secret that signs revalidation webhooks. Hosted Sanity: SANITY_REVALIDATE_SECRET, the same
 * value as in the webhook's settings. Local lake: that variable if set, else a random secret the
 * lake keeps beside its database (created on first use), which the site in the same checkout reads.
 */
export function revalidateSecret(): string | undefined {
  const { backend, revalidateSecret: configured } = config()
  if (configured) return configured
  return backend.mode === 'local' ? localWebhookSecret(dirname(backend.lake.databaseFile)) : undefined
}

function localWebhookSecret(folder: string): string {
  const file = join(folder, 'webhook-secret')
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    mkdirSync(folder, { recursive: true })
    try {
      // 'wx': when two processes race to create it, the second one reads the first one's secret.
      writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    return readFileSync(file, 'utf8').trim()
  }
}
