import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

const PAGES = ['/', '/news/peregovory-tokaeva-i-van-i', '/topics/torgovlya', '/rss.xml', '/studio', '/news/no-such-article']

for (const path of PAGES) {
  test(`${path} carries the security headers`, async ({ request }) => {
    const headers = (await request.get(path)).headers()
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['permissions-policy']).toContain('camera=()')
    expect(headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'")
    expect(headers['x-powered-by']).toBeUndefined()
    // Served over plain HTTP in tests: no HSTS (it is sent when SITE_URL is https).
    expect(headers['strict-transport-security']).toBeUndefined()
  })
}

/** Every file the browser can download from the build. */
function clientFiles(dir = '.next/static'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? clientFiles(path) : [path]
  })
}

test('no API token reaches the browser: none is in the client bundles', async () => {
  // Hosted mode: the read token the server uses; local mode: the lake's tokens.
  const tokens = [process.env.SANITY_API_READ_TOKEN, process.env.SANITY_API_WRITE_TOKEN].filter(Boolean) as string[]
  const lakeTokens = join(process.env.LAKE_DB_PATH ? process.env.LAKE_DB_PATH.replace(/[^/]+$/, '') : '.data/', 'lake-tokens.json')
  try {
    tokens.push(...Object.values(JSON.parse(readFileSync(lakeTokens, 'utf8')) as Record<string, string>))
  } catch {
    // no lake tokens in hosted mode's site folder
  }
  expect(tokens.length, 'a token to look for').toBeGreaterThan(0)
  const files = clientFiles()
  expect(files.length).toBeGreaterThan(10)
  for (const file of files) {
    const text = readFileSync(file, 'latin1')
    for (const token of tokens) expect(text.includes(token), `${token.slice(0, 6)}… in ${file}`).toBe(false)
  }
})
