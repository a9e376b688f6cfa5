/**
 * Takes Next's client runtime out of a server-rendered reader page: the framework's script chunks
 * and their preloads, the Turbopack bootstrap, and the inline RSC payload (`self.__next_f`), which
 * repeats the page's content for hydration. Every other script stays: JSON-LD above all.
 *
 * Why a reader page can do without: it has no client component (links are plain `<a>`, images plain
 * `<img>`, the search form a GET form), so the runtime only hydrates what the HTML already shows and
 * would serve soft navigation, which plain links never use. It is 140 kB of compressed script and
 * about half of the HTML, and on a mid-range phone evaluating and hydrating it is most of the time
 * before the lead image paints and all of the blocking time (docs/performance.md, Lighthouse). The
 * App Router has no switch to leave it out, so the server takes it out of the finished HTML.
 *
 * A page that Next renders on the client keeps its runtime, or it would stay blank: Next's shell for
 * a failed render, a bail-out to client rendering, and the not-found page of a `notFound()` thrown
 * while rendering, which Next 16 sends as an empty body with the not-found tree in the RSC payload.
 *
 * The markup is React's own serialisation, so a pattern is exact here: React escapes `<` inside
 * attribute values and text, and Next escapes it inside its inline payload, so `</script>` appears
 * only where a script ends.
 */

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\b(?:rel="modulepreload"|as="script"))(?=[^>]*\bhref="[^"]*\/_next\/static\/)[^>]*>/g

function isNextRuntime(attributes: string, content: string): boolean {
  if (/\bsrc="[^"]*\/_next\/static\//.test(attributes)) return true
  const code = content.trimStart()
  return code.startsWith('(self.__next_f') || code.startsWith('self.__next_f') || code.includes('globalThis["TURBOPACK"]')
}

/** True when the HTML's body holds nothing until the runtime renders it. */
export function rendersOnTheClient(html: string): boolean {
  if (html.includes('id="__next_error__"') || html.includes('BAILOUT_TO_CLIENT_SIDE_RENDERING')) return true
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1]
  if (body === undefined) return false
  return (
    body
      .replace(SCRIPT, '')
      .replace(/<div hidden="">[\s\S]*?<\/div>/g, '')
      .trim() === ''
  )
}

export function stripClientRuntime(html: string): string {
  return html.replace(SCRIPT, (script, attributes: string, content: string) => (isNextRuntime(attributes, content) ? '' : script)).replace(SCRIPT_PRELOAD, '')
}
