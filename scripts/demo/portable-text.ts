import { createHash } from 'node:crypto'
/** Body blocks as the demo sources write them. */
export type Block = string | { h2: string } | { quote: string } | { ul: string[] } | { ol: string[] }

/** Deterministic 12-character keys, so that rebuilding the dataset changes nothing that did not change. */
export const key = (...parts: (string | number)[]) => createHash('sha1').update(parts.join('/')).digest('hex').slice(0, 12)

interface Span {
  _type: 'span'
  _key: string
  text: string
  marks: string[]
}

/** Paragraph markup of the sources: [text](https://…) links and **bold**. */
function spans(text: string, blockKey: string): { children: Span[]; markDefs: { _type: 'link'; _key: string; href: string }[] } {
  const children: Span[] = []
  const markDefs: { _type: 'link'; _key: string; href: string }[] = []
  const pattern = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*/g
  let last = 0
  let match: RegExpExecArray | null
  const push = (value: string, marks: string[]) => {
    if (value) children.push({ _type: 'span', _key: key(blockKey, children.length), text: value, marks })
  }
  while ((match = pattern.exec(text))) {
    push(text.slice(last, match.index), [])
    if (match[1] !== undefined && match[2] !== undefined) {
      const linkKey = key(blockKey, 'link', markDefs.length)
      markDefs.push({ _type: 'link', _key: linkKey, href: match[2] })
      push(match[1], [linkKey])
    } else if (match[3] !== undefined) {
      push(match[3], ['strong'])
    }
    last = match.index + match[0].length
  }
  push(text.slice(last), [])
  if (children.length === 0) push(' ', [])
  return { children, markDefs }
}

function block(text: string, blockKey: string, extra: Record<string, unknown> = {}) {
  return { _type: 'block', _key: blockKey, style: 'normal', ...spans(text, blockKey), ...extra }
}

export function toPortableText(body: Block[], articleSlug: string) {
  const blocks: object[] = []
  body.forEach((item, index) => {
    const k = key(articleSlug, index)
    if (typeof item === 'string') blocks.push(block(item, k))
    else if ('h2' in item) blocks.push(block(item.h2, k, { style: 'h2' }))
    else if ('quote' in item) blocks.push(block(item.quote, k, { style: 'blockquote' }))
    else {
      const listItem = 'ul' in item ? 'bullet' : 'number'
      const items = 'ul' in item ? item.ul : item.ol
      items.forEach((text, i) => blocks.push(block(text, key(k, i), { listItem, level: 1 })))
    }
  })
  return blocks
}
