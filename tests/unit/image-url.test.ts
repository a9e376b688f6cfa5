import { describe, expect, it, vi } from 'vitest'
import sanityImageLoader from '@/sanity/image-loader'
import type { Image } from '@/sanity/models'

// sanity/image.ts is server-only; here it runs in plain Node, in local mode (no SANITY_* variables).
vi.mock('server-only', () => ({}))
const { imageUrl, fixedImageUrl } = await import('@/sanity/image')

const base: Image = {
  asset: { _ref: 'image-abc-1600x900-jpg' },
  alt: 'Фото',
  width: 1600,
  height: 900,
  crop: undefined,
  hotspot: undefined,
  caption: undefined,
  credit: undefined,
  lqip: undefined,
}
const params = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams)
const rect = (url: string) => params(url).rect?.split(',').map(Number) as [number, number, number, number] | undefined

describe('image URLs (@sanity/image-url)', () => {
  it('local mode points at the lake route with the same path layout as the CDN', () => {
    expect(imageUrl(base).startsWith('/lake/images/local/production/abc-1600x900.jpg?')).toBe(true)
    expect(params(imageUrl(base))).toMatchObject({ auto: 'format' })
  })

  it('a square portrait is cut around the hotspot: the rect is square, inside the image, and holds the hotspot centre', () => {
    for (const x of [0.05, 0.3, 0.5, 0.8, 0.97]) {
      const url = imageUrl({ ...base, hotspot: { x, y: 0.4, width: 0.2, height: 0.3 } }, 1)
      const [left, , width, height] = rect(url)!
      expect(width).toBe(height)
      expect(height).toBe(900)
      expect(left).toBeGreaterThanOrEqual(0)
      expect(left + width).toBeLessThanOrEqual(1600)
      expect(x * 1600).toBeGreaterThanOrEqual(left)
      expect(x * 1600).toBeLessThanOrEqual(left + width)
      expect(params(url)).toMatchObject({ w: '1600', h: '1600', fit: 'crop' })
    }
    // Without a hotspot the crop is centred.
    expect(rect(imageUrl(base, 1))).toEqual([350, 0, 900, 900])
  })

  it('the hotspot moves the crop: far left and far right give different rects', () => {
    const left = rect(imageUrl({ ...base, hotspot: { x: 0.1, y: 0.5, width: 0.1, height: 0.1 } }, 1))!
    const right = rect(imageUrl({ ...base, hotspot: { x: 0.9, y: 0.5, width: 0.1, height: 0.1 } }, 1))!
    expect(left[0]).toBe(0)
    expect(right[0] + right[2]).toBe(1600)
  })

  it("the editor's crop is honoured: the rect stays inside what is left of the image", () => {
    const crop = { top: 0.1, bottom: 0.2, left: 0.25, right: 0.05 }
    const [left, top, width, height] = rect(imageUrl({ ...base, crop }, 1))!
    expect(left).toBeGreaterThanOrEqual(0.25 * 1600)
    expect(left + width).toBeLessThanOrEqual(0.95 * 1600)
    expect(top).toBeGreaterThanOrEqual(0.1 * 900)
    expect(top + height).toBeLessThanOrEqual(0.8 * 900)
    expect(width).toBe(height)
  })

  it('16:9 cards keep the aspect ratio; fixed URLs for feeds are 1200 px JPEGs', () => {
    expect(params(imageUrl(base, 16 / 9))).toMatchObject({ w: '1600', h: '900', fit: 'crop' })
    expect(params(fixedImageUrl(base, 4 / 3))).toMatchObject({ w: '1200', h: '900', fit: 'crop', fm: 'jpg' })
  })

  it('the next/image loader turns a portrait URL into each srcset width, still square, with the crop kept', () => {
    const url = imageUrl({ ...base, hotspot: { x: 0.3, y: 0.4, width: 0.2, height: 0.3 } }, 1)
    for (const width of [128, 256, 384]) {
      const entry = params(sanityImageLoader({ src: url, width, quality: 75 }))
      expect(entry).toMatchObject({ w: String(width), h: String(width), fit: 'crop', q: '75', rect: params(url).rect })
    }
  })
})
