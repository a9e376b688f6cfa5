import { describe, expect, it } from 'vitest'
import { scriptlessPolicy, sitePolicy, studioPolicy } from '@/lib/content-security-policy'

const directives = (policy: string) =>
  new Map(
    policy.split('; ').map((part) => {
      const [name, ...values] = part.split(' ')
      return [name!, values] as const
    }),
  )

describe('content security policies', () => {
  it('the site: scripts from itself and inline (RSC payload), never eval or inline handlers; framed by itself only', () => {
    const site = directives(sitePolicy({ lakeApiUrl: 'https://localhost:3443', https: false }))
    expect(site.get('script-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(site.get('script-src-attr')).toEqual(["'none'"])
    expect(site.get('object-src')).toEqual(["'none'"])
    expect(site.get('frame-ancestors')).toEqual(["'self'"])
    expect(site.get('img-src')).toEqual(expect.arrayContaining(['https://localhost:3443', 'https://*.localhost:3443']))
    expect(site.has('upgrade-insecure-requests')).toBe(false)
    expect([...site.values()].flat()).not.toContain("'unsafe-eval'")
  })

  it('a page without the client runtime: no script at all, everything else as the site’s', () => {
    const site = sitePolicy({ lakeApiUrl: 'https://localhost:3443', https: true })
    const scriptless = directives(scriptlessPolicy(site))
    expect(scriptless.get('script-src')).toEqual(["'none'"])
    expect(scriptless.get('script-src-attr')).toEqual(["'none'"])
    const withoutScripts = (policy: Map<string, string[]>) => [...policy].filter(([name]) => name !== 'script-src')
    expect(withoutScripts(scriptless)).toEqual(withoutScripts(directives(site)))
    expect(directives(scriptlessPolicy("default-src 'self'")).get('script-src')).toEqual(["'none'"])
  })

  it('local mode opens only the hosts it uses: the lake, never *.sanity.io; hosted mode opens Sanity’s', () => {
    const local = directives(sitePolicy({ lakeApiUrl: 'https://localhost:3443', https: false }))
    expect(local.get('connect-src')).toEqual(["'self'", 'https://localhost:3443', 'https://*.localhost:3443'])
    expect([...local.values()].flat().filter((value) => value.includes('sanity.io'))).toEqual([])
    const hosted = directives(sitePolicy({ https: true }))
    expect(hosted.get('connect-src')).toEqual(["'self'", 'https://*.sanity.io', 'wss://*.sanity.io'])
    expect(hosted.get('img-src')).toContain('https://cdn.sanity.io')
  })

  it('the Studio: its backend over HTTPS and WebSocket, never framed', () => {
    const studio = directives(studioPolicy({ sanityApiHost: 'https://api.example.com', https: true }))
    expect(studio.get('connect-src')).toEqual(
      expect.arrayContaining(['https://api.example.com', 'wss://api.example.com', 'https://cdn.example.com', 'https://*.sanity.io', 'wss://*.sanity.io']),
    )
    expect(studio.get('frame-ancestors')).toEqual(["'none'"])
    expect(studio.get('frame-src')).toEqual(["'self'"])
    expect(studio.has('upgrade-insecure-requests')).toBe(true)
  })

  it('the Studio on the local lake: its API and project host over HTTPS and WebSocket, no eval, no inline handlers, nothing else opened', () => {
    const studio = directives(studioPolicy({ lakeApiUrl: 'https://localhost:3443', https: false }))
    expect(studio.get('connect-src')).toEqual([
      "'self'",
      'https://localhost:3443',
      'https://*.localhost:3443',
      'wss://localhost:3443',
      'wss://*.localhost:3443',
      'https://sanity-cdn.com',
      'https://api.sanity.io',
    ])
    expect(studio.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://localhost:3443', 'https://*.localhost:3443'])
    expect(studio.get('script-src')).toEqual(["'self'", "'unsafe-inline'", 'https://core.sanity-cdn.com'])
    expect(studio.get('script-src-attr')).toEqual(["'none'"])
    expect(studio.get('default-src')).toEqual(["'self'"])
    expect(studio.get('object-src')).toEqual(["'none'"])
    expect(studio.get('base-uri')).toEqual(["'self'"])
    expect(studio.get('form-action')).toEqual(["'self'"])
    expect(studio.get('frame-ancestors')).toEqual(["'none'"])
    expect(studio.has('upgrade-insecure-requests')).toBe(false)
    expect([...studio.values()].flat()).not.toContain("'unsafe-eval'")
    expect([...studio.values()].flat()).not.toContain("'wasm-unsafe-eval'")
  })
})
