import type { NextConfig } from 'next'

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
  // The RSS feed's first address, kept for readers who subscribed to it.
  redirects: async () => [{ source: '/feed.xml', destination: '/rss.xml', statusCode: 301 }],
}

export default nextConfig
