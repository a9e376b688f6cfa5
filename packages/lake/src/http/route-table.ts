import type { Handler } from './context'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * One row of the lake's API: methods, a path pattern and its handler. A pattern's segments are
 * literals, `:name` (one segment, given to the handler as `params.name`) or a final `*` (any number
 * of segments, given as `rest`).
 */
export interface Route {
  methods: readonly Method[]
  pattern: string
  handler: Handler
}

export const route = (methods: Method | readonly Method[], pattern: string, handler: Handler): Route => ({
  methods: typeof methods === 'string' ? [methods] : methods,
  pattern,
  handler,
})

/** The first route whose method and pattern match the (decoded) path segments, with its parameters. */
export function matchRoute(routes: readonly Route[], method: string, segments: readonly string[]) {
  for (const candidate of routes) {
    if (!(candidate.methods as readonly string[]).includes(method)) continue
    const match = matchPattern(candidate.pattern, segments)
    if (match) return { route: candidate, ...match }
  }
  return undefined
}

function matchPattern(pattern: string, segments: readonly string[]): { params: Record<string, string>; rest: string[] } | undefined {
  const parts = pattern.split('/').filter(Boolean)
  const params: Record<string, string> = {}
  for (const [index, part] of parts.entries()) {
    if (part === '*') return { params, rest: segments.slice(index) }
    const segment = segments[index]
    if (segment === undefined) return undefined
    if (part.startsWith(':')) params[part.slice(1)] = segment
    else if (part !== segment) return undefined
  }
  return segments.length === parts.length ? { params, rest: [] } : undefined
}
