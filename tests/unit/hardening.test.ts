import { describe, expect, it } from 'vitest'
import { localRedirectTarget, sameSitePath } from '@/lib/local-redirect'
import { MAX_SEGMENT_LENGTH, withoutImpossibleSegments } from '@/lib/paths'

const SITE = 'https://news.baspa.kz'

describe('redirects back into the site (draft mode’s exit)', () => {
  it('stays on the site’s origin whatever `to` holds: tab, line feed, carriage return, backslash, protocol-relative, absolute', () => {
    for (const to of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r/evil.example',
      '/\t\t//evil.example',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/%09/evil.example',
      '',
      null,
    ]) {
      const target = localRedirectTarget(to, SITE)
      expect(target.origin, JSON.stringify(to)).toBe(SITE)
    }
    expect(localRedirectTarget('/\t/evil.example', SITE).href).toBe(`${SITE}/`)
  })

  it('keeps a path of the site, with its query and fragment, on SITE_URL (never the Host header)', () => {
    expect(localRedirectTarget('/topics', SITE).href).toBe(`${SITE}/topics`)
    expect(localRedirectTarget('/search?q=%D0%B0&page=2#results', SITE).href).toBe(`${SITE}/search?q=%D0%B0&page=2#results`)
    expect(localRedirectTarget('/%2F%2Fevil.example', SITE).href).toBe(`${SITE}/%2F%2Fevil.example`)
  })

  it('takes the referring page only when it is a page of the site', () => {
    expect(sameSitePath(`${SITE}/news/a?x=1`, SITE)).toBe('/news/a?x=1')
    expect(sameSitePath('https://evil.example/news/a', SITE)).toBeUndefined()
    expect(sameSitePath('not a url', SITE)).toBeUndefined()
    expect(sameSitePath(null, SITE)).toBeUndefined()
  })
})

describe('path segments that cannot be an address', () => {
  it('overlong ones are read as a segment no address has, so a 3 000-character slug is a plain 404 (and never a file name)', () => {
    expect(withoutImpossibleSegments(`/news/${'a'.repeat(3000)}`)).toBe('/news/_')
    expect(withoutImpossibleSegments(`/topics/${'б'.repeat(3000)}/page/2`)).toBe('/topics/_/page/2')
    const longest = 'a'.repeat(MAX_SEGMENT_LENGTH)
    expect(withoutImpossibleSegments(`/news/${longest}`)).toBe(`/news/${longest}`)
    expect(withoutImpossibleSegments('/news/peregovory-tokaeva-i-van-i')).toBe('/news/peregovory-tokaeva-i-van-i')
  })

  it('so are those holding a NUL or another control character (no file may be named so); other encoded text stays', () => {
    for (const segment of ['%00', 'a%00b', '%0d%0aSet-Cookie%3A%20x%3D1', '%1F', '%7F'])
      expect(withoutImpossibleSegments(`/news/${segment}`), segment).toBe('/news/_')
    expect(withoutImpossibleSegments('/sitemaps/%00.xml')).toBe('/sitemaps/_')
    for (const segment of ['%D1%82%D0%BE%D1%80%D0%B3%D0%BE%D0%B2%D0%BB%D1%8F', '..%2F..%2Fetc%2Fpasswd', '%3Cscript%3E'])
      expect(withoutImpossibleSegments(`/news/${segment}`), segment).toBe(`/news/${segment}`)
  })
})
