import type { Page } from '@playwright/test'

/**
 * Collects CSP violations (the event, and Chromium's console report) and page errors from the start,
 * across navigations and in every frame (the Studio's Presentation tool frames the site).
 */
export async function watchCsp(page: Page) {
  const problems: string[] = []
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  await page.exposeFunction('__reportCspViolation', (violation: string) => violations.push(violation))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (window as unknown as { __reportCspViolation: (violation: string) => Promise<void> }).__reportCspViolation(
        `${event.effectiveDirective} ${event.blockedURI}`,
      )
    })
  })
  return {
    problems,
    violations: async () => [...violations],
  }
}
