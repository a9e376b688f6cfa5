import { draftMode } from 'next/headers'
import { NextResponse } from 'next/server'

/**
 * Leaves draft mode and returns to the page the editor was on: `?to=/path`, else the referring page
 * of this site, else the home page. Only local paths: never an open redirect.
 */
export async function GET(request: Request) {
  ;(await draftMode()).disable()
  const url = new URL(request.url)
  let to = url.searchParams.get('to')
  const referer = request.headers.get('referer')
  if (!to && referer) {
    const from = new URL(referer, url)
    if (from.host === url.host) to = `${from.pathname}${from.search}`
  }
  const safe = to && to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\') ? to : '/'
  return NextResponse.redirect(new URL(safe, url))
}
