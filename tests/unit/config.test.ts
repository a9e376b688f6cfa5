import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnvError, readConfig } from '@/config/env'

describe('environment', () => {
  it('defaults to the local lake', () => {
    const env = readConfig({})
    expect(env.backend).toMatchObject({ mode: 'local', projectId: 'local', dataset: 'production', apiHost: 'http://127.0.0.1:3444' })
    expect(env.backend.mode === 'local' && env.backend.lake).toMatchObject({
      databaseFile: resolve('.data/lake.sqlite'),
      apiPort: 3443,
      httpPort: 3444,
      external: false,
    })
    expect(env.siteUrl).toBe('http://localhost:3000')
  })
  it('reads a lake started elsewhere when LAKE_URL is set, and starts none', () => {
    const env = readConfig({ LAKE_URL: 'http://lake.internal:3444/' })
    expect(env.backend).toMatchObject({ mode: 'local', apiHost: 'http://lake.internal:3444' })
    expect(env.backend.mode === 'local' && env.backend.lake.external).toBe(true)
  })
  it('chooses hosted Sanity when project and dataset are set', () => {
    const env = readConfig({ SANITY_PROJECT_ID: 'abc123', SANITY_DATASET: 'production', SANITY_API_READ_TOKEN: 'sk', SITE_URL: 'https://baspa.kz/' })
    expect(env.backend).toMatchObject({ mode: 'hosted', projectId: 'abc123', dataset: 'production', token: 'sk' })
    expect(env.siteUrl).toBe('https://baspa.kz')
  })
  it('treats blank variables as unset', () => {
    expect(readConfig({ SANITY_PROJECT_ID: '', SANITY_DATASET: ' ' }).backend.mode).toBe('local')
  })
  it('explains a half or malformed configuration', () => {
    expect(() => readConfig({ SANITY_PROJECT_ID: 'abc' })).toThrow(/set both SANITY_PROJECT_ID and SANITY_DATASET/)
    expect(() => readConfig({ SANITY_PROJECT_ID: 'ABC!', SANITY_DATASET: 'x' })).toThrow(EnvError)
    expect(() => readConfig({ SITE_URL: 'not a url' })).toThrow(/SITE_URL/)
  })
})
