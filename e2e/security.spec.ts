import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { watchCsp } from './csp'
import { LAKE_FOLDER } from '../tests/fixtures/playwright'

const PAGES = ['/', '/news/peregovory-tokaeva-i-van-i', '/topics/torgovlya', '/rss.xml', '/studio', '/news/no-such-article']
/** Pages sent without Next's client runtime (server/reader-html.ts) allow no script at all. */
const SCRIPTLESS = new Set(['/', '/news/peregovory-tokaeva-i-van-i', '/topics/torgovlya'])

for (const path of PAGES) {
  test(`${path} carries the security headers`, async ({ request }) => {
    const headers = (await request.get(path)).headers()
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['permissions-policy']).toContain('camera=()')
    const csp = headers['content-security-policy']!
    // The site is framed by the Studio's Presentation tool (same origin); the Studio is never framed.
    expect(headers['x-frame-options']).toBe(path === '/studio' ? 'DENY' : 'SAMEORIGIN')
    expect(csp).toContain(path === '/studio' ? "frame-ancestors 'none'" : "frame-ancestors 'self'")
    expect(csp).toContain(SCRIPTLESS.has(path) ? "script-src 'none'" : "script-src 'self' 'unsafe-inline'")
    expect(csp).toContain("script-src-attr 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'self'")
    expect(csp).toContain("form-action 'self'")
    expect(csp).not.toContain('unsafe-eval')
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
  // The lake's tokens: the viewer's is the one the server reads drafts with.
  const tokens = Object.values(JSON.parse(readFileSync(join(LAKE_FOLDER, 'lake-tokens.json'), 'utf8')) as Record<string, string>)
  expect(tokens.length, 'a token to look for').toBeGreaterThan(0)
  const files = clientFiles()
  expect(files.length).toBeGreaterThan(10)
  for (const file of files) {
    const text = readFileSync(file, 'latin1')
    for (const token of tokens) expect(text.includes(token), `${token.slice(0, 6)}… in ${file}`).toBe(false)
  }
})

const READER_PAGES = [
  '/',
  '/news/peregovory-tokaeva-i-van-i',
  '/topics',
  '/topics/torgovlya',
  '/people/kasym-zhomart-tokaev',
  '/countries/kitay',
  '/authors/aygerim-saparova',
  '/search?q=%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD',
  '/news/no-such-article',
]

for (const path of READER_PAGES) {
  // A notFound() thrown while rendering is a page Next 16 renders on the client: it keeps the runtime.
  const clientRendered = path === '/news/no-such-article'
  test(`${path}: no CSP violation, no page error, and ${clientRendered ? 'the page hydrates' : 'no script but JSON-LD'}`, async ({ page }) => {
    const csp = await watchCsp(page)
    const response = await page.goto(path)
    expect(response?.headers()['content-encoding']).toBe('gzip')
    if (clientRendered) {
      // Next's client runtime ran: inline RSC payload scripts and the chunks were allowed.
      await expect.poll(() => page.evaluate(() => typeof (window as unknown as { next?: unknown }).next)).toBe('object')
      await expect(page.getByTestId('not-found')).toBeVisible()
    }
    await page.waitForLoadState('networkidle')
    if (!clientRendered) {
      // Reader pages go out without Next's client runtime (server/reader-html.ts).
      expect(await page.evaluate(() => typeof (window as unknown as { next?: unknown }).next)).toBe('undefined')
      expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0)
      expect(await page.locator('link[rel="preload"][as="script"], link[rel="modulepreload"]').count()).toBe(0)
    }
    expect(await csp.violations()).toEqual([])
    expect(csp.problems).toEqual([])
  })
}

test('the policy blocks injected inline handlers, inline scripts and foreign scripts', async ({ page }) => {
  const csp = await watchCsp(page)
  await page.goto('/news/peregovory-tokaeva-i-van-i')
  await page.evaluate(() => {
    const img = document.createElement('img')
    img.setAttribute('onerror', 'window.__pwned = "onerror"')
    img.src = 'data:image/png;base64,broken'
    document.body.append(img)
    const a = document.createElement('a')
    a.setAttribute('onclick', 'window.__pwned = "onclick"')
    a.id = 'pwn-link'
    a.textContent = 'x'
    document.body.append(a)
    const script = document.createElement('script')
    script.src = 'https://evil.example/x.js'
    document.body.append(script)
    const inline = document.createElement('script')
    inline.textContent = 'window.__pwned = "inline script"'
    document.body.append(inline)
  })
  await page.locator('#pwn-link').click()
  // eval is not tested here: code Playwright evaluates is exempt from the page's CSP.
  await expect
    .poll(() => csp.violations())
    .toEqual(expect.arrayContaining(['script-src-attr inline', 'script-src-elem https://evil.example/x.js', 'script-src-elem inline']))
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined()
})
