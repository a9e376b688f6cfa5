import { describe, expect, it } from 'vitest'
import sanityImageLoader from '@/sanity/image-loader'

describe('image loader', () => {
  it('sets the width, keeps the crop ratio and adds quality and auto format', () => {
    const url = sanityImageLoader({
      src: '/lake/images/local/production/abc-1600x900.jpg?rect=0,0,1600,900&w=1600&h=900&fit=crop&auto=format',
      width: 640,
      quality: 80,
    })
    const params = new URL(url, 'http://x').searchParams
    expect(url.startsWith('/lake/images/local/production/abc-1600x900.jpg?')).toBe(true)
    expect([params.get('w'), params.get('h'), params.get('q'), params.get('fit'), params.get('rect')]).toEqual(['640', '360', '80', 'crop', '0,0,1600,900'])
  })
  it('leaves an explicit format alone and the rest of the address as it was', () => {
    expect(sanityImageLoader({ src: 'https://cdn.sanity.io/images/p/d/abc-1200x630.jpg?rect=0,0,1200,630&w=1200&h=630&fm=jpg', width: 750, quality: 70 })).toBe(
      'https://cdn.sanity.io/images/p/d/abc-1200x630.jpg?rect=0%2C0%2C1200%2C630&w=750&h=394&fm=jpg&q=70',
    )
  })
  it('keeps absolute CDN URLs absolute', () => {
    expect(sanityImageLoader({ src: 'https://cdn.sanity.io/images/p/d/abc-10x10.png', width: 100 })).toBe(
      'https://cdn.sanity.io/images/p/d/abc-10x10.png?w=100&q=75&auto=format',
    )
  })
})
