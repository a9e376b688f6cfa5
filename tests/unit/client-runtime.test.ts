import { describe, expect, it } from 'vitest'
import { stripClientRuntime } from '@/server/client-runtime'

/** The shape of a reader page as Next 16 (Turbopack) renders it, shortened. */
const page = [
  '<!DOCTYPE html><html lang="ru"><head><meta charSet="utf-8"/>',
  '<link rel="preload" as="image" fetchPriority="high" imageSrcSet="/lake/images/a.jpg?w=640 640w"/>',
  '<link rel="preload" as="font" type="font/woff2" crossorigin="" href="/_next/static/media/pt-sans-cyrillic-400.woff2"/>',
  '<style data-precedence="next">body{color:#111}</style>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/1jexzsn2qdw84.js"/>',
  '<link rel="modulepreload" href="/_next/static/chunks/entry.js"/>',
  '<script src="/_next/static/chunks/28ccpxmifppmk.js" async=""></script>',
  '<script src="/_next/static/chunks/turbopack-077hmtqrhcoji.js" async=""></script>',
  '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>',
  '</head><body><main><h1>Переговоры &lt;script&gt; Токаева</h1>',
  '<script type="application/ld+json">{"@type":"NewsArticle","headline":"\\u003c/script\\u003e"}</script>',
  '<img alt="x" src="/lake/images/a.jpg"/></main>',
  '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]})</script>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script>self.__next_f.push([1,"1:[\\"$\\",\\"h1\\",null,{\\"children\\":\\"\\u003cscript\\u003e\\"}]"])</script>',
  '<script>window.__siteAnalytics = 1</script>',
  '</body></html>',
].join('')

const strip = (html: string) => stripClientRuntime(Buffer.from(html))?.toString('utf8')
const rendersOnTheClient = (html: string) => strip(html) === undefined

describe("a reader page without Next's client runtime", () => {
  const stripped = strip(page)!

  it('loses the framework chunks, their preloads, the Turbopack bootstrap and the RSC payload', () => {
    expect(stripped).not.toContain('/_next/static/chunks/')
    expect(stripped).not.toContain('__next_f')
    expect(stripped).not.toContain('TURBOPACK')
  })

  it('keeps everything else: markup, styles, image and font preloads, JSON-LD, scripts of its own', () => {
    expect(stripped).toContain('<h1>Переговоры &lt;script&gt; Токаева</h1>')
    expect(stripped).toContain('<style data-precedence="next">body{color:#111}</style>')
    expect(stripped).toContain('as="image"')
    expect(stripped).toContain('href="/_next/static/media/pt-sans-cyrillic-400.woff2"')
    expect(stripped).toContain('<script type="application/ld+json">{"@type":"NewsArticle","headline":"\\u003c/script\\u003e"}</script>')
    expect(stripped).toContain('<script>window.__siteAnalytics = 1</script>')
    expect(stripped).toMatch(/^<!DOCTYPE html><html lang="ru"><head>.*<\/body><\/html>$/)
  })

  it('changes nothing in a page without the runtime', () => {
    expect(strip(stripped)).toBe(stripped)
  })

  it('leaves tags that only begin like a script or a link alone', () => {
    const html = '<!DOCTYPE html><html><head><linkage x="/_next/static/a.js"></linkage></head><body><scripted>self.__next_f</scripted></body></html>'
    expect(strip(html)).toBe(html)
  })
})

describe('a page Next renders on the client keeps its runtime', () => {
  const shell = (body: string, html = '<html lang="ru">') =>
    `<!DOCTYPE html>${html}<head><script src="/_next/static/chunks/a.js" async=""></script></head><body>${body}<script>self.__next_f.push([1,"x"])</script></body></html>`

  it('the not-found page of a notFound() thrown while rendering: an empty body, the page in the payload', () => {
    expect(rendersOnTheClient(shell('<div hidden=""><!--$--><!--/$--></div>'))).toBe(true)
    expect(rendersOnTheClient(shell(''))).toBe(true)
  })

  it("Next's shell for a failed render, and a bail-out to client rendering", () => {
    expect(rendersOnTheClient(shell('', '<html id="__next_error__">'))).toBe(true)
    expect(rendersOnTheClient(shell('<main><template data-dgst="BAILOUT_TO_CLIENT_SIDE_RENDERING"></template></main>'))).toBe(true)
  })

  it('a page rendered on the server does not', () => {
    expect(rendersOnTheClient(page)).toBe(false)
    expect(rendersOnTheClient(shell('<div hidden=""><!--$--><!--/$--></div><main><h1>Страница не найдена</h1></main>'))).toBe(false)
  })
})
