import { parse, type ExprNode } from 'groq-js'

/**
 * A query the lake refuses, answered 400 in Sanity's shape (`queryParseError`, with the position
 * of a syntax error when groq-js gives one).
 */
export class GroqQueryError extends Error {
  constructor(
    message: string,
    readonly query: string,
    readonly position?: number,
  ) {
    super(message)
    this.name = 'GroqQueryError'
  }
}

/**
 * Functions groq-js parses but cannot evaluate (they throw "not implemented" mid-evaluation, which
 * would be a 500): Sanity's hosted lake implements them over its own search, geo and user stores.
 * A query that calls one is refused before it runs.
 */
const NOT_IMPLEMENTED = new Set([
  'documents::get',
  'documents::incomingRefCount',
  'documents::incomingGlobalDocumentReferenceCount',
  'geo::latLng',
  'geo::contains',
  'geo::intersects',
  'geo::distance',
  'global::anywhere',
  'media::aspect',
  'text::query',
  'text::semanticSimilarity',
  'user::attributes',
])

/** groq-js's parse, with its errors as GroqQueryError and unsupported functions refused. */
export function parseGroq(query: string, options: { params?: Record<string, unknown>; mode?: 'normal' | 'delta' } = {}): ExprNode {
  let tree: ExprNode
  try {
    tree = parse(query, options)
  } catch (error) {
    const { message, position } = error as Error & { position?: number }
    throw new GroqQueryError(`GROQ parse error: ${message}`, query, typeof position === 'number' ? position : undefined)
  }
  const unsupported = unsupportedFunction(tree)
  if (unsupported) throw new GroqQueryError(`function ${unsupported}() is not supported by this content lake`, query)
  return tree
}

/** True when a parse failed only because a slice bound is a parameter (groq-js slices by constants). */
export const needsConstantParams = (error: unknown) => error instanceof GroqQueryError && /constant/.test(error.message)

function unsupportedFunction(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object') return undefined
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = unsupportedFunction(item)
      if (found) return found
    }
    return undefined
  }
  const record = node as Record<string, unknown>
  if (record.type === 'FuncCall' && typeof record.namespace === 'string' && typeof record.name === 'string') {
    const name = `${record.namespace}::${record.name}`
    if (NOT_IMPLEMENTED.has(name)) return name
  }
  if (record.type === 'Value') return undefined
  for (const value of Object.values(record)) {
    if (value !== null && typeof value === 'object') {
      const found = unsupportedFunction(value)
      if (found) return found
    }
  }
  return undefined
}
