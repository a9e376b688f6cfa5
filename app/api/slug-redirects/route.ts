import { getSlugRedirects } from '@/sanity/fetch'

// Read by proxy.ts; cached under the `slugs` tag, which every article publish revalidates.
export const revalidate = 60

export async function GET() {
  return Response.json(await getSlugRedirects())
}
