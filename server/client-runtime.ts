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
 * The markup is React's own serialisation, so a plain scan is exact here: React escapes `<` and `>`
 * inside attribute values and text, and Next escapes `<` inside its inline payload, so a tag ends at
 * the first `>` and `</script>` appears only where a script ends. The scan works on the bytes, every
 * tag being ASCII: decoding and re-encoding a page of Cyrillic text would cost more than the rest.
 */

const SCRIPT_OPEN = '<script'
const SCRIPT_CLOSE = '</script>'
const LINK_OPEN = '<link'

/** A `<script>` of Next's runtime, by its attributes and the start of its code. */
function isRuntimeScript(attributes: string, code: string): boolean {
  if (/\bsrc="[^"]*\/_next\/static\//.test(attributes)) return true
  const start = code.trimStart()
  return start.startsWith('(self.__next_f') || start.startsWith('self.__next_f') || start.includes('globalThis["TURBOPACK"]')
}

/** A `<link>` preloading a chunk of Next's runtime. */
const isRuntimePreload = (attributes: string) => /\b(?:rel="modulepreload"|as="script")/.test(attributes) && /\bhref="[^"]*\/_next\/static\//.test(attributes)

/** Whether a tag name ends at `at`: `<script>` or `<script …`, not `<scripts`. */
const endsName = (html: Buffer, at: number) => html[at] === 0x3e /* > */ || html[at] === 0x20 || html[at] === 0x2f /* / */

/**
 * The page without the runtime, or undefined when the page is rendered on the client and must keep
 * it (see above).
 */
export function stripClientRuntime(html: Buffer): Buffer | undefined {
  if (html.includes('id="__next_error__"') || html.includes('BAILOUT_TO_CLIENT_SIDE_RENDERING')) return undefined
  const kept: Buffer[] = []
  let at = 0
  let copied = 0
  for (;;) {
    const script = html.indexOf(SCRIPT_OPEN, at, 'latin1')
    const link = html.indexOf(LINK_OPEN, at, 'latin1')
    const start = link !== -1 && (script === -1 || link < script) ? link : script
    if (start === -1) break
    const isScript = start === script
    const nameEnd = start + (isScript ? SCRIPT_OPEN.length : LINK_OPEN.length)
    const openEnd = html.indexOf('>', nameEnd, 'latin1')
    if (openEnd === -1) break
    if (!endsName(html, nameEnd)) {
      at = nameEnd
      continue
    }
    const attributes = html.toString('latin1', nameEnd, openEnd)
    let end = openEnd + 1
    let runtime: boolean
    if (isScript) {
      const close = html.indexOf(SCRIPT_CLOSE, end, 'latin1')
      if (close === -1) break
      runtime = isRuntimeScript(attributes, html.toString('latin1', end, Math.min(close, end + 64)))
      end = close + SCRIPT_CLOSE.length
    } else runtime = isRuntimePreload(attributes)
    if (runtime) {
      kept.push(html.subarray(copied, start))
      copied = end
    }
    at = end
  }
  kept.push(html.subarray(copied))
  const stripped = Buffer.concat(kept)
  return hasServerRenderedBody(stripped) ? stripped : undefined
}

/**
 * False when the body holds nothing but React's hidden boundary markers and scripts (JSON-LD):
 * what Next sends for a page its runtime renders.
 */
function hasServerRenderedBody(html: Buffer): boolean {
  const bodyOpen = html.indexOf('<body', 0, 'latin1')
  if (bodyOpen === -1) return true
  let at = html.indexOf('>', bodyOpen, 'latin1') + 1
  const skipSpace = () => {
    while (at < html.length && (html[at] === 0x20 || html[at] === 0x0a || html[at] === 0x09 || html[at] === 0x0d)) at++
  }
  const startsWith = (text: string) => html.toString('latin1', at, at + text.length) === text
  /** Moves past the next `close`; false when there is none. */
  const skipPast = (close: string) => {
    const found = html.indexOf(close, at, 'latin1')
    at = found + close.length
    return found !== -1
  }
  for (;;) {
    skipSpace()
    if (startsWith('</body>')) return false
    const skipped = startsWith('<div hidden="">') ? skipPast('</div>') : startsWith(SCRIPT_OPEN) ? skipPast(SCRIPT_CLOSE) : false
    if (!skipped) return true
  }
}
