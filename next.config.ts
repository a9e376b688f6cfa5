import type { NextConfig } from 'next'

/**
 * Headers for every response. Framing is limited to this site itself (the Studio's Presentation tool
 * shows the site in an iframe on the same origin); HSTS only when the site is served over HTTPS.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
  { key: 'Content-Security-Policy', value: "frame-ancestors 'self'; base-uri 'self'; object-src 'none'; form-action 'self'" },
  ...(process.env.SITE_URL?.startsWith('https://') ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
]

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon and sharp loads libvips: both must stay plain Node requires.
  serverExternalPackages: ['better-sqlite3', 'sharp', 'mkcert'],
  images: {
    // Every image URL is built by @sanity/image-url; the loader only adds the width and quality,
    // so hosted mode uses Sanity's CDN and local mode the lake's image route with the same parameters.
    loader: 'custom',
    loaderFile: './sanity/image-loader.ts',
    // Demo and newsroom images are at most a few thousand pixels wide: no 2048/3840 variants.
    deviceSizes: [640, 750, 828, 1080, 1200, 1600, 1920],
  },
  poweredByHeader: false,
  // The reader site and the Studio have root layouts of their own (<html lang> per edition), so an
  // address no route matches gets app/global-not-found.tsx.
  experimental: { globalNotFound: true },
  // The RSS feed's first address, kept for readers who subscribed to it.
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
  redirects: async () => [{ source: '/feed.xml', destination: '/rss.xml', statusCode: 301 }],
}

export default nextConfig
