import { draftMode } from 'next/headers'
import { NextResponse } from 'next/server'
import { localRedirectTarget, sameSitePath } from '@/lib/local-redirect'
import { config } from '@/config/env'

/**
 * Leaves draft mode and returns to the page the editor was on: `?to=/path`, else the referring page
 * of this site, else the home page. Always on the site's own origin: never an open redirect.
 */
export async function GET(request: Request) {
  ;(await draftMode()).disable()
  const { siteUrl } = config()
  const to = new URL(request.url).searchParams.get('to') ?? sameSitePath(request.headers.get('referer'), siteUrl)
  return NextResponse.redirect(localRedirectTarget(to, siteUrl))
}
