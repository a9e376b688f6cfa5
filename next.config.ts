import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'
import { readConfig } from './config/env'
import { studioProject } from './config/public'
import { sitePolicy, studioPolicy, type CspInputs } from './lib/content-security-policy'

const { backend, siteUrl, bench, scaleOut } = readConfig()

/**
 * Headers for every response. Framing is limited to this site itself (the Studio's Presentation tool
 * shows the site in an iframe on the same origin), the Studio is never framed; HSTS only when the
 * site is served over HTTPS. The CSPs and their limits: lib/content-security-policy.ts.
 */
const https = siteUrl.startsWith('https://')
const cspInputs: CspInputs = {
  lakeApiUrl: backend.mode === 'local' ? studioProject.lakeApiUrl : undefined,
  sanityApiHost: backend.mode === 'hosted' ? backend.apiHost : undefined,
  https,
}
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
  { key: 'Content-Security-Policy', value: sitePolicy(cspInputs) },
  ...(https ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
]
// The Studio is never framed (frame-ancestors 'none', and X-Frame-Options DENY for browsers without CSP).
const studioHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: studioPolicy(cspInputs) },
]

/**
 * `BASPA_BENCH_UNCACHED=1` (benchmarks only, read when the server starts): an incremental cache that
 * keeps nothing, so pages render and data functions query on every request (npm run bench, "uncached").
 */

/**
 * Next's page and data caches. Without REDIS_URL, Next's own handler in memory and `.next/cache`
 * (server/local-cache-handler.mjs). With REDIS_URL (several instances), they and their tags live
 * in Redis (server/shared-cache-handler.mjs, over @trieb.work/nextjs-turbo-redis-cache; keys are
 * prefixed with the build id, so instances of one build share them), and no instance keeps copies
 * of its own in Next's memory cache that a tag expired elsewhere would leave stale. Both keep
 * nothing a render begun before a tag expiry writes (server/render-start.mjs).
 */
const cacheHandler: Partial<NextConfig> = scaleOut.redisUrl
  ? { cacheHandler: fileURLToPath(new URL('./server/shared-cache-handler.mjs', import.meta.url)), cacheMaxMemorySize: 0 }
  : { cacheHandler: fileURLToPath(new URL('./server/local-cache-handler.mjs', import.meta.url)) }

const nextConfig: NextConfig = {
  // Benchmarks only: `npm run bench -- --dist=DIR` serves a copy of a build while `.next` is rebuilt.
  ...(bench.distDir ? { distDir: bench.distDir } : {}),
  ...(bench.uncached ? { cacheHandler: `${process.cwd()}/scripts/bench/no-cache-handler.mjs`, cacheMaxMemorySize: 0 } : cacheHandler),
  // better-sqlite3 is a native addon and sharp loads libvips: both must stay plain Node requires.
  serverExternalPackages: ['better-sqlite3', 'sharp'],
  images: {
    // Every image URL is built by @sanity/image-url; the loader only adds the width and quality,
    // so hosted mode uses Sanity's CDN and local mode the lake's image route with the same parameters.
    loader: 'custom',
    loaderFile: './sanity/image-loader.ts',
    // Four widths cover a phone (750 at Lighthouse's 412 px × 1.75, 1080 at 360 × 3) and a desktop
    // card or lead (640, 1600 on retina). Each width is written into the HTML and the RSC payload of
    // every card, 44 of them on the home page, so seven widths cost more bytes than they saved.
    deviceSizes: [640, 750, 1080, 1600],
  },
  poweredByHeader: false,
  // `npm run typecheck` checks the whole repository (tests, scripts, the lake) in the test command;
  // a second check inside every build would only repeat it.
  typescript: { ignoreBuildErrors: true },
  // The reader site and the Studio have root layouts of their own (<html lang> per edition), so an
  // address no route matches gets app/global-not-found.tsx.
  // inlineCss: the site's stylesheet (5 kB gzip) comes in the HTML instead of a render-blocking
  // request: one round trip less before the first paint on a mobile connection.
  experimental: { globalNotFound: true, inlineCss: true },
  // The RSS feed's first address, kept for readers who subscribed to it.
  // The later entry wins for a header both set (Next.js applies them in order).
  headers: async () => [
    { source: '/:path*', headers: securityHeaders },
    { source: '/studio', headers: studioHeaders },
    { source: '/studio/:path*', headers: studioHeaders },
  ],
  redirects: async () => [{ source: '/feed.xml', destination: '/rss.xml', statusCode: 301 }],
}

export default nextConfig
