import { revalidateTag } from 'next/cache'
import { after } from 'next/server'
import { SIGNATURE_HEADER_NAME } from '@sanity/webhook'
import { revalidateSecret } from '@/sanity/revalidate-secret'
import { purgeFrontCaches } from './front-caches'
import { revalidationTags, SeenSignatures, verifyWebhookSignature, WebhookPayloadModel } from '@/sanity/webhook'

const seen = new SeenSignatures()

/**
 * Sanity's revalidation webhook (sent by the local lake, or configured on hosted Sanity as the
 * docs/operations.md shows): checks the signature, then expires exactly the cache tags the change affects.
 */
export async function POST(request: Request) {
  const secret = revalidateSecret()
  if (!secret) return Response.json({ error: 'SANITY_REVALIDATE_SECRET is not configured' }, { status: 503 })
  const body = await request.text()
  const verdict = await verifyWebhookSignature(body, request.headers.get(SIGNATURE_HEADER_NAME), secret, Date.now(), seen)
  if (verdict !== 'valid') return Response.json({ error: `signature ${verdict}` }, { status: 401 })
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return Response.json({ error: 'the body is not JSON' }, { status: 400 })
  }
  const payload = WebhookPayloadModel.safeParse(json)
  if (!payload.success)
    return Response.json({ error: 'unexpected payload: configure the projection shown in docs/operations.md', issues: payload.error.issues }, { status: 400 })
  const tags = revalidationTags(payload.data)
  // expire: 0 — the next request renders fresh data instead of being served the stale page once.
  for (const tag of tags) revalidateTag(tag, { expire: 0 })
  after(() => purgeFrontCaches(tags))
  return Response.json({ revalidated: tags })
}
