import type { Page } from '@playwright/test'

/** Collects CSP violations (the event, and Chromium's console report) and page errors from the start. */
export async function watchCsp(page: Page) {
  const problems: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const w = window as unknown as { __cspViolations?: string[] }
      ;(w.__cspViolations ??= []).push(`${event.effectiveDirective} ${event.blockedURI}`)
    })
  })
  return {
    problems,
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []),
  }
}
