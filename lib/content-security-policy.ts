/**
 * The Content-Security-Policy of the reader site and of the Studio (next.config.ts), computed at
 * build time from the backend's addresses.
 *
 * Scripts on reader pages: `'self' 'unsafe-inline'`, no `'unsafe-eval'`, and `script-src-attr 'none'`
 * (no inline event handlers: an injected `<img onerror=…>` does not run). Not stricter because every
 * App Router page carries inline `<script>self.__next_f.push(…)</script>` with its own RSC payload:
 * a nonce needs a per-request render (no ISR, no static pages), and the payload differs per page and
 * per revalidation, so its hashes cannot be in a header fixed at build time. See docs/security.md.
 * Pages sent without that runtime get `script-src 'none'` instead (scriptlessPolicy).
 */
const origin = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : undefined
  } catch {
    return undefined
  }
}

export interface CspInputs {
  /** Local mode: the lake's API as the Studio reaches it (NEXT_PUBLIC_LAKE_API_URL). */
  lakeApiUrl?: string
  /** Hosted mode with a custom API host (SANITY_API_HOST). */
  sanityApiHost?: string
  https: boolean
}

/**
 * Sanity's hosts, for hosted mode only: on the local lake the site, its draft mode and the Studio
 * talk to the lake alone, so a policy that still allowed `*.sanity.io` would only widen what an
 * injected script could reach.
 */
const SANITY_HOSTS = {
  api: ['https://*.sanity.io', 'wss://*.sanity.io'],
  cdn: ['https://cdn.sanity.io'],
  images: ['https://cdn.sanity.io', 'https://*.sanity.io'],
}
const sanityHosts = (inputs: CspInputs) => (inputs.lakeApiUrl ? { api: [], cdn: [], images: [] } : SANITY_HOSTS)

/** The lake's API and its project host (`https://local.localhost:3443`, as @sanity/client names it for the Studio). */
const withSubdomains = (value: string | undefined) => (value ? [value, value.replace('://', '://*.')] : [])

function backendOrigins({ lakeApiUrl, sanityApiHost }: CspInputs): { http: string[]; ws: string[] } {
  const http = [...withSubdomains(origin(lakeApiUrl)), origin(sanityApiHost), origin(sanityApiHost?.replace(/^https:\/\/api\./, 'https://cdn.'))].filter(
    (value): value is string => Boolean(value),
  )
  return { http: [...new Set(http)], ws: [...new Set(http)].map((value) => value.replace(/^http/, 'ws')) }
}

const serialize = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ')

export function sitePolicy(inputs: CspInputs): string {
  const { http } = backendOrigins(inputs)
  const sanity = sanityHosts(inputs)
  return serialize({
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...sanity.cdn, ...http],
    'font-src': ["'self'", 'data:'],
    // Draft mode's visual editing talks to the Studio that frames it (postMessage) and to the backend.
    'connect-src': ["'self'", ...http, ...sanity.api],
    'frame-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'media-src': ["'self'", ...sanity.cdn, ...http],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    // The Studio's Presentation tool shows the site in an iframe on the same origin.
    'frame-ancestors': ["'self'"],
    ...(inputs.https ? { 'upgrade-insecure-requests': [] } : {}),
  })
}

/**
 * The policy of a page sent without Next's client runtime (server/reader-html.ts): the page runs no
 * script, so none may run, and an injected `<script>` element is refused as well. JSON-LD is data,
 * which `script-src` does not govern.
 */
export function scriptlessPolicy(policy: string): string {
  const kept = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && !/^script-src(?:\s|$)/.test(directive))
  return [...kept, "script-src 'none'"].join('; ')
}

/** The Studio: a client-side app that talks to the backend's API and event streams and frames the site (Presentation). */
export function studioPolicy(inputs: CspInputs): string {
  const { http, ws } = backendOrigins(inputs)
  const sanity = sanityHosts(inputs)
  return serialize({
    'default-src': ["'self'"],
    // core.sanity-cdn.com/bridge.js: Sanity's dashboard bridge, which the Studio always loads.
    'script-src': ["'self'", "'unsafe-inline'", 'https://core.sanity-cdn.com'],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...sanity.images, ...http],
    'font-src': ["'self'", 'data:'],
    'connect-src': [
      "'self'",
      ...http,
      ...ws,
      ...sanity.api,
      // sanity-cdn.com/v1/modules/sanity/latest/…: the Studio polls for Sanity's latest version (its help menu and update notice).
      'https://sanity-cdn.com',
      // The help menu's feedback form posts to a fixed address, api.sanity.io/vX/intake/feedback, in
      // either mode (it probes it on load): that one host, not the *.sanity.io of hosted mode.
      ...(inputs.lakeApiUrl ? ['https://api.sanity.io'] : []),
    ],
    'frame-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'media-src': ["'self'", 'blob:', ...sanity.cdn, ...http],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(inputs.https ? { 'upgrade-insecure-requests': [] } : {}),
  })
}
