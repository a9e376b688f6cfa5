import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError } from '../errors'

export { HttpError }

export type Req = IncomingMessage | Http2ServerRequest
export type Res = ServerResponse | Http2ServerResponse

export function sendJson(res: Res, status: number, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers })
  res.end(payload)
}

export function sendError(res: Res, error: HttpError) {
  sendJson(res, error.status, { error: { description: error.message, type: error.type, ...error.details }, statusCode: error.status }, error.headers)
}

const MAX_BODY_BYTES = 20 * 1024 * 1024

export async function readBody(req: Req): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'requestTooLarge', `request body larger than ${MAX_BODY_BYTES} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export async function readJson(req: Req): Promise<unknown> {
  const body = await readBody(req)
  if (body.length === 0) return undefined
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new HttpError(400, 'invalidJson', 'request body is not valid JSON')
  }
}
