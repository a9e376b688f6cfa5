import type { ServerResponse } from 'node:http'

/**
 * What the wrappers around Next's handler (./fast-path.ts, ./reader-html.ts) need to read Node's
 * response calls as Next makes them.
 */

/**
 * The bytes of a chunk given to `write` or `end`: `undefined` when there is none (nothing, or the
 * callback in its place), `null` when it is something else than bytes or a string.
 */
export function bytesOf(chunk: unknown, encoding: unknown): Buffer | undefined | null {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return undefined
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
  if (chunk instanceof Uint8Array) return Buffer.from(chunk)
  return null
}

/**
 * Sets the headers given to `writeHead(status, [message], [headers])` on the response, where
 * `getHeaders()` sees them (writeHead alone would send them without keeping them); returns the
 * status message, if any.
 */
export function applyWriteHeadArguments(res: ServerResponse, args: unknown[]): string | undefined {
  const headers = args.find((arg) => typeof arg === 'object' && arg !== null)
  if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) res.appendHeader(String(headers[i]), headers[i + 1] as string)
  else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string | string[] | number)
  return args.find((arg): arg is string => typeof arg === 'string')
}
